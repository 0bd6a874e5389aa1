package com.pnhub.localrun;

import com.pnhub.api.values.Platform;
import com.pnhub.app.security.CallbackSecretFilter;
import com.pnhub.facade.callbacks.CallReportController;
import com.pnhub.simulated.ProviderSimulators;
import org.springframework.beans.factory.annotation.Value;
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

    static final String SECRET_PROPERTY = "pnhub.security.callbacks.secrets.simulator";

    private final ProviderSimulators simulators;
    private final String secret;

    public LocalCallReportReceiver(ProviderSimulators simulators, @Value("${" + SECRET_PROPERTY + "}") String secret) {
        this.simulators = simulators;
        this.secret = secret;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        String url = "http://127.0.0.1:" + event.getWebServer().getPort() + CallReportController.PATH
                + "?" + CallbackSecretFilter.SECRET_PARAMETER + "=" + secret;
        for (Platform platform : Platform.values()) {
            simulators.of(platform).setCallReportReceiver(url);
        }
    }
}
