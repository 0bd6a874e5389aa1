package com.pnhub.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user who wants a stable simulator address asks for its port; the others still get free ones. */
class SimulatorPortsTest {

    @Test
    void aSimulatorPortGivenAsAnArgumentIsTheOneItListensOn() throws IOException {
        int port = freePort();
        Map<Platform, Integer> ports = LocalEnvironment.simulatorPorts(new String[] {
                "--server.port=0", "--" + LocalEnvironment.SIMULATOR_PORT + "aliyun=" + port});

        assertThat(ports).containsExactly(Map.entry(Platform.ALIYUN, port));
        try (ProviderSimulators simulators = ProviderSimulators.start(null, ports)) {
            assertThat(simulators.endpoints().get(Platform.ALIYUN)).endsWith(":" + port);
            assertThat(simulators.endpoints().get(Platform.DONGXIN)).doesNotEndWith(":0").doesNotEndWith(":" + port);
        }
    }

    @Test
    void noSimulatorPortAskedForLeavesEveryOneFree() {
        assertThat(LocalEnvironment.simulatorPorts(new String[0])).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
