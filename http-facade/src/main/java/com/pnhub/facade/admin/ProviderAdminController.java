package com.pnhub.facade.admin;

import com.pnhub.command.gateway.ProviderStatuses;
import com.pnhub.command.gateway.ProviderStatuses.ProviderStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The providers' circuit breakers and running failovers ({@link ProviderStatuses}): read-only, but the command side's
 * own state (breakers in memory, failovers in the saga store), not a projection's, so it is asked through the gateway.
 */
@RestController
@Tag(name = "providers", description = "Each provider platform's circuit breaker and running failovers")
public class ProviderAdminController {

    private final ProviderStatuses providers;

    public ProviderAdminController(ProviderStatuses providers) {
        this.providers = providers;
    }

    @GetMapping("/api/v1/providers")
    @Operation(summary = "Each configured platform's circuit state, since when, recent failure rate and running failovers")
    public List<ProviderStatus> providers() {
        return providers.all();
    }
}
