package io.insurecrm.metrics;

import java.time.Instant;

/**
 * One rebuild of the analysts' stored list (docs/privacy.md section 7, "The stored list").
 *
 * @param phase ROWS (classing the book and writing the rows), INDEXES (indexing them), SWITCH (taking out
 *              withdrawals made meanwhile and switching readers over), DONE
 * @param progress percent, for the page
 * @param published rows of the whole book's release, once finished
 */
public record ModelBuild(long id, Status status, String phase, int progress, Trigger trigger, String reason,
                         String startedBy, Instant startedAt, Instant finishedAt, int k, Long published, Long tookMs,
                         String error) {

    public enum Status { RUNNING, FINISHED, FAILED }

    /** What started it: the nightly schedule, the start of the application (no model yet, or another key or k), a person. */
    public enum Trigger { NIGHTLY, STARTUP, MANUAL }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** The longest reason a person may give. */
    public static final int MAX_REASON = 200;

    /** A person's reason for a rebuild, stripped; refused (naming the field) when missing, blank or too long. */
    public static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new io.insurecrm.platform.web.FieldRuleViolation("reason", "analytics.model.reasonRequired", MAX_REASON);
        }
        return why;
    }
}
