package com.pnhub.bridge.inbound;

import com.pnhub.api.metadata.Channel;
import com.pnhub.command.gateway.RequestContext;
import java.util.List;

/**
 * One consumed queue's handler, shared by the RabbitMQ listener and the HTTP push endpoint: reads and
 * validates the JSON (failures name the field), builds the request context (channel {@code MESSAGE}, the
 * operator from the message, request id = the AMQP message id when there is one) and runs the operation.
 *
 * @param <T> the parsed message
 */
public abstract class InboundHandler<T> {

    /** The legacy queue this handler consumes. */
    public abstract String queue();

    /** The contract's concurrency for the queue. */
    public abstract int defaultConcurrency();

    /** Reads the message; throws a BusinessRuleException (MISSING_PARAMETER / INVALID_PARAMETER) naming the field. */
    public abstract T parse(MessageFields fields);

    protected abstract String operator(T message);

    /** Runs the operation; the result is the push answer's DataBody. */
    protected abstract List<?> apply(T message, RequestContext context);

    /**
     * Parses, validates and applies one message.
     *
     * @param messageId the AMQP message id, or null (HTTP push, or a message without one): then a new request id
     * @param source    where it came from ("queue …", "http push from …"), kept in every resulting event's metadata
     * @return the DataBody of the answer
     */
    public final List<?> handle(byte[] body, String messageId, String source) {
        T message = parse(MessageFields.parse(body));
        String requestId = messageId == null || messageId.isBlank() ? RequestContext.newRequestId() : messageId.trim();
        return apply(message, new RequestContext(requestId, Channel.MESSAGE, operator(message), null, null, source));
    }
}
