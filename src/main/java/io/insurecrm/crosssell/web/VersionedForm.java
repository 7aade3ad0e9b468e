package io.insurecrm.crosssell.web;

import io.insurecrm.platform.rules.RuleChecks;

/**
 * What the gap rule and incentive editors post besides their rows: the version the form was made from (a hidden field,
 * {@code basedOnVersion}) and the reason for the change ({@code reason}).
 */
public abstract class VersionedForm {

    private String basedOnVersion;
    private String reason;

    public String getBasedOnVersion() {
        return basedOnVersion;
    }

    public void setBasedOnVersion(String basedOnVersion) {
        this.basedOnVersion = basedOnVersion;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** The version the form was made from; null when missing or not a whole number (the save names it missing). */
    public Integer basedOn() {
        return RuleChecks.version(basedOnVersion);
    }
}
