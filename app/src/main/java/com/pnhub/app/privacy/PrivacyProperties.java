package com.pnhub.app.privacy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pnhub.privacy.*} (docs/privacy.md, ADR 0027). The master key comes from the environment: {@code master-key}
 * (base64 of 32 random bytes, in production injected from the KMS-backed secret store) or {@code master-key-file}; the
 * service refuses to start without one. {@code master-key-file-create} makes a random key file where none exists, for
 * the Run command's local profile, the bench and the fault suite only.
 */
@ConfigurationProperties("pnhub.privacy")
public record PrivacyProperties(String masterKey,
                                Path masterKeyFile,
                                @DefaultValue("false") boolean masterKeyFileCreate,
                                @DefaultValue Encryption encryption,
                                @DefaultValue("180d") Duration customerRetention,
                                @DefaultValue("1h") Duration retentionSweepInterval,
                                @DefaultValue("60s") Duration keyCacheTtl,
                                @DefaultValue("30s") Duration erasureRescrubDelay,
                                @DefaultValue("4") int keyPoolSize) {

    /** {@code enabled=false} writes personal fields in clear (the bench's comparison); encrypted ones still read. */
    public record Encryption(@DefaultValue("true") boolean enabled) {
    }
}
