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

    private FaultWorld world;
    private String skipped;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            world = FaultWorld.create(context.getRequiredTestClass());
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
        if (world != null) {
            world.close();
        }
    }

    FaultWorld get() {
        return world;
    }
}
