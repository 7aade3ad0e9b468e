package io.insurecrm.segmentation;

import java.util.List;

/**
 * What a proposed naming rule would call the clusters of the current run, nothing saved: the run (null before the first
 * finished run), the naming version its names were made with and the active one; per cluster (number order) its
 * traits now and under the proposal, both from the z profile the run stored.
 */
public record ClusterNamingPreview(ClusterRun run, int activeVersion, List<List<ClusterTrait>> now,
                                   List<List<ClusterTrait>> proposed) {

    public ClusterNamingPreview {
        now = List.copyOf(now);
        proposed = List.copyOf(proposed);
    }

    /** The clusters whose traits the proposal changes. */
    public long changed() {
        long changed = 0;
        for (int i = 0; i < now.size(); i++) {
            changed += now.get(i).equals(proposed.get(i)) ? 0 : 1;
        }
        return changed;
    }
}
