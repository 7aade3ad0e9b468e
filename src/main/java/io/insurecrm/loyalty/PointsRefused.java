package io.insurecrm.loyalty;

/** A points operation refused, with why; nothing was changed. */
public class PointsRefused extends RuntimeException {

    /** Each has a message loyalty.points.refused.&lt;REASON&gt; (arguments: customer, detail). */
    public enum Reason { UNKNOWN_CUSTOMER, INVALID_POINTS, REASON_REQUIRED, INSUFFICIENT_BALANCE, DUPLICATE_REQUEST, INVALID_REQUEST }

    private final Reason reason;
    private final long customerId;
    private final String detail;

    PointsRefused(Reason reason, long customerId, String detail) {
        super(reason + ": customer " + customerId + (detail == null ? "" : " (" + detail + ")"));
        this.reason = reason;
        this.customerId = customerId;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String messageKey() {
        return "loyalty.points.refused." + reason;
    }

    public Object[] arguments() {
        return new Object[] {customerId, detail == null ? "" : detail};
    }
}
