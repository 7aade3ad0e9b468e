package io.insurecrm.engagement;

/**
 * A gateway did not take a message. {@code retryable} is true for time-outs, refused connections and 5xx answers
 * (try again later), false for an answer that will not change (a 4xx: bad recipient, rejected content).
 */
public class DeliveryFailed extends RuntimeException {

    private final boolean retryable;

    public DeliveryFailed(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    public DeliveryFailed(String reason, boolean retryable) {
        this(reason, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
