package com.pnhub.localrun;

import com.pnhub.app.security.Role;
import com.pnhub.localinfra.LocalIdentityProvider;
import com.pnhub.localinfra.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Run command's stand-in for the identity provider: a key made at start, its public key given to the service as a
 * provider's would be, and one token per role written to {@code data/local-tokens/<role>} (readable by this user only)
 * and named once in the start-up log. The key dies with the process, so the tokens are good for this run only. Legacy
 * callers on this machine's loopback addresses are let in, as MIS would be from its allow-listed address.
 */
final class LocalTokens {

    private static final Logger log = LoggerFactory.getLogger(LocalTokens.class);
    private static final Duration VALID_FOR = Duration.ofHours(12);

    private LocalTokens() {
    }

    static Map<String, Object> issue(Path folder) {
        LocalIdentityProvider key = LocalIdentityProvider.generate();
        Map<String, Object> props = new HashMap<>(key.publish(folder.resolve("public-key.pem")));
        props.put("pnhub.security.legacy.allowed-callers", "127.0.0.1/8,::1/128");
        // the simulators' call-record pushes carry it in their receiver URL (LocalCallReportReceiver)
        props.put(LocalCallReportReceiver.SECRET_PROPERTY, java.util.UUID.randomUUID().toString());
        try {
            for (Role role : Role.values()) {
                String name = role.name().toLowerCase(Locale.ROOT);
                OwnerOnlyFiles.write(folder.resolve(name), key.token("local-" + name, VALID_FOR, role.claim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path shown = Path.of(System.getProperty("user.dir")).relativize(folder.toAbsolutePath());
        log.info("local tokens for this run (12 h), one per role in {}/{viewer,auditor,operator,admin}: "
                + "curl -H \"Authorization: Bearer $(cat {}/admin)\" localhost:8080/api/v1/pool/summary", shown, shown);
        return props;
    }
}
