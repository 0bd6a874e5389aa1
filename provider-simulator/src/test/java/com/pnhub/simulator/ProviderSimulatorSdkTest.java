package com.pnhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.CommonRequest;
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
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the simulator through the real Alibaba SDK (aliyun-java-sdk-core 4.7.10 + dyplsapi 1.3.0). */
class ProviderSimulatorSdkTest {

    static final String POOL = "FC100001";
    static final String X1 = "17000000001";
    static final String X2 = "17000000002";
    static final String A = "13470110001";
    static final String A2 = "13470110002";
    static final String B = "13800000001";
    static final String B2 = "13800000002";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    static ProviderSimulator sim;
    static IAcsClient client;

    @BeforeAll
    static void startSimulator() {
        sim = ProviderSimulator.start(SimulatorConfig.defaults().withName("sdk-test"));
        client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou",
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.resetAll();
        sim.addNumbers(POOL, List.of(X1, X2));
    }

    static <T extends AcsRequest<?>> T pointed(T request) {
        request.setSysEndpoint(sim.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysConnectTimeout(2000);
        request.setSysReadTimeout(10_000); // generous: a cold JVM is slow on the first call
        return request;
    }

    static String inMinutes(long minutes) {
        return TIME.format(LocalDateTime.now(BEIJING).plusMinutes(minutes));
    }

    static BindAxnResponse bindAxn(String x, String a) throws ClientException {
        BindAxnRequest r = pointed(new BindAxnRequest());
        r.setPoolKey(POOL);
        r.setPhoneNoA(a);
        r.setPhoneNoX(x);
        r.setExpiration(inMinutes(60 * 24 * 365));
        r.setOutId("order-1");
        return client.getAcsResponse(r);
    }

    static BindAxbResponse bindAxb(String x, String a, String b, String expiration) throws ClientException {
        BindAxbRequest r = pointed(new BindAxbRequest());
        r.setPoolKey(POOL);
        r.setPhoneNoA(a);
        r.setPhoneNoB(b);
        r.setPhoneNoX(x);
        r.setExpiration(expiration);
        return client.getAcsResponse(r);
    }

    static UnbindSubscriptionResponse unbind(String subsId, String x) throws ClientException {
        UnbindSubscriptionRequest r = pointed(new UnbindSubscriptionRequest());
        r.setPoolKey(POOL);
        r.setSubsId(subsId);
        r.setSecretNo(x);
        return client.getAcsResponse(r);
    }

    static QuerySubscriptionDetailResponse detail(String subsId, String x) throws ClientException {
        QuerySubscriptionDetailRequest r = pointed(new QuerySubscriptionDetailRequest());
        r.setPoolKey(POOL);
        r.setSubsId(subsId);
        r.setPhoneNoX(x);
        return client.getAcsResponse(r);
    }

    @Test
    void bindAxnSucceeds() throws Exception {
        BindAxnResponse resp = bindAxn(X1, A);

        assertThat(resp.getCode()).isEqualTo("OK");
        assertThat(resp.getRequestId()).isNotBlank();
        assertThat(resp.getSecretBindDTO().getSecretNo()).isEqualTo(X1);
        String subsId = resp.getSecretBindDTO().getSubsId();
        assertThat(subsId).isNotBlank();
        Subscription s = sim.subscription(subsId).orElseThrow();
        assertThat(s.type()).isEqualTo(Subscription.Type.AXN);
        assertThat(s.x()).isEqualTo(X1);
        assertThat(s.a()).isEqualTo(A);
        assertThat(s.b()).isNull();
        assertThat(s.poolKey()).isEqualTo(POOL);
        assertThat(s.outId()).isEqualTo("order-1");
        assertThat(sim.subscriptions()).hasSize(1);
    }

    @Test
    void sameXTwiceIsABindConflictReportedAsCodeNotException() throws Exception {
        assertThat(bindAxn(X1, A).getCode()).isEqualTo("OK");

        BindAxnResponse second = bindAxn(X1, A2);
        assertThat(second.getCode()).isEqualTo("isv.BIND_CONFLICT");
        assertThat(second.getMessage()).isNotBlank();
        assertThat(second.getSecretBindDTO().getSubsId()).isNull();
        assertThat(sim.subscriptions()).hasSize(1);
    }

    @Test
    void xNotInPoolIsNoAvailableNumber() throws Exception {
        assertThat(bindAxn("17099999999", A).getCode()).isEqualTo("isv.NO_AVAILABLE_NUMBER");
        sim.addNumbers("OTHER", List.of("17055555555"));
        assertThat(bindAxn("17055555555", A).getCode()).isEqualTo("isv.NO_AVAILABLE_NUMBER");
    }

    @Test
    void missingOrMalformedParametersAreInvalidParameters() throws Exception {
        BindAxnRequest r = pointed(new BindAxnRequest());
        r.setPoolKey(POOL);
        r.setPhoneNoX(X1);
        r.setExpiration(inMinutes(100));
        assertThat(client.getAcsResponse(r).getCode()).isEqualTo("isv.INVALID_PARAMETERS"); // no PhoneNoA

        r.setPhoneNoA("not-a-number");
        assertThat(client.getAcsResponse(r).getCode()).isEqualTo("isv.INVALID_PARAMETERS");

        r.setPhoneNoA(A);
        r.setExpiration("tomorrow");
        assertThat(client.getAcsResponse(r).getCode()).isEqualTo("isv.INVALID_PARAMETERS");
    }

    @Test
    void unbindEndsTheSubscriptionAndUnknownOnesDoNotExist() throws Exception {
        String subsId = bindAxn(X1, A).getSecretBindDTO().getSubsId();

        UnbindSubscriptionResponse ok = unbind(subsId, X1);
        assertThat(ok.getCode()).isEqualTo("OK");
        assertThat(sim.subscription(subsId)).isEmpty();
        assertThat(sim.anySubscription(subsId)).get().extracting(Subscription::active).isEqualTo(false);

        assertThat(unbind(subsId, X1).getCode()).isEqualTo("isv.SUBS_NOT_EXIST");
        assertThat(unbind("424242", X1).getCode()).isEqualTo("isv.SUBS_NOT_EXIST");
        // X is free again
        assertThat(bindAxn(X1, A2).getCode()).isEqualTo("OK");
    }

    @Test
    void updateMovesA() throws Exception {
        String subsId = bindAxn(X1, A).getSecretBindDTO().getSubsId();

        UpdateSubscriptionRequest r = pointed(new UpdateSubscriptionRequest());
        r.setPoolKey(POOL);
        r.setSubsId(subsId);
        r.setPhoneNoX(X1);
        r.setOperateType("updateNoA");
        r.setPhoneNoA(A2);
        UpdateSubscriptionResponse resp = client.getAcsResponse(r);

        assertThat(resp.getCode()).isEqualTo("OK");
        assertThat(sim.subscription(subsId).orElseThrow().a()).isEqualTo(A2);

        r.setSubsId("424242");
        assertThat(client.getAcsResponse(r).getCode()).isEqualTo("isv.SUBS_NOT_EXIST");

        r.setSubsId(subsId);
        r.setOperateType("updateExpire");
        r.setExpiration(inMinutes(120));
        assertThat(client.getAcsResponse(r).getCode()).isEqualTo("OK");

        r.setOperateType("doSomethingElse");
        assertThat(client.getAcsResponse(r).getCode()).isEqualTo("isv.INVALID_PARAMETERS");
    }

    @Test
    void axbNeedsExpirationAMinuteAheadTakesEachPairOnceAndEachBOnce() throws Exception {
        assertThat(bindAxb(X1, A, B, inMinutes(0)).getCode()).isEqualTo("isv.INVALID_PARAMETERS");
        assertThat(bindAxb(X1, A, B, inMinutes(-10)).getCode()).isEqualTo("isv.INVALID_PARAMETERS");

        BindAxbResponse first = bindAxb(X1, A, B, inMinutes(5));
        assertThat(first.getCode()).isEqualTo("OK");
        assertThat(first.getSecretBindDTO().getSecretNo()).isEqualTo(X1);

        assertThat(bindAxb(X1, A, B, inMinutes(5)).getCode()).isEqualTo("isv.BIND_CONFLICT");
        assertThat(bindAxb(X1, B, A, inMinutes(5)).getCode()).isEqualTo("isv.BIND_CONFLICT");
        // one X serves many disjoint pairs
        assertThat(bindAxb(X1, A2, B2, inMinutes(5)).getCode()).isEqualTo("OK");
        // the same pair on another X is fine
        assertThat(bindAxb(X2, A, B, inMinutes(5)).getCode()).isEqualTo("OK");
        // one A serves many customers on its X, but a B can be reached through an X from one A only
        assertThat(bindAxb(X1, A, "13900000003", inMinutes(5)).getCode()).isEqualTo("OK");
        assertThat(bindAxb(X1, "13900000004", B, inMinutes(5)).getCode()).isEqualTo("isv.BIND_CONFLICT");
        // the agent's own AXN binding shares the X with its AXB pairs
        assertThat(bindAxn(X1, "13900000000").getCode()).isEqualTo("OK");
        assertThat(bindAxn(X1, "13900000001").getCode()).isEqualTo("isv.BIND_CONFLICT");

        Subscription s = sim.subscription(first.getSecretBindDTO().getSubsId()).orElseThrow();
        assertThat(s.type()).isEqualTo(Subscription.Type.AXB);
        assertThat(s.b()).isEqualTo(B);
    }

    @Test
    void axbWithoutXPicksAFreeNumber() throws Exception {
        assertThat(bindAxb(null, A, B, inMinutes(5)).getSecretBindDTO().getSecretNo()).isEqualTo(X1);
        assertThat(bindAxb(null, A, B, inMinutes(5)).getSecretBindDTO().getSecretNo()).isEqualTo(X2);
        assertThat(bindAxb(null, A, B, inMinutes(5)).getCode()).isEqualTo("isv.NO_AVAILABLE_NUMBER");
    }

    @Test
    void querySubscriptionDetailAndSubsId() throws Exception {
        String subsId = bindAxn(X1, A).getSecretBindDTO().getSubsId();

        QuerySubscriptionDetailResponse resp = detail(subsId, X1);
        assertThat(resp.getCode()).isEqualTo("OK");
        QuerySubscriptionDetailResponse.SecretBindDetailDTO d = resp.getSecretBindDetailDTO();
        assertThat(d.getSubsId()).isEqualTo(subsId);
        assertThat(d.getPhoneNoA()).isEqualTo(A);
        assertThat(d.getPhoneNoX()).isEqualTo(X1);
        assertThat(d.getPhoneNoB()).isNull();
        assertThat(d.getStatus()).isEqualTo(1L);
        assertThat(d.getExpireDate()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(d.getGmtCreate()).isNotBlank();

        QuerySubsIdRequest q = pointed(new QuerySubsIdRequest());
        q.setPoolKey(POOL);
        q.setPhoneNoX(X1);
        QuerySubsIdResponse qr = client.getAcsResponse(q);
        assertThat(qr.getCode()).isEqualTo("OK");
        assertThat(qr.getSubsId()).isEqualTo(subsId);

        unbind(subsId, X1);
        assertThat(detail(subsId, X1).getSecretBindDetailDTO().getStatus()).isEqualTo(0L);
        assertThat(client.getAcsResponse(q).getCode()).isEqualTo("isv.SUBS_NOT_EXIST");
        assertThat(detail("424242", X1).getCode()).isEqualTo("isv.SUBS_NOT_EXIST");
    }

    @Test
    void blacklistAddTwiceAndDeleteAbsent() throws Exception {
        AddSecretBlacklistRequest add = pointed(new AddSecretBlacklistRequest());
        add.setPoolKey(POOL);
        add.setBlackNo(B);
        add.setBlackType("PHONE_NO");
        AddSecretBlacklistResponse added = client.getAcsResponse(add);
        assertThat(added.getCode()).isEqualTo("OK");
        assertThat(sim.blacklist()).singleElement().extracting(BlacklistEntry::blackNo).isEqualTo(B);
        assertThat(client.getAcsResponse(add).getCode()).isEqualTo("isv.BLACKLIST_EXISTS");

        DeleteSecretBlacklistRequest del = pointed(new DeleteSecretBlacklistRequest());
        del.setPoolKey(POOL);
        del.setBlackNo(B);
        del.setBlackType("PHONE_NO");
        DeleteSecretBlacklistResponse deleted = client.getAcsResponse(del);
        assertThat(deleted.getCode()).isEqualTo("OK");
        assertThat(sim.blacklist()).isEmpty();
        assertThat(client.getAcsResponse(del).getCode()).isEqualTo("isv.BLACKLIST_NOT_EXIST");
    }

    @Test
    void wrongSecretIsAClientException() {
        IAcsClient wrong = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou",
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, "not-the-secret"));
        assertThatThrownBy(() -> wrong.getAcsResponse(bindRequest()))
                .isInstanceOf(ClientException.class)
                .isNotInstanceOf(ServerException.class)
                .extracting(e -> ((ClientException) e).getErrCode())
                .isEqualTo("SDK.InvalidAccessKeySecret");
        assertThat(sim.subscriptions()).isEmpty();
    }

