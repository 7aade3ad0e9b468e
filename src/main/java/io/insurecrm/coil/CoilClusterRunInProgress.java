package io.insurecrm.coil;

/** A CoIL need-cluster run was asked for while another one is still running (one at a time). */
public class CoilClusterRunInProgress extends RuntimeException {

    private final long runningId;

    public CoilClusterRunInProgress(long runningId) {
        super("CoIL need-cluster run " + runningId + " is still running");
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
