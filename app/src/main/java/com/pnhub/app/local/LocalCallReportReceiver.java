package com.pnhub.app.local;

import com.pnhub.api.numbers.Platform;
import com.pnhub.command.calls.CallReportController;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the local profile the simulators push their call records (SecretReport) to this service, as a PNP account
 * whose receiver URL is set to it would: POST /_sim/calls on a simulator then shows up in the number's history.
 */
@Component
@Profile(LocalEnvironment.PROFILE)
public class LocalCallReportReceiver {

    private final LocalEnvironment.ProviderSimulators simulators;

    public LocalCallReportReceiver(LocalEnvironment.ProviderSimulators simulators) {
        this.simulators = simulators;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        String url = "http://127.0.0.1:" + event.getWebServer().getPort() + CallReportController.PATH;
        for (Platform platform : Platform.values()) {
            simulators.of(platform).setCallReportReceiver(url);
        }
    }
}
