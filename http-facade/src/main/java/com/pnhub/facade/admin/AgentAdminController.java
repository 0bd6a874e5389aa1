package com.pnhub.facade.admin;

import com.pnhub.api.agents.UpdateAgentProfileCommand;
import com.pnhub.api.metadata.Channel;
import com.pnhub.api.values.UserId;
import com.pnhub.command.support.validation.ValidPhoneNumber;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.command.gateway.AgentDirectory;
import com.pnhub.command.gateway.CommandDispatcher;
import com.pnhub.command.gateway.RequestContext;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/agents")
@Tag(name = "agents", description = "The agent directory: name and current phone A of each employee")
public class AgentAdminController {

    private final CommandDispatcher dispatcher;
    private final AgentDirectory directory;

    public AgentAdminController(CommandDispatcher dispatcher, AgentDirectory directory) {
        this.dispatcher = dispatcher;
        this.directory = directory;
    }

    /** The text the name's constraints answer: one rule, said once. */
    static final String NAME_RULE = "必填,最多200字";

    public record AgentProfile(@NotBlank(message = NAME_RULE) @Size(max = 200, message = NAME_RULE) String name,
                               @ValidPhoneNumber String phone) {
    }

    public record AgentResponse(String userId, String name, String phone) {
    }

    @PutMapping("/{userId}")
    @Operation(summary = "Creates or updates an agent")
    public AgentResponse put(@PathVariable String userId, @Valid @RequestBody AgentProfile profile,
                             Principal caller) {
        String id = UserId.of("userId", userId).value();
        dispatcher.send(new UpdateAgentProfileCommand(id, profile.name().trim(), profile.phone()), null,
                RequestContext.of(Channel.API_V1, NumberAdminController.operator(caller)));
        return new AgentResponse(id, profile.name().trim(), profile.phone());
    }

    @GetMapping("/{userId}")
    @Operation(summary = "An agent as the write side knows it")
    public ResponseEntity<AgentResponse> get(@PathVariable String userId) {
        return directory.find(userId)
                .map(a -> ResponseEntity.ok(new AgentResponse(a.userId(), a.name(), a.phone())))
                .orElseGet(() -> NotFound.problem("agent " + userId + " is not known"));
    }
}
