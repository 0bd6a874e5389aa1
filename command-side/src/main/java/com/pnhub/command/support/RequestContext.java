package com.pnhub.command.support;

import com.pnhub.api.metadata.Channel;
import com.pnhub.api.metadata.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Who asked, through which channel, under which request id: becomes every resulting event's metadata. */
public record RequestContext(String requestId, Channel channel, String operator, String addUser, String lastUser) {

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
        return m;
    }
}
