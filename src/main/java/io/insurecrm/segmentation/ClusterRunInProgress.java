package io.insurecrm.segmentation;

/** A need-cluster run was asked for while another one is still running (one at a time). */
public class ClusterRunInProgress extends RuntimeException {

    private final long runningId;

    public ClusterRunInProgress(long runningId) {
        super("need-cluster run " + runningId + " is still running");
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
