package io.insurecrm.platform.security;

/**
 * Which customers a staff member may see: his own book (customers whose servicing agent he is), his branch, or all.
 * Queries take the scope's parameters so the rule is enforced in SQL, not only hidden in pages:
 * <pre>and (:scopeAll or c.agent_id = :scopeAgent or c.branch_id = :scopeBranch)</pre>
 */
public record DataScope(Kind kind, Long agentId, Long branchId) {

    public enum Kind { OWN_BOOK, BRANCH, ALL }

    /** The SQL predicate for a table alias holding {@code agent_id} and {@code branch_id}. */
    public static String predicate(String alias) {
        return "(:scopeAll or " + alias + ".agent_id = :scopeAgent or " + alias + ".branch_id = :scopeBranch)";
    }

    public DataScope {
        if (kind == Kind.OWN_BOOK && agentId == null) {
            throw new IllegalArgumentException("An own-book scope needs an agent");
        }
        if (kind == Kind.BRANCH && branchId == null) {
            throw new IllegalArgumentException("A branch scope needs a branch");
        }
    }

    public static DataScope all() {
        return new DataScope(Kind.ALL, null, null);
    }

    public static DataScope ownBook(long agentId) {
        return new DataScope(Kind.OWN_BOOK, agentId, null);
    }

    public static DataScope branch(long branchId) {
        return new DataScope(Kind.BRANCH, null, branchId);
    }

    public boolean isAll() {
        return kind == Kind.ALL;
    }

    /** Parameter values for {@link #predicate(String)}; -1 never matches an id. */
    public boolean scopeAll() {
        return isAll();
    }

    public long scopeAgent() {
        return kind == Kind.OWN_BOOK ? agentId : -1L;
    }

    public long scopeBranch() {
        return kind == Kind.BRANCH ? branchId : -1L;
    }

    public boolean permits(long customerAgentId, long customerBranchId) {
        return switch (kind) {
            case ALL -> true;
            case OWN_BOOK -> agentId == customerAgentId;
            case BRANCH -> branchId == customerBranchId;
        };
    }
}
