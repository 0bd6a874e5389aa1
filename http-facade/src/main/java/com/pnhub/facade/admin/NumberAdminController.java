package com.pnhub.facade.admin;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.metadata.Channel;
import com.pnhub.api.numbers.RegisterNumberCommand;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.InvalidValueException;
import com.pnhub.api.values.Platform;
import com.pnhub.api.values.ValueProblem;
import com.pnhub.api.values.VirtualNumber;
import com.pnhub.command.calls.CallNumberIndex;
import com.pnhub.command.support.validation.ValidPlatform;
import com.pnhub.command.support.validation.ValidVirtualNumber;
import com.pnhub.command.gateway.CommandDispatcher;
import com.pnhub.command.gateway.FaultOperations;
import com.pnhub.command.gateway.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/numbers")
@Tag(name = "numbers", description = "The pool of virtual numbers: registration, current state, history")
public class NumberAdminController {

    private static final int MAX_BATCH = 10_000;

    private final CommandDispatcher dispatcher;
    private final NumberRules rules;
    private final FaultOperations faults;
    private final Validator validator;

    public NumberAdminController(CommandDispatcher dispatcher, NumberRules rules, FaultOperations faults,
                                 Validator validator) {
        this.dispatcher = dispatcher;
        this.validator = validator;
        this.faults = faults;
        this.rules = rules;
    }

    public record NumberRegistration(@NotNull(message = ValueProblem.REQUIRED) @ValidVirtualNumber String number,
                                     @NotNull(message = ValueProblem.REQUIRED) @ValidPlatform Integer platform,
                                     @NotNull(message = ValueProblem.REQUIRED) Long poolId,
                                     @NotNull(message = ValueProblem.REQUIRED) Long regionId) {
    }

    /** The fields in their order, so that an item with several bad fields is always reported by the same one. */
    private static final List<String> REGISTRATION_FIELDS = Arrays.stream(NumberRegistration.class.getRecordComponents())
            .map(RecordComponent::getName).toList();

    public record RegistrationResult(String number, String status, String message) {
    }

    /**
     * Registers each number on its own: an item is either registered whole or reported (invalid,
     * duplicate), never half-done; one bad item does not stop the others.
     */
    @PostMapping
    @Operation(summary = "Registers numbers into the pool; answers per item")
    public List<RegistrationResult> register(@RequestBody List<NumberRegistration> items,
                                             Principal caller) {
        if (items == null || items.isEmpty() || items.size() > MAX_BATCH) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "body", "需要1到" + MAX_BATCH + "个号码");
        }
        RequestContext ctx = RequestContext.of(Channel.API_V1, operator(caller));
        Set<String> seen = new HashSet<>();
        List<RegistrationResult> results = new ArrayList<>(items.size());
        for (NumberRegistration item : items) {
            results.add(registerOne(item, seen, ctx));
        }
        return results;
    }

    private RegistrationResult registerOne(NumberRegistration item, Set<String> seen, RequestContext ctx) {
        String number = item == null ? null : item.number();
        try {
            if (item == null) {
                throw new InvalidValueException("number", ValueProblem.MISSING);
            }
            requireValid(item);
            Platform platform = Platform.ofCode(item.platform());
            if (!seen.add(number)) {
                throw new BusinessRuleException(ErrorCode.NUMBER_ALREADY_REGISTERED, number);
            }
            dispatcher.send(new RegisterNumberCommand(number, platform, item.poolId(), item.regionId()), number, ctx);
            return new RegistrationResult(number, "registered", null);
        } catch (BusinessRuleException e) {
            String status = e.code() == ErrorCode.NUMBER_ALREADY_REGISTERED ? "duplicate" : "invalid";
            return new RegistrationResult(number, status, e.legacyMessage());
        }
    }

    /**
     * The items are validated one by one (Bean Validation, the same constraints a {@code @Valid} body would have)
     * rather than the list as a whole: one bad item is reported in its place and does not refuse the others.
     */
    private void requireValid(NumberRegistration item) {
        validator.validate(item).stream()
                .min(Comparator.comparingInt(v -> REGISTRATION_FIELDS.indexOf(v.getPropertyPath().toString())))
                .ifPresent(v -> {
                    throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, v.getPropertyPath().toString(), v.getMessage());
                });
    }

    /**
     * An operator's recovery of a fault binding: it is pushed to its provider now (a declared fault, #11, holds until
     * this, #12 or #13).
     */
    @PostMapping("/{number}/fault-recovery")
    @Operation(summary = "Pushes the number's fault binding to its provider now")
    public ResponseEntity<Map<String, Object>> recoverFault(@PathVariable String number,
                                                            Principal caller) {
        VirtualNumber.of("number", number, rules);
        boolean started = faults.recover(number, RequestContext.of(Channel.API_V1, operator(caller)));
        if (!started) {
            throw new BusinessRuleException(ErrorCode.NO_FAULT_BINDING, number);
        }
        return ResponseEntity.accepted().body(Map.of("number", number, "recovering", true));
    }

    /** The operator recorded in the events' metadata: the authenticated caller, never a header the caller chose. */
    static String operator(Principal caller) {
        return caller == null ? null : caller.getName();
    }
}
