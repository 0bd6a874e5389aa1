package com.pnhub.app.processing;

import java.util.Collections;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Correlation data only where a handler may send a message. Axon computes a unit of work's correlation data for
 * every message it creates in it, the result message of each handled event included, and the providers read the
 * handled event's metadata: in a projection, which sends nothing, that deserialised every event's metadata for a
 * result nobody reads (about a fifth of a replay's CPU, docs/benchmarks.md). The processors of read models and of
 * the broker publisher mark their units of work ({@link #marker()}, app's AxonProcessingConfig); the wrapped
 * providers answer nothing there.
 */
public final class WithoutCorrelation implements CorrelationDataProvider {

    private static final String RESOURCE = WithoutCorrelation.class.getName();

    private final CorrelationDataProvider delegate;

    private WithoutCorrelation(CorrelationDataProvider delegate) {
        this.delegate = delegate;
    }

    /** {@code provider}, answering nothing inside a unit of work that {@link #marker()} marked. */
    public static CorrelationDataProvider outsideReadModels(CorrelationDataProvider provider) {
        return new WithoutCorrelation(provider);
    }

    /** The handler interceptor of those processors: it marks the unit of work (a batch's, shared by its events). */
    public static MessageHandlerInterceptor<EventMessage<?>> marker() {
        return new Marker();
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().resources().containsKey(RESOURCE)) {
            return Collections.emptyMap();
        }
        return delegate.correlationDataFor(message);
    }

    private static final class Marker implements MessageHandlerInterceptor<EventMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            // this unit of work only, never its parent: a subscribing processor's parent is the command's own
            unitOfWork.resources().putIfAbsent(RESOURCE, Boolean.TRUE);
            return chain.proceed();
        }
    }
}
