package com.pnhub.facade.admin;

import com.pnhub.api.agents.UpdateAgentProfileCommand;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.metadata.Channel;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.command.gateway.AgentDirectory;
import com.pnhub.command.gateway.CommandDispatcher;
import com.pnhub.command.gateway.RequestContext;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
    private final NumberRules rules;

    public AgentAdminController(CommandDispatcher dispatcher, AgentDirectory directory, NumberRules rules) {
        this.dispatcher = dispatcher;
        this.directory = directory;
        this.rules = rules;
    }

    public record AgentProfile(String name, String phone) {
    }

    public record AgentResponse(String userId, String name, String phone) {
    }

    @PutMapping("/{userId}")
    @Operation(summary = "Creates or updates an agent")
    public AgentResponse put(@PathVariable String userId, @RequestBody AgentProfile profile,
                             Principal caller) {
        if (!userId.matches("\\d{1,18}")) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "userId", "必须是整数");
        }
        if (profile == null || profile.name() == null || profile.name().isBlank() || profile.name().length() > 200) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "name", "必填,最多200字");
        }
        if (profile.phone() != null && !rules.isReachable(profile.phone())) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "phone", "不是有效的真实号码");
        }
        dispatcher.send(new UpdateAgentProfileCommand(userId, profile.name().trim(), profile.phone()), null,
                RequestContext.of(Channel.API_V1, NumberAdminController.operator(caller)));
        return new AgentResponse(userId, profile.name().trim(), profile.phone());
    }

    @GetMapping("/{userId}")
    @Operation(summary = "An agent as the write side knows it")
    public ResponseEntity<AgentResponse> get(@PathVariable String userId) {
        return directory.find(userId)
                .map(a -> ResponseEntity.ok(new AgentResponse(a.userId(), a.name(), a.phone())))
                .orElseGet(() -> NotFound.problem("agent " + userId + " is not known"));
    }
}
