package com.pnhub.command.number;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.AllocateTemporaryNumberCommand;
import com.pnhub.api.numbers.BindAxByPlatformCommand;
import com.pnhub.api.numbers.BindType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Legacy #16: gives the agent a free number of a platform. The free number is locked (FOR UPDATE SKIP
 * LOCKED on a partial index) for the whole unit of work in which its aggregate applies the bind, so two
 * concurrent callers can never be handed the same X and neither scans the pool.
 */
@Component
public class PoolAllocator {

    private final Repository<PrivateNumber> numbers;
    private final NumberLookup lookup;

    public PoolAllocator(Repository<PrivateNumber> numbers, NumberLookup lookup) {
        this.numbers = numbers;
        this.lookup = lookup;
    }

    /** @return the number that is being bound for the agent */
    @CommandHandler
    public String handle(BindAxByPlatformCommand cmd) {
        if (lookup.numberHeldBy(cmd.userId(), BindType.NORMAL) != null) {
            throw new BusinessRuleException(ErrorCode.USER_ALREADY_HAS_NUMBER);
        }
        String number = lookup.lockFreeNumber(cmd.platform());
        if (number == null) {
            throw new BusinessRuleException(ErrorCode.NO_FREE_NUMBER, cmd.platform().code());
        }
        numbers.load(number).execute(n -> n.startBinding(cmd.userId(), cmd.phoneA(), null, cmd.operationId(), lookup));
        return number;
    }

    /** Legacy #17: a free number of the platform becomes the agent's temporary number, as a fault binding. */
    @CommandHandler
    public String handle(AllocateTemporaryNumberCommand cmd) {
        if (lookup.numberHeldBy(cmd.userId(), BindType.TEMPORARY) != null) {
            throw new BusinessRuleException(ErrorCode.USER_ALREADY_HAS_FAULT_BINDING, cmd.userId());
        }
        String number = lookup.lockFreeNumber(cmd.platform());
        if (number == null) {
            throw new BusinessRuleException(ErrorCode.NO_FREE_NUMBER, cmd.platform().code());
        }
        numbers.load(number).execute(n -> n.startTemporaryBinding(cmd.userId(), cmd.phoneA(), cmd.operationId(), lookup));
        return number;
    }
}
