package com.pnhub.app.local;

import com.pnhub.app.admin.ProjectionAdminController;
import com.pnhub.query.redis.UserAxsProjection;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The local profile keeps PostgreSQL on disk (./data/pg) but its embedded Redis in memory, so after a
 * restart the projection's tokens say "done" while the hash is empty: rebuild it from the event store.
 */
@Component
@Profile(LocalEnvironment.PROFILE)
public class LocalRedisRebuild {

    private final ProjectionAdminController projections;

    public LocalRedisRebuild(ProjectionAdminController projections) {
        this.projections = projections;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuild() {
        projections.replayNow(UserAxsProjection.PROCESSING_GROUP);
    }
}
