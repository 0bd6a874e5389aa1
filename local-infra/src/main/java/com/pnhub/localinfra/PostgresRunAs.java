package com.pnhub.localinfra;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the PostgreSQL binaries are launched. {@code initdb} and {@code postgres} refuse to run as root
 * ("cannot be run as root"), so when this JVM is root one of these is used, in this order (the first that
 * works on this machine wins; override with {@code -Dpnhub.localinfra.pg.run-as=unshare|setpriv|runuser|direct}):
 * <ol>
 *   <li>{@code unshare -U}: the binaries run in a new, unmapped user namespace where they see themselves as
 *       uid 65534, while on disk they still act as root (files stay root-owned, no chown, no path-permission
 *       issues). This is what zonky's own {@code EmbeddedPostgres} does. Needs user namespaces (often disabled
 *       in Docker by the default seccomp profile).</li>
 *   <li>{@code setpriv --reuid/--regid --clear-groups} (util-linux) as {@code nobody}: the data dir is
 *       chown-ed to nobody; the binaries are extracted world-readable.</li>
 *   <li>{@code runuser -u nobody --}.</li>
 * </ol>
 * For a normal user the binaries are run directly.
 */
final class PostgresRunAs {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRunAs.class);
    static final String PROPERTY = "pnhub.localinfra.pg.run-as";

    enum Mode { DIRECT, UNSHARE, SETPRIV, RUNUSER }

    final Mode mode;
    /** Command prefix to put before the binary. */
    final List<String> prefix;
    /** uid/gid that must own the data directory, or -1 to leave ownership alone. */
    final int ownerUid;
    final int ownerGid;

    private PostgresRunAs(Mode mode, List<String> prefix, int ownerUid, int ownerGid) {
        this.mode = mode;
        this.prefix = prefix;
        this.ownerUid = ownerUid;
        this.ownerGid = ownerGid;
    }

    private static PostgresRunAs detected;

    static synchronized PostgresRunAs detect() {
        if (detected == null) {
            detected = doDetect();
            LOG.debug("PostgreSQL binaries will run in mode {} {}", detected.mode, detected.prefix);
        }
        return detected;
    }

    boolean dropsToOtherUser() {
        return mode == Mode.SETPRIV || mode == Mode.RUNUSER;
    }

    @Override
    public String toString() {
        return mode + (prefix.isEmpty() ? "" : " " + String.join(" ", prefix));
    }

    private static PostgresRunAs doDetect() {
        return detect(System.getProperty(PROPERTY, ""));
    }

    /** Uncached detection; {@code forced} is blank (auto) or one of direct/unshare/setpriv/runuser. */
    static PostgresRunAs detect(String forcedMode) {
        String forced = forcedMode == null ? "" : forcedMode.trim().toLowerCase(Locale.ROOT);
        if (!OsSupport.isRoot() && forced.isEmpty()) {
            return new PostgresRunAs(Mode.DIRECT, List.of(), -1, -1);
        }
        int uid = lookupId("-u", 65534);
        int gid = lookupId("-g", 65534);
        if (forced.isEmpty() || forced.equals("unshare")) {
            PostgresRunAs c = new PostgresRunAs(Mode.UNSHARE, List.of("unshare", "-U"), 0, 0);
            if (works(c, forced)) {
                return c;
            }
        }
        if (forced.isEmpty() || forced.equals("setpriv")) {
            PostgresRunAs c = new PostgresRunAs(Mode.SETPRIV,
                    List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"), uid, gid);
            if (works(c, forced)) {
                return c;
            }
        }
        if (forced.isEmpty() || forced.equals("runuser")) {
            PostgresRunAs c = new PostgresRunAs(Mode.RUNUSER, List.of("runuser", "-u", "nobody", "--"), uid, gid);
            if (works(c, forced)) {
                return c;
            }
        }
        if (forced.equals("direct")) {
            return new PostgresRunAs(Mode.DIRECT, List.of(), -1, -1);
        }
        throw new IllegalStateException("Running as root, and PostgreSQL refuses to run as root: none of "
                + "'unshare -U', 'setpriv' or 'runuser -u nobody' works on this machine"
                + (forced.isEmpty() ? "" : " (forced " + PROPERTY + "=" + forced + ")")
                + ". Run as a non-root user, or install util-linux.");
    }

    private static boolean works(PostgresRunAs candidate, String forced) {
        OsSupport.Result r = OsSupport.run(OsSupport.concat(candidate.prefix, "id", "-u"), 10);
        boolean ok = r.ok() && !r.output.isEmpty() && !"0".equals(r.output.lines().reduce((a, b) -> b).orElse("0"));
        if (!ok) {
            (forced.isEmpty() ? LOG.atDebug() : LOG.atWarn())
                    .log("PostgreSQL run-as mode {} not usable here: exit {} {}", candidate.mode, r.exitCode, r.output);
        }
        return ok;
    }

    private static int lookupId(String flag, int fallback) {
        OsSupport.Result r = OsSupport.run(List.of("id", flag, "nobody"), 10);
        try {
            return r.ok() ? Integer.parseInt(r.output.trim()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
