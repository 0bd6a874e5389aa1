package com.pnhub.command.provider.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.dyplsapi.model.v20170525.AddSecretBlacklistRequest;
import com.aliyuncs.dyplsapi.model.v20170525.AddSecretBlacklistResponse;
import com.aliyuncs.dyplsapi.model.v20170525.BindAxbRequest;
import com.aliyuncs.dyplsapi.model.v20170525.BindAxbResponse;
import com.aliyuncs.dyplsapi.model.v20170525.BindAxnRequest;
import com.aliyuncs.dyplsapi.model.v20170525.BindAxnResponse;
import com.aliyuncs.dyplsapi.model.v20170525.DeleteSecretBlacklistRequest;
import com.aliyuncs.dyplsapi.model.v20170525.DeleteSecretBlacklistResponse;
import com.aliyuncs.dyplsapi.model.v20170525.QuerySubsIdRequest;
import com.aliyuncs.dyplsapi.model.v20170525.QuerySubsIdResponse;
import com.aliyuncs.dyplsapi.model.v20170525.QuerySubscriptionDetailRequest;
import com.aliyuncs.dyplsapi.model.v20170525.QuerySubscriptionDetailResponse;
import com.aliyuncs.dyplsapi.model.v20170525.UnbindSubscriptionRequest;
import com.aliyuncs.dyplsapi.model.v20170525.UnbindSubscriptionResponse;
import com.aliyuncs.dyplsapi.model.v20170525.UpdateSubscriptionRequest;
import com.aliyuncs.dyplsapi.model.v20170525.UpdateSubscriptionResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NumberProvider} for Aliyun PNP (Dyplsapi 2017-05-25) on top of the official SDK.
 *
 * <p>Outcome mapping (never throws for a provider failure):
 * <ul>
 *   <li>{@code Code == OK} → {@link ProviderOutcome.Success}</li>
 *   <li>{@code isp.*}, {@code isv.FLOW_LIMIT}, {@code Throttling*}, any {@link ServerException} (HTTP 5xx),
 *       SDK-side failures ({@code SDK.ServerUnreachable}, {@code SDK.ReadTimeout}, ...) and credential /
 *       signature errors (an operator must fix the config; the operation itself is still valid)
 *       → {@link ProviderOutcome.Unavailable}</li>
 *   <li>any other code, {@code isv.*} included, whether it came as HTTP 200 with a non-OK Code (what PNP does)
 *       or as a {@link ClientException} → {@link ProviderOutcome.Refused}</li>
 * </ul>
 *
 * <p>Every request carries its own endpoint, protocol and timeouts: the SDK's Apache HTTP client is a JVM-wide
 * singleton configured by whichever client was built first, and {@code DefaultProfile.addEndpoint} is global,
 * so neither is used. Expirations are written in Beijing time, as Aliyun expects.
 */
public class AliyunNumberProvider implements NumberProvider {

    private static final Logger log = LoggerFactory.getLogger(AliyunNumberProvider.class);

