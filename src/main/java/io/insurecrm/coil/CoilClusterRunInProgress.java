package io.insurecrm.coil;

import io.insurecrm.platform.clustering.RunInProgress;

/** A CoIL need-cluster run was asked for while another one is still running (one at a time). */
public class CoilClusterRunInProgress extends RunInProgress {

    public CoilClusterRunInProgress(long runningId) {
        super("CoIL need-cluster run " + runningId + " is still running", runningId);
    }
}
