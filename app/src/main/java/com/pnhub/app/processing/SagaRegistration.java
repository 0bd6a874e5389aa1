package com.pnhub.app.processing;

import com.pnhub.command.agent.AgentPhoneChangeSaga;
import com.pnhub.command.fault.FailoverSaga;
import com.pnhub.command.fault.FaultRecoverySaga;
import com.pnhub.command.provider.ProviderCallSaga;
import com.pnhub.command.xb.ClientBindingSaga;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;

/**
 * Registers every saga of the service with Axon, each managed by a {@link SegmentAwareSagaManager} on its own
 * pooled processor ({@code <SagaType>Processor} in application.yml). The saga classes carry no Spring stereotype:
 * this list is where a saga is added. Each one is associated by a single property in all its handlers.
 */
public final class SagaRegistration implements ConfigurerModule {

    static final List<Class<?>> SAGAS = List.of(ProviderCallSaga.class, ClientBindingSaga.class, FaultRecoverySaga.class,
            FailoverSaga.class, AgentPhoneChangeSaga.class);

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        SAGAS.forEach(type -> register(processing, type));
    }

    private static <T> void register(EventProcessingConfigurer processing, Class<T> type) {
        processing.registerSaga(type, saga -> saga.configureSagaManager(c -> manager(c, type)));
    }

    private static <T> AnnotatedSagaManager<T> manager(Configuration c, Class<T> type) {
        String group = c.eventProcessingConfiguration().sagaProcessingGroup(type);
        AnnotatedSagaManager.Builder<T> builder = AnnotatedSagaManager.<T>builder()
                .sagaType(type)
                .sagaRepository(c.eventProcessingConfiguration().sagaConfiguration(type).repository())
                .parameterResolverFactory(c.parameterResolverFactory())
                .handlerDefinition(c.handlerDefinition(type))
                .listenerInvocationErrorHandler(c.eventProcessingConfiguration().listenerInvocationErrorHandler(group))
                .spanFactory(c.getComponent(SagaManagerSpanFactory.class));
        return new SegmentAwareSagaManager<>(builder);
    }
}