    static final String ALIYUN_ENDPOINT = "dyplsapi.aliyuncs.com";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "InvalidAccessKeyId", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch", "IncompleteSignature", "SDK.InvalidAccessKeySecret", "SDK.InvalidAccessSecret",
            "InvalidTimeStamp.Expired", "SignatureNonceUsed", "Forbidden", "Forbidden.RAM",
            "Forbidden.AccessKeyDisabled", "Forbidden.AccessKey");

    private final AliyunProviderSettings settings;
    private final IAcsClient client;
    private final String endpoint;
    private final ProtocolType protocol;

    public AliyunNumberProvider(AliyunProviderSettings settings) {
        this(settings, new DefaultAcsClient(DefaultProfile.getProfile(settings.regionId(), settings.accessKeyId(),
                settings.accessKeySecret())));
    }

    /** True when this adapter talks plain HTTP (only an explicit {@code http://} endpoint does). */
    public boolean isPlainHttp() {
        return protocol == ProtocolType.HTTP;
    }

    /** With a ready client (tests, or a client with custom credentials provider). */
    public AliyunNumberProvider(AliyunProviderSettings settings, IAcsClient client) {
        this.settings = settings;
        this.client = client;
        String ep = settings.endpoint();
        if (ep == null) {
            this.endpoint = ALIYUN_ENDPOINT;
            this.protocol = ProtocolType.HTTPS;
        } else if (ep.regionMatches(true, 0, "https://", 0, 8)) {
            this.endpoint = stripSlash(ep.substring(8));
            this.protocol = ProtocolType.HTTPS;
        } else if (ep.regionMatches(true, 0, "http://", 0, 7)) {
            this.endpoint = stripSlash(ep.substring(7));
            this.protocol = ProtocolType.HTTP;
        } else {
            // without a scheme, HTTPS: provider traffic carries phone numbers, and plain HTTP must be asked for
            this.endpoint = stripSlash(ep);
            this.protocol = ProtocolType.HTTPS;
        }
        if (protocol == ProtocolType.HTTP) {
            log.warn("Aliyun PNP provider for {} talks plain HTTP to {}", settings.platform(), endpoint);
        }
        log.info("Aliyun PNP provider for {}: {}://{} region={} accessKeyId={}", settings.platform(),
                protocol == ProtocolType.HTTPS ? "https" : "http", endpoint, settings.regionId(), settings.accessKeyId());
    }

    @Override
    public Platform platform() {
        return settings.platform();
    }

    @Override
    public ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId) {
        BindAxnRequest r = prepare(new BindAxnRequest());
        r.setPoolKey(poolKey);
        r.setPhoneNoX(x);
        r.setPhoneNoA(phoneA);
        r.setExpiration(expiresIn(settings.axExpiration()));
        if (outId != null) {
            r.setOutId(outId);
        }
        return call("BindAxn", r,
                resp -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(),
                        resp.getSecretBindDTO() == null ? null : resp.getSecretBindDTO().getSubsId()),
                "pool=" + poolKey + " x=" + PhoneMask.number(x) + " a=" + PhoneMask.number(phoneA));
    }

    @Override
    public ProviderOutcome unbind(String poolKey, String subsId, String x) {
        UnbindSubscriptionRequest r = prepare(new UnbindSubscriptionRequest());
        r.setPoolKey(poolKey);
        r.setSubsId(subsId);
        r.setSecretNo(x);
        return call("UnbindSubscription", r,
                (UnbindSubscriptionResponse resp) -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(), null),
                "pool=" + poolKey + " subsId=" + subsId + " x=" + PhoneMask.number(x));
    }

    @Override
    public ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA) {
        return updateSubscription(poolKey, subsId, x, "updateNoA", r -> r.setPhoneNoA(newPhoneA), " newA=" + PhoneMask.number(newPhoneA));
    }

    /** UpdateSubscription of one kind ({@code operateType}); {@code fill} sets what that kind changes. */
    private ProviderOutcome updateSubscription(String poolKey, String subsId, String x, String operateType,
                                              java.util.function.Consumer<UpdateSubscriptionRequest> fill, String detail) {
        UpdateSubscriptionRequest r = prepare(new UpdateSubscriptionRequest());
        r.setPoolKey(poolKey);
        r.setSubsId(subsId);
        r.setPhoneNoX(x);
        r.setOperateType(operateType);
        fill.accept(r);
        return call("UpdateSubscription", r,
                (UpdateSubscriptionResponse resp) -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(), null),
                "pool=" + poolKey + " subsId=" + subsId + " x=" + PhoneMask.number(x) + detail);
    }

    // ------------------------------------------------------------------ Aliyun-only extras (not on the port)

    /** AXB binding on {@code x}; expires {@code ttl} from now (Aliyun wants more than a minute). Success carries subsId. */
    public ProviderOutcome bindAxb(String poolKey, String x, String phoneA, String phoneB, Duration ttl, String outId) {
        return bindXb(poolKey, x, phoneA, phoneB, Instant.now().plus(ttl), outId);
    }

    @Override
    public ProviderOutcome bindXb(String poolKey, String x, String phoneA, String phoneB, Instant expiresAt, String outId) {
        BindAxbRequest r = prepare(new BindAxbRequest());
        r.setPoolKey(poolKey);
        r.setPhoneNoX(x);
        r.setPhoneNoA(phoneA);
        r.setPhoneNoB(phoneB);
        r.setExpiration(EXPIRATION.format(LocalDateTime.ofInstant(expiresAt, BEIJING)));
        if (outId != null) {
            r.setOutId(outId);
        }
        return call("BindAxb", r,
                (BindAxbResponse resp) -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(),
                        resp.getSecretBindDTO() == null ? null : resp.getSecretBindDTO().getSubsId()),
                "pool=" + poolKey + " x=" + PhoneMask.number(x) + " a=" + PhoneMask.number(phoneA) + " b=" + PhoneMask.number(phoneB));
    }

    @Override
    public ProviderOutcome extendXb(String poolKey, String subsId, String x, Instant expiresAt) {
        String expiration = EXPIRATION.format(LocalDateTime.ofInstant(expiresAt, BEIJING));
        return updateSubscription(poolKey, subsId, x, "updateExpire", r -> r.setExpiration(expiration), " expires=" + expiration);
    }

    /** The subscription id of the AXN binding on {@code x} (Success.subsId). */
    @Override
    public ProviderOutcome querySubsId(String poolKey, String x) {
        QuerySubsIdRequest r = prepare(new QuerySubsIdRequest());
        r.setPoolKey(poolKey);
        r.setPhoneNoX(x);
        return call("QuerySubsId", r,
                (QuerySubsIdResponse resp) -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(), resp.getSubsId()),
                "pool=" + poolKey + " x=" + PhoneMask.number(x));
    }

    // SubscriptionDetail and DetailOutcome are the port's (NumberProvider); active is Aliyun's Status == 1

    @Override
    public DetailOutcome querySubscriptionDetail(String poolKey, String subsId, String x) {
        QuerySubscriptionDetailRequest r = prepare(new QuerySubscriptionDetailRequest());
        r.setPoolKey(poolKey);
        r.setSubsId(subsId);
        r.setPhoneNoX(x);
        SubscriptionDetail[] holder = new SubscriptionDetail[1];
        ProviderOutcome outcome = call("QuerySubscriptionDetail", r, (QuerySubscriptionDetailResponse resp) -> {
            var d = resp.getSecretBindDetailDTO();
            if ("OK".equalsIgnoreCase(resp.getCode()) && d != null) {
                holder[0] = new SubscriptionDetail(d.getSubsId(), d.getPhoneNoX(), d.getPhoneNoA(), d.getPhoneNoB(),
                        d.getStatus() != null && d.getStatus() == 1L, d.getExpireDate(), d.getGmtCreate());
            }
            return new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(), d == null ? null : d.getSubsId());
        }, "pool=" + poolKey + " subsId=" + subsId + " x=" + PhoneMask.number(x));
        return new DetailOutcome(outcome, outcome.isSuccess() ? holder[0] : null);
    }

    /**
     * The SDK 1.3.0 blacklist has no direction: a number is on a pool's blacklist or not (BlackType
     * PHONE_NO is our reading, not verified against a live account). Directions are kept by us; the
     * caller adds on the first direction and deletes when none is left. "Already there" and "not
     * there" answers count as success, so both calls are idempotent.
     */
    @Override
    public ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
        ProviderOutcome outcome = addBlacklist(poolKey, number, BLACK_TYPE, "pnhub " + direction.name().toLowerCase(Locale.ROOT));
        return alreadyDone(outcome, "isv.BLACKLIST_EXISTS");
    }

    @Override
    public ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
        ProviderOutcome outcome = deleteBlacklist(poolKey, number, BLACK_TYPE);
        return alreadyDone(outcome, "isv.BLACKLIST_NOT_EXIST");
    }

    private static final String BLACK_TYPE = "PHONE_NO";

    private static ProviderOutcome alreadyDone(ProviderOutcome outcome, String code) {
        if (outcome instanceof ProviderOutcome.Refused r && code.equals(r.code())) {
            return new ProviderOutcome.Success(null, null);
        }
        return outcome;
    }

    public ProviderOutcome addBlacklist(String poolKey, String blackNo, String blackType, String remark) {
        AddSecretBlacklistRequest r = prepare(new AddSecretBlacklistRequest());
        r.setPoolKey(poolKey);
        r.setBlackNo(blackNo);
        r.setBlackType(blackType);
        if (remark != null) {
            r.setRemark(remark);
        }
        return call("AddSecretBlacklist", r,
                (AddSecretBlacklistResponse resp) -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(), null),
                "pool=" + poolKey + " blackNo=" + PhoneMask.number(blackNo) + " type=" + blackType);
    }

    public ProviderOutcome deleteBlacklist(String poolKey, String blackNo, String blackType) {
        DeleteSecretBlacklistRequest r = prepare(new DeleteSecretBlacklistRequest());
        r.setPoolKey(poolKey);
        r.setBlackNo(blackNo);
        r.setBlackType(blackType);
        return call("DeleteSecretBlacklist", r,
                (DeleteSecretBlacklistResponse resp) -> new Answer(resp.getCode(), resp.getMessage(), resp.getRequestId(), null),
                "pool=" + poolKey + " blackNo=" + PhoneMask.number(blackNo) + " type=" + blackType);
    }

    // ------------------------------------------------------------------ mapping

    /** The four fields every Dyplsapi response has in common (plus the subsId where there is one). */
    private record Answer(String code, String message, String requestId, String subsId) {
    }

    private <T extends AcsResponse, R extends AcsRequest<T>> R prepare(R request) {
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(protocol);
        request.setSysConnectTimeout(settings.connectTimeoutMillis());
        request.setSysReadTimeout(settings.readTimeoutMillis());
        return request;
    }

    private <T extends AcsResponse> ProviderOutcome call(String action, AcsRequest<T> request,
                                                         Function<T, Answer> read, String what) {
        long start = System.nanoTime();
        ProviderOutcome outcome;
        try {
            T response = client.getAcsResponse(request);
            Answer a = read.apply(response);
            outcome = classify(a.code(), a.message(), a.requestId(), a.subsId());
        } catch (ServerException e) {
            outcome = new ProviderOutcome.Unavailable(orDefault(e.getErrCode(), "ServerError"), scrub(e.getErrMsg()));
        } catch (ClientException e) {
            outcome = classify(orDefault(e.getErrCode(), "SDK.ClientError"), e.getErrMsg(), e.getRequestId(), null);
        } catch (RuntimeException e) {
            // an SDK bug or an unreadable answer must not escape into the caller
            log.error("Aliyun {} {}: unexpected SDK failure {}", action, what, scrub(e.toString()));
            outcome = new ProviderOutcome.Unavailable("SDK.UnexpectedError", scrub(e.toString()));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (outcome instanceof ProviderOutcome.Success s) {
            log.info("Aliyun {} {} -> OK subsId={} requestId={} ({} ms)", action, what, s.subsId(), s.requestId(), ms);
        } else if (outcome instanceof ProviderOutcome.Refused r) {
            log.warn("Aliyun {} {} -> refused {}: {} ({} ms)", action, what, r.code(), r.message(), ms);
        } else if (outcome instanceof ProviderOutcome.Unavailable u) {
            if (CREDENTIAL_ERRORS.contains(u.code())) {
                log.error("Aliyun {} {} -> {}: {} — check the AccessKey settings ({} ms)", action, what, u.code(), u.message(), ms);
            } else {
                log.warn("Aliyun {} {} -> unavailable {}: {} ({} ms)", action, what, u.code(), u.message(), ms);
            }
        }
        return outcome;
    }

    /** The whole mapping from a Code (from the JSON body or a ClientException) to an outcome. */
    static ProviderOutcome classify(String code, String rawMessage, String requestId, String subsId) {
        String message = scrub(rawMessage);
        if (code == null || code.isBlank()) {
            return new ProviderOutcome.Unavailable("EmptyCode", "provider answered without a Code");
        }
        if ("OK".equalsIgnoreCase(code)) {
            return new ProviderOutcome.Success(subsId, requestId);
        }
        if (isTransient(code)) {
            return new ProviderOutcome.Unavailable(code, message);
        }
        return new ProviderOutcome.Refused(code, message);
    }

    static boolean isTransient(String code) {
        return code.startsWith("isp.")
                || code.equals("isv.FLOW_LIMIT")
                || code.startsWith("Throttling")
                || code.startsWith("SDK.")
                || code.equals("ServiceUnavailable")
                || code.equals("InternalError")
                || code.equals("UnknownError")
                || CREDENTIAL_ERRORS.contains(code);
    }

    private static final Pattern URL_QUERY = Pattern.compile("\\?\\S*");
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<!\\d)(\\d{7})\\d+(?!\\d)");

    /**
     * Provider / SDK messages can carry the request URL with every parameter (SDK.ServerUnreachable does): drop
     * query strings and mask any run of 8+ digits, so outcomes and logs never hold a full phone number.
     */
    static String scrub(String message) {
        if (message == null) {
            return null;
        }
        String noQuery = URL_QUERY.matcher(message).replaceAll("?...");
        return LONG_DIGITS.matcher(noQuery).replaceAll("$1****");
    }

    private static String expiresIn(Duration ttl) {
        return EXPIRATION.format(LocalDateTime.now(BEIJING).plus(ttl));
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

}
