package io.insurecrm.platform.clustering;

/** A clustering run was asked for while another one of the same kind is still running (one at a time). */
public class RunInProgress extends RuntimeException {

    private final long runningId;

    protected RunInProgress(String message, long runningId) {
        super(message);
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
