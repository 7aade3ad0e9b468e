package io.insurecrm.loyalty;

/** A redemption refused, with why; nothing was changed. */
public class RedemptionRefused extends RuntimeException {

    /** Why a redemption was refused; each has a message loyalty.redeem.refused.&lt;REASON&gt; (arguments: benefit, customer, detail). */
    public enum Reason { UNKNOWN_BENEFIT, NOT_A_MEMBER, NOT_ENTITLED, EXPIRED, QUOTA_EXHAUSTED, DUPLICATE_REQUEST, INVALID_REQUEST }

    private final Reason reason;
    private final String benefitCode;
    private final long customerId;
    private final String detail;

    RedemptionRefused(Reason reason, String benefitCode, long customerId, String detail) {
        super(reason + ": benefit " + benefitCode + " for customer " + customerId + (detail == null ? "" : " (" + detail + ")"));
        this.reason = reason;
        this.benefitCode = benefitCode;
        this.customerId = customerId;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String messageKey() {
        return "loyalty.redeem.refused." + reason;
    }

    public Object[] arguments() {
        return new Object[] {benefitCode, customerId, detail == null ? "" : detail};
    }
}
