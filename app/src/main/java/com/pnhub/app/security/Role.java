package com.pnhub.app.security;

/**
 * The roles of the admin and query API (docs/security.md). admin includes operator, operator includes viewer; auditor
 * includes viewer only: running the service does not entitle anyone to read who held a number.
 */
public enum Role {
    /** pool, lists, states; phone numbers masked in every answer. */
    VIEWER,
    /** a number's full history and holder at a time with real numbers; every such read is recorded. */
    AUDITOR,
    /** agents, number registration, fault recovery, dry-run reconciliation. */
    OPERATOR,
    /** repairing reconciliation, projection replay, consistency check, actuator details and metrics. */
    ADMIN;

    /** As a token's roles claim carries it. */
    public String claim() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    static final String HIERARCHY = """
            ROLE_ADMIN > ROLE_OPERATOR
            ROLE_OPERATOR > ROLE_VIEWER
            ROLE_AUDITOR > ROLE_VIEWER""";
}
