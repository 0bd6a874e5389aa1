package com.pnhub.command.gateway;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateEntityNotFoundException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends a command with the request's metadata and turns what the framework throws into business
 * errors: an unknown number is NUMBER_NOT_FOUND, a lost race on one aggregate (or a customer binding of it) is NUMBER_BUSY.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;

    public CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, String targetNumber, RequestContext context) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(MetaData.from(context.asMetadata())));
        } catch (AggregateNotFoundException e) {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_FOUND, targetNumber);
        } catch (ConcurrencyException | AggregateEntityNotFoundException e) {
            // a lost race on the number, or on one of its customer bindings that ended meanwhile
            throw new BusinessRuleException(ErrorCode.NUMBER_BUSY, targetNumber);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof BusinessRuleException b) {
                throw b;
            }
            throw e;
        }
    }
}
