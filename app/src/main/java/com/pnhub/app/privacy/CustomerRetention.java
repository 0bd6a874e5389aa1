package com.pnhub.app.privacy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer numbers are kept for their purpose only: while a customer binding lives and for the call-record retention
 * after it. {@code pnhub.privacy.customer-retention} (default 180 days) after a number's key was last used to encrypt
 * (its last binding, expiry or call), the number is shredded. A db-scheduler task: one instance at a time runs it.
 */
public final class CustomerRetention {

    public static final String TASK = "personal-data-retention";
    private static final Logger log = LoggerFactory.getLogger(CustomerRetention.class);
    private static final int BATCH = 500;

    private CustomerRetention() {
    }

    static RecurringTask<Void> task(PersonalDataErasures erasures, PrivacyProperties properties, Clock clock) {
        return Tasks.recurring(TASK, FixedDelay.of(properties.retentionSweepInterval()))
                .execute((instance, context) -> sweep(erasures, properties, clock));
    }

    /** Shreds in batches until no customer is past the retention; the number shredded. */
    static int sweep(PersonalDataErasures erasures, PrivacyProperties properties, Clock clock) {
        Instant cutoff = clock.instant().minus(properties.customerRetention());
        int shredded = 0;
        List<PersonalDataErasures.Erasure> batch;
        do {
            batch = erasures.shredCustomersUnusedSince(cutoff, BATCH);
            shredded += batch.size();
        } while (batch.size() >= BATCH);
        if (shredded > 0) {
            log.info("customer retention: {} customer numbers unused since {} shredded", shredded, cutoff);
        }
        return shredded;
    }
}
