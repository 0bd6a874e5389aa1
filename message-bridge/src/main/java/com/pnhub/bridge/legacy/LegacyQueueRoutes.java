package com.pnhub.bridge.legacy;

import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.publish.LegacyMessageRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy queues this service produces, fed from its events by the confirmed publisher:
 * MQ108 when a customer (XB) binding's time is up (its consumer, this service again, ends it at the
 * provider), and MQ175 for every recorded call of a customer binding (the house team writes its call log).
 */
public final class LegacyQueueRoutes {

    private static final Logger log = LoggerFactory.getLogger(LegacyQueueRoutes.class);

    private LegacyQueueRoutes() {
    }

    public static void registerAll(LegacyMessageRoutes routes) {
        routes.register("MQ108", XbBindingExpiredEvent.class, BridgeTopology.SERVICE_EXCHANGE,
                BridgeTopology.MQ108_PRIVATE_NUMBER_XNB, LegacyQueueRoutes::xnb);
        routes.register("MQ175", CallRecordedEvent.class, BridgeTopology.HOUSE_EXCHANGE,
                BridgeTopology.MQ175_GET_PHONE_WRITE_LOG, LegacyQueueRoutes::phoneWriteLog);
    }

    /**
     * A and B masked as the contract's example shows them: the binding is named by telX and subId. A person erased
     * before the publisher reached the event reads back as {@code "erased"} and is sent so (its consumer, this
     * service, uses neither A nor B), never as a made-up number.
     */
    static PrivateNumberXnbMessage xnb(XbBindingExpiredEvent e) {
        return new PrivateNumberXnbMessage(e.platform().code(), PhoneMask.number(e.phoneA()), e.number(),
                PhoneMask.number(e.phoneB()), e.subsId());
    }

    /** Only calls of a customer binding concern a house; the contract's ids are numbers. */
    static PhoneWriteLogMessage phoneWriteLog(CallRecordedEvent e) {
        CallAttribution a = e.attribution();
        if (a == null || !CallAttribution.XB.equals(a.source()) || a.context() == null) {
            return null;
        }
        try {
            return new PhoneWriteLogMessage(Long.parseLong(a.userId()), a.context().mapId());
        } catch (NumberFormatException ex) {
            log.warn("call {} not sent to MQ175: agent id {} is not a number", e.record().callId(), a.userId());
            return null;
        }
    }
}
