package io.insurecrm.coil;

import java.util.List;

/**
 * What proposed CoIL cluster rules would do, nothing saved: the current run (null before the first finished run) and
 * the active version; per cluster (number order) its name traits now and under the proposed naming, from the z
 * profiles and book means the run stored; {@code weightsChanged} when the proposed weights differ from the active
 * ones — weights shape the clusters themselves, so they apply from the next run.
 */
public record CoilClusterRulePreview(CoilClusterRun run, int activeVersion, List<List<CoilClusterNaming.Trait>> now,
                                     List<List<CoilClusterNaming.Trait>> proposed, boolean weightsChanged) {

    public CoilClusterRulePreview {
        now = List.copyOf(now);
        proposed = List.copyOf(proposed);
    }

    /** The clusters whose name the proposed naming changes. */
    public long changed() {
        long changed = 0;
        for (int i = 0; i < now.size(); i++) {
            changed += now.get(i).equals(proposed.get(i)) ? 0 : 1;
        }
        return changed;
    }
}
