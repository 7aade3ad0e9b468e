package io.insurecrm.metrics;

/** A rebuild of the analysts' stored list was asked for while another one runs (one at a time). */
public class AnalystModelBuildInProgress extends RuntimeException {

    private final long runningId;

    public AnalystModelBuildInProgress(long runningId) {
        super("analyst list rebuild " + runningId + " is still running");
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
