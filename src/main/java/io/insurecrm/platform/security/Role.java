package io.insurecrm.platform.security;

/** Staff roles. Each role's data scope follows from it: own book, branch, or the whole book. */
public enum Role {
    AGENT, ADVISOR, BRANCH_MANAGER, ANALYST, COMPLIANCE, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
