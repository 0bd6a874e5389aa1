package com.pnhub.localinfra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stand-in for the company's identity provider, as the embedded servers stand in for the others: a signing
 * key made for one run, for the Run command's local profile, the tests and the fault suite. The service verifies tokens with its public key through Spring Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, exactly as it would a provider's key; the
 * private key never leaves the process that made it, so a token is good only for that run.
 */
public final class LocalIdentityProvider {

    public static final String PUBLIC_KEY_PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location";
    private static final String KEY_ID = "pnhub-local";

    private final KeyPair keys;

    private LocalIdentityProvider(KeyPair keys) {
        this.keys = keys;
    }

    public static LocalIdentityProvider generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new LocalIdentityProvider(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key (PEM) to {@code file} and answers the property that points the service at it. */
    public Map<String, Object> publish(Path file) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(PUBLIC_KEY_PROPERTY, file.toAbsolutePath().toUri().toString());
    }

    /** The public key as a JSON Web Key Set, what an OIDC issuer publishes at its {@code jwks_uri}. */
    public String jwkSet() {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(KEY_ID).build()).toString();
    }

    /** A token for {@code subject} with the given roles (lower case) in the {@code roles} claim. */
    public String token(String subject, Duration validFor, String... roles) {
        return token(subject, validFor, Map.of("roles", List.of(roles)));
    }

    /** A token for {@code subject} with other claims besides (an issuer's {@code iss}, Keycloak's {@code realm_access}). */
    public String token(String subject, Duration validFor, Map<String, Object> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("preferred_username", subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)))
                .jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), builder.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
