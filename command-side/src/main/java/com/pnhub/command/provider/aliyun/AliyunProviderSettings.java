package com.pnhub.command.provider.aliyun;

import com.pnhub.api.values.Platform;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Aliyun PNP (Dyplsapi 2017-05-25).
 *
 * @param platform             the platform this adapter serves, normally {@link Platform#ALIYUN}
 * @param regionId             e.g. {@code cn-hangzhou}
 * @param endpoint             {@code null} = Aliyun's real endpoint {@code dyplsapi.aliyuncs.com} over HTTPS; otherwise
 *                             {@code host:port} with an optional scheme. {@code http://h:p} / {@code https://h:p}
 *                             pick the protocol; a bare {@code host:port} means HTTPS (plain HTTP only when asked for,
 *                             and the service refuses it unless {@code pnhub.provider-endpoints.allow-plain-http})
 * @param accessKeyId          the AccessKey id
 * @param accessKeySecret      its secret (never logged)
 * @param connectTimeoutMillis per-request connect timeout
 * @param readTimeoutMillis    per-request read timeout
 * @param axExpiration         how far ahead AX bindings expire (they are meant to live until unbound)
 */
public record AliyunProviderSettings(Platform platform, String regionId, String endpoint, String accessKeyId,
                                     String accessKeySecret, int connectTimeoutMillis, int readTimeoutMillis,
                                     Duration axExpiration) {

    public static final String DEFAULT_REGION = "cn-hangzhou";
    public static final Duration DEFAULT_AX_EXPIRATION = Duration.ofDays(3650);

    public AliyunProviderSettings {
        platform = platform == null ? Platform.ALIYUN : platform;
        regionId = regionId == null || regionId.isBlank() ? DEFAULT_REGION : regionId;
        endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        if (connectTimeoutMillis <= 0) {
            connectTimeoutMillis = 3000;
        }
        if (readTimeoutMillis <= 0) {
            readTimeoutMillis = 5000;
        }
        axExpiration = axExpiration == null || axExpiration.isNegative() || axExpiration.isZero()
                ? DEFAULT_AX_EXPIRATION : axExpiration;
        if (axExpiration.compareTo(Duration.ofMinutes(2)) < 0) {
            throw new IllegalArgumentException("axExpiration must be at least 2 minutes (Aliyun wants > 1 minute)");
        }
    }

    @Override
    public String toString() {
        return "AliyunProviderSettings[platform=" + platform + ", regionId=" + regionId + ", endpoint=" + endpoint
                + ", accessKeyId=" + accessKeyId + ", accessKeySecret=****, connectTimeoutMillis=" + connectTimeoutMillis
                + ", readTimeoutMillis=" + readTimeoutMillis + ", axExpiration=" + axExpiration + "]";
    }
}
