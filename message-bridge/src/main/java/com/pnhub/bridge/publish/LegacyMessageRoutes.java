package com.pnhub.bridge.publish;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;

/**
 * Which events also go to a legacy queue the service produces (MQ108 {@code service_exchange1_privatenumberXNB},
 * MQ175 {@code house_exchange1_GetPhoneWriteLog}), and with which body. The publisher processor sends, for each
 * event, one message to {@code pnhub.events} and one per matching route, each confirmed before the token moves.
 *
 * <p>A route's body function returns the legacy message (a record, serialized as JSON) or {@code null} when
 * this particular event is not for that queue. The production routes (MQ108 at a customer binding's expiry,
 * MQ175 per customer-binding call) are registered by {@link com.pnhub.bridge.legacy.LegacyQueueRoutes}.
 */
public class LegacyMessageRoutes {

    public record Route(String name, String exchange, String routingKey, Function<EventMessage<?>, Object> body) {
    }

    private final Map<Class<?>, List<Route>> routes = new ConcurrentHashMap<>();

    /** Adds a route for events whose payload is {@code payloadType} (exactly that class). */
    @SuppressWarnings("unchecked")
    public <T> Route register(String name, Class<T> payloadType, String exchange, String routingKey,
                              Function<T, Object> body) {
        Route route = new Route(name, exchange, routingKey, e -> body.apply((T) e.getPayload()));
        routes.computeIfAbsent(payloadType, k -> new CopyOnWriteArrayList<>()).add(route);
        return route;
    }

    /** Removes a route (tests register and remove their own). */
    public void remove(Route route) {
        routes.values().forEach(list -> list.remove(route));
    }

    public List<Route> routesFor(Class<?> payloadType) {
        List<Route> list = routes.get(payloadType);
        return list == null ? List.of() : list;
    }
}
