package com.pnhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.dyplsapi.model.v20170525.AddSecretBlacklistRequest;
import com.aliyuncs.dyplsapi.model.v20170525.BindAxnRequest;
import com.aliyuncs.dyplsapi.model.v20170525.BindAxnResponse;
import com.aliyuncs.dyplsapi.model.v20170525.QuerySubscriptionDetailRequest;
import com.aliyuncs.dyplsapi.model.v20170525.QuerySubscriptionDetailResponse;
import com.aliyuncs.dyplsapi.model.v20170525.UnbindSubscriptionRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulator started on a state file answers, after a restart, as the one before it would have. */
class ProviderSimulatorStateFileTest {

    static final String POOL = "FC200001";
    static final String X1 = "17000000011";
    static final String X2 = "17000000012";
    static final String A = "13470110001";

    final IAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou",
            SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET));

    @TempDir
    Path dir;

    @Test
    void aRestartedSimulatorStillHasThePoolsBindingsAndBlacklistOfTheOneBefore() throws Exception {
        Path file = dir.resolve("aliyun.json");
        String kept;
        String ended;
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults().withName("state-1"), file)) {
            sim.addNumbers(POOL, List.of(X1, X2));
            kept = bindAxn(sim, X1).getSecretBindDTO().getSubsId();
            ended = bindAxn(sim, X2).getSecretBindDTO().getSubsId();
            UnbindSubscriptionRequest unbind = pointed(sim, new UnbindSubscriptionRequest());
            unbind.setPoolKey(POOL);
            unbind.setSubsId(ended);
            unbind.setSecretNo(X2);
            assertThat(client.getAcsResponse(unbind).getCode()).isEqualTo("OK");
            AddSecretBlacklistRequest black = pointed(sim, new AddSecretBlacklistRequest());
            black.setPoolKey(POOL);
            black.setBlackNo("13800000009");
            black.setBlackType("PHONE_NO");
            assertThat(client.getAcsResponse(black).getCode()).isEqualTo("OK");
        }

        try (ProviderSimulator again = ProviderSimulator.start(SimulatorConfig.defaults().withName("state-2"), file)) {
            QuerySubscriptionDetailResponse.SecretBindDetailDTO live = detail(again, kept, X1);
            assertThat(live.getStatus()).isEqualTo(1L);
            assertThat(live.getPhoneNoA()).isEqualTo(A);
            assertThat(detail(again, ended, X2).getStatus()).isEqualTo(0L);
            assertThat(again.pools()).containsEntry(POOL, List.of(X1, X2));
            assertThat(again.blacklist()).singleElement().extracting(BlacklistEntry::blackNo).isEqualTo("13800000009");
            // ids go on from where the first simulator stopped: a new binding never takes an id a service still holds
            String next = bindAxn(again, X2).getSecretBindDTO().getSubsId();
            assertThat(Long.parseLong(next)).isGreaterThan(Math.max(Long.parseLong(kept), Long.parseLong(ended)));
        }
    }

    @Test
    void aChangeReachesTheFileWithinAMomentWithoutAStopAndOnlyItsOwnerCanReadIt() throws Exception {
        Path file = dir.resolve("sub").resolve("jiuyun.json");
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults().withName("state-3"), file)) {
            sim.addNumbers(POOL, List.of(X1));
            String subsId = bindAxn(sim, X1).getSecretBindDTO().getSubsId();

            await().atMost(Duration.ofSeconds(3)).until(() -> Files.exists(file) && Files.readString(file).contains(subsId));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (var left = Files.list(file.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("jiuyun.json");
            }
        }
    }

    @Test
    void anUnreadableStateFileStopsTheStartNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("dongxin.json"), "{\"format\":1,\"subscriptions\":[{\"subsId\":");

        assertThatThrownBy(() -> ProviderSimulator.start(SimulatorConfig.defaults().withName("state-4"), file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("delete it");
    }

    @Test
    void aSimulatorWithoutAStateFileWritesNothing() {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults().withName("state-5"))) {
            sim.addNumbers(POOL, List.of(X1));
            assertThat(sim.stateFile()).isEmpty();
        }
    }

    private <T extends AcsRequest<?>> T pointed(ProviderSimulator sim, T request) {
        request.setSysEndpoint(sim.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysReadTimeout(10_000);
        return request;
    }

    private BindAxnResponse bindAxn(ProviderSimulator sim, String x) throws ClientException {
        BindAxnRequest r = pointed(sim, new BindAxnRequest());
        r.setPoolKey(POOL);
        r.setPhoneNoA(A);
        r.setPhoneNoX(x);
        r.setExpiration(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(LocalDateTime.now(SimulatorConfig.BEIJING).plusDays(30)));
        BindAxnResponse response = client.getAcsResponse(r);
        assertThat(response.getCode()).as(response.getMessage()).isEqualTo("OK");
        return response;
    }

    private QuerySubscriptionDetailResponse.SecretBindDetailDTO detail(ProviderSimulator sim, String subsId, String x)
            throws ClientException {
        QuerySubscriptionDetailRequest r = pointed(sim, new QuerySubscriptionDetailRequest());
        r.setPoolKey(POOL);
        r.setSubsId(subsId);
        r.setPhoneNoX(x);
        QuerySubscriptionDetailResponse response = client.getAcsResponse(r);
        assertThat(response.getCode()).as(response.getMessage()).isEqualTo("OK");
        return response.getSecretBindDetailDTO();
    }

}
