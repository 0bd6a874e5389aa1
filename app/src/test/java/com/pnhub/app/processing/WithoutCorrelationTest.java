package com.pnhub.app.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

class WithoutCorrelationTest {

    private static final EventMessage<String> EVENT =
            GenericEventMessage.<String>asEventMessage("e").withMetaData(MetaData.with("operator", "1"));

    private final CorrelationDataProvider provider =
            WithoutCorrelation.outsideReadModels(new SimpleCorrelationDataProvider("operator"));

    @Test
    void canStillCarryTheCorrelationDataWhereAHandlerMaySendAMessage() throws Exception {
        assertThat(correlationDataInside(false)).isEqualTo(Map.of("operator", "1"));
    }

    @Test
    void cannotCarryCorrelationDataInAUnitOfWorkTheReadModelMarkerMarked() throws Exception {
        assertThat(correlationDataInside(true)).isEmpty();
    }

    @Test
    void cannotLeakTheMarkOfANestedUnitOfWorkIntoItsParent() throws Exception {
        UnitOfWork<EventMessage<String>> parent = DefaultUnitOfWork.startAndGet(EVENT);
        try {
            AtomicReference<Map<String, ?>> inParent = new AtomicReference<>();
            DefaultUnitOfWork<EventMessage<String>> child = DefaultUnitOfWork.startAndGet(EVENT);
            WithoutCorrelation.marker().handle(child, () -> null);
            child.commit();
            inParent.set(provider.correlationDataFor(EVENT));
            assertThat(inParent.get()).isEqualTo(Map.of("operator", "1"));
        } finally {
            parent.rollback();
        }
    }

    private Map<String, ?> correlationDataInside(boolean marked) throws Exception {
        DefaultUnitOfWork<EventMessage<String>> uow = DefaultUnitOfWork.startAndGet(EVENT);
        try {
            if (marked) {
                WithoutCorrelation.marker().handle(uow, () -> null);
            }
            return provider.correlationDataFor(EVENT);
        } finally {
            uow.rollback();
        }
    }
}
