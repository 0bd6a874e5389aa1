package com.pnhub.command.gateway;

import com.pnhub.api.metadata.Channel;
import com.pnhub.api.metadata.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Who asked, through which channel, from where, under which request id: becomes every resulting event's metadata, so
 * that a change (an agent's phone pushed over HTTP, say) can be traced to its source and undone.
 */
public record RequestContext(String requestId, Channel channel, String operator, String addUser, String lastUser,
                             String source) {

    /** The request attribute where the service's door leaves the admitted caller ("address 10.1.2.3"). */
    public static final String CALLER_ATTRIBUTE = "pnhub.caller";

    public RequestContext(String requestId, Channel channel, String operator, String addUser, String lastUser) {
        this(requestId, channel, operator, addUser, lastUser, null);
    }

    public RequestContext withSource(String from) {
        return new RequestContext(requestId, channel, operator, addUser, lastUser, from);
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static RequestContext of(Channel channel, String operator) {
        return new RequestContext(newRequestId(), channel, operator, null, null);
    }

    public Map<String, Object> asMetadata() {
        Map<String, Object> m = new HashMap<>();
        m.put(MetadataKeys.REQUEST_ID, requestId);
        m.put(MetadataKeys.CHANNEL, channel.name());
        if (operator != null) {
            m.put(MetadataKeys.OPERATOR, operator);
        }
        if (addUser != null) {
            m.put(MetadataKeys.ADD_USER, addUser);
        }
        if (lastUser != null) {
            m.put(MetadataKeys.LAST_USER, lastUser);
        }
        if (source != null) {
            m.put(MetadataKeys.SOURCE, source);
        }
        return m;
    }
}