    @Test
    void unknownAccessKeyIdIsAClientException() {
        IAcsClient wrong = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "someone-else", "x"));
        assertThatThrownBy(() -> wrong.getAcsResponse(bindRequest()))
                .isInstanceOf(ClientException.class)
                .extracting(e -> ((ClientException) e).getErrCode())
                .isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void unknownActionIsAClientException() {
        CommonRequest r = new CommonRequest();
        r.setSysDomain(sim.endpoint());
        r.setSysProtocol(ProtocolType.HTTP);
        r.setSysMethod(MethodType.POST);
        r.setSysVersion("2017-05-25");
        r.setSysAction("NoSuchAction");
        r.setSysReadTimeout(10_000);
        assertThatThrownBy(() -> client.getCommonResponse(r))
                .isInstanceOf(ClientException.class)
                .extracting(e -> ((ClientException) e).getErrCode())
                .isEqualTo("InvalidAction.NotFound");
    }

    @Test
    void errorRateOneAnswersIspSystemErrorOrHttp503() throws Exception {
        sim.faults().setErrorRate(1.0);
        assertThat(bindAxn(X1, A).getCode()).isEqualTo("isp.SYSTEM_ERROR");

        sim.faults().setErrorStyle(Faults.ErrorStyle.HTTP_503);
        assertThatThrownBy(() -> bindAxn(X1, A))
                .isInstanceOf(ServerException.class)
                .extracting(e -> ((ClientException) e).getErrCode())
                .isEqualTo("ServiceUnavailable");
        assertThat(sim.subscriptions()).isEmpty();

        sim.faults().clear();
        assertThat(bindAxn(X1, A).getCode()).isEqualTo("OK");
    }

    @Test
    void flowLimitAnswersIsvFlowLimit() throws Exception {
        sim.faults().setFlowLimited(true);
        assertThat(bindAxn(X1, A).getCode()).isEqualTo("isv.FLOW_LIMIT");
    }

    @Test
    void downIsAConnectionFailureAndAdminApiStillHeals() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        post(http, "/_sim/faults", "{\"down\":true}");
        assertThat(sim.faults().down()).isTrue();

        assertThatThrownBy(() -> bindAxn(X1, A))
                .isInstanceOf(ClientException.class)
                .extracting(e -> ((ClientException) e).getErrCode())
                .isEqualTo("SDK.ServerUnreachable");

        HttpResponse<String> faults = post(http, "/_sim/faults", "{\"down\":false}");
        assertThat(faults.statusCode()).isEqualTo(200);
        assertThat(faults.body()).contains("\"down\":false");
        assertThat(bindAxn(X1, A).getCode()).isEqualTo("OK");
    }

    @Test
    void latencyBeyondTheReadTimeoutIsATimeout() throws Exception {
        bindAxn(X2, A); // warm connection
        sim.faults().setLatencyMillis(1500);
        BindAxnRequest r = bindRequest();
        r.setSysReadTimeout(400);
        assertThatThrownBy(() -> client.getAcsResponse(r))
                .isInstanceOf(ClientException.class)
                .extracting(e -> ((ClientException) e).getErrCode())
                .isEqualTo("SDK.ReadTimeout");
    }

    @Test
    void resetDropsRequestsStillWaitingOutTheLatency() throws Exception {
        sim.faults().setLatencyMillis(800);
        BindAxnRequest r = bindRequest();
        r.setSysReadTimeout(200);
        assertThatThrownBy(() -> client.getAcsResponse(r)).isInstanceOf(ClientException.class);
        sim.reset(); // the request above is still sleeping on the server
        Thread.sleep(1000);
        assertThat(sim.subscriptions()).isEmpty();
    }

    @Test
    void adminApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = post(http, "/_sim/pools/FC200/numbers", "[\"17100000001\",\"17100000002\"]");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(sim.pools().get("FC200")).containsExactly("17100000001", "17100000002");

        bindAxn(X1, A);
        HttpResponse<String> subs = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/subscriptions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subs.body()).contains("\"x\":\"" + X1 + "\"").contains("\"type\":\"AXN\"");

        HttpResponse<String> faults = post(http, "/_sim/faults", "{\"errorRate\":0.2,\"latencyMillis\":300,\"flowLimited\":true}");
        assertThat(faults.body()).contains("\"errorRate\":0.2").contains("\"latencyMillis\":300").contains("\"flowLimited\":true");
        assertThat(sim.faults().errorRate()).isEqualTo(0.2);

        assertThat(post(http, "/_sim/faults", "{\"errorRate\":3}").statusCode()).isEqualTo(400);

        assertThat(post(http, "/_sim/reset", "").statusCode()).isEqualTo(200);
        assertThat(sim.subscriptions()).isEmpty();
        assertThat(sim.faults().snapshot()).isEqualTo(new Faults().snapshot());
        assertThat(sim.pools()).containsKey(POOL);
    }

    @Test
    void addEndpointStyleAlsoWorks() throws Exception {
        DefaultProfile profile = DefaultProfile.getProfile("cn-test-sim",
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET);
        DefaultProfile.addEndpoint("cn-test-sim", "Dyplsapi", sim.endpoint());
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        IAcsClient viaProfile = new DefaultAcsClient(profile);
        BindAxnRequest r = new BindAxnRequest();
        r.setPoolKey(POOL);
        r.setPhoneNoA(A);
        r.setPhoneNoX(X2);
        r.setExpiration(inMinutes(100));
        r.setSysReadTimeout(10_000);
        assertThat(viaProfile.getAcsResponse(r).getCode()).isEqualTo("OK");
    }

    private static BindAxnRequest bindRequest() {
        BindAxnRequest r = pointed(new BindAxnRequest());
        r.setPoolKey(POOL);
        r.setPhoneNoA(A);
        r.setPhoneNoX(X1);
        r.setExpiration(inMinutes(100));
        return r;
    }

    private static HttpResponse<String> post(HttpClient http, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
