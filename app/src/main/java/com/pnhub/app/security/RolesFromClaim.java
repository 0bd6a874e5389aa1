package com.pnhub.app.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A token's roles from the configured claim (a list or a space- or comma-separated string; a dotted path reaches into
 * a nested claim such as Keycloak's {@code realm_access.roles}). Only the four roles of {@link Role} count, in any case;
 * the principal's name is {@code preferred_username} when the token has one, else its subject.
 */
final class RolesFromClaim implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] path;

    RolesFromClaim(String claim) {
        this.path = claim.split("\\.");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString("preferred_username");
        return new JwtAuthenticationToken(jwt, authorities(jwt), name == null || name.isBlank() ? jwt.getSubject() : name);
    }

    Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object value = jwt.getClaims().get(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = value instanceof Map<?, ?> m ? m.get(path[i]) : null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> names.add(String.valueOf(v)));
        } else if (value instanceof String s) {
            names.addAll(List.of(s.split("[\\s,]+")));
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String n : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(n.trim().toUpperCase(Locale.ROOT))) {
                    authorities.add(new SimpleGrantedAuthority(role.authority()));
                }
            }
        }
        return authorities;
    }
}
