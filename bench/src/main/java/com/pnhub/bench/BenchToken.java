package com.pnhub.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * The run's stand-in for the company's identity provider: a key pair made for the run, its public key written for the
 * service ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and one admin token signed with it.
 */
final class BenchToken {

    private final Path publicKeyFile;
    private final String admin;

    private BenchToken(Path publicKeyFile, String admin) {
        this.publicKeyFile = publicKeyFile;
        this.admin = admin;
    }

    static BenchToken generate(Path publicKeyFile) throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(publicKeyFile.toAbsolutePath().getParent());
        Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject("bench").claim("preferred_username", "bench").claim("roles", List.of("admin", "auditor"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(6)))).build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new BenchToken(publicKeyFile.toAbsolutePath(), jwt.serialize());
    }

    Path publicKeyFile() {
        return publicKeyFile;
    }

    String admin() {
        return admin;
    }
}
