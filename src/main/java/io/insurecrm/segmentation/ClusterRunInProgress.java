package io.insurecrm.segmentation;

import io.insurecrm.platform.clustering.RunInProgress;

/** A need-cluster run was asked for while another one is still running (one at a time). */
public class ClusterRunInProgress extends RunInProgress {

    public ClusterRunInProgress(long runningId) {
        super("need-cluster run " + runningId + " is still running", runningId);
    }
}
