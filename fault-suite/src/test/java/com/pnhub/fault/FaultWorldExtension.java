package com.pnhub.fault;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * One {@link FaultWorld} per test class: {@code @RegisterExtension static final FaultWorldExtension world = …}.
 * Where the world cannot be had (no shared servers), each test is reported skipped with the reason: an
 * assumption failing in a class-level callback would only make the class vanish from the counts.
 */
final class FaultWorldExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final FaultWorld.Postgres postgres;
    private FaultWorld world;
    private String skipped;

    /** A world on the machine's PostgreSQL. */
    FaultWorldExtension() {
        this(FaultWorld.MACHINE_POSTGRES);
    }

    /** A world on {@code postgres}, started before the world and closed after it. */
    FaultWorldExtension(FaultWorld.Postgres postgres) {
        this.postgres = postgres;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            postgres.start();
            world = FaultWorld.create(context.getRequiredTestClass(), postgres);
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            postgres.close();
        }
    }

    FaultWorld get() {
        return world;
    }
}
