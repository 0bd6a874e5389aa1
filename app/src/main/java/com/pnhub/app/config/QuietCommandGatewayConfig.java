package com.pnhub.app.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's command gateway as its auto-configuration builds it, but without the FailureLoggingCallback it adds by
 * default. That callback logged every refused command (a well-formed X that does not exist, a lost race) as a WARN
 * with its full stack, about 150 lines, before CommandDispatcher turned the refusal into an answer. Every command
 * here is sent with sendAndWait, so the caller always gets the failure and the handler that answers it logs what
 * is unexpected, once.
 */
@Configuration(proxyBeanMethods = false)
public class QuietCommandGatewayConfig {

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).commandCallback(NoOpCallback.INSTANCE).build();
    }
}
