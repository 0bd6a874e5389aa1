package com.pnhub.fault;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One {@link FaultWorld} per test class: {@code @RegisterExtension static final FaultWorldExtension world = …}. */
final class FaultWorldExtension implements BeforeAllCallback, AfterAllCallback {

    private FaultWorld world;

    @Override
    public void beforeAll(ExtensionContext context) {
        world = FaultWorld.create(context.getRequiredTestClass());
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
