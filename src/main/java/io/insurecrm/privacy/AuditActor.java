package io.insurecrm.privacy;

/**
 * Who an audit row names: the actor (a staff member's username, {@code system}, {@code customer:<id>}), his role and
 * the client address of his request (null outside a request). See {@link AccessAudit#currentActor()}.
 */
public record AuditActor(String name, String role, String remoteAddress) {

    public AuditActor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An audit actor needs a name");
        }
    }

    /** Work the application does by itself (a scheduled run, the command line). */
    public static AuditActor system() {
        return new AuditActor("system", null, null);
    }
}
