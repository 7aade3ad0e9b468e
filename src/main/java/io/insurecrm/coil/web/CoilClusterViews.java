package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilClusterNaming;
import io.insurecrm.coil.CoilClusterRun;
import io.insurecrm.coil.CoilClusters;
import java.math.BigDecimal;
import java.util.List;

/** A CoIL cluster run as the API shows it: the run and its clusters named in both languages (aggregates only). */
record CoilClusterViews(CoilClusterRun run, List<Named> clusters) {

    /**
     * A cluster: its names, traits, and the previous finished run's cluster sharing the most members
     * ({@code previousClusterNo}) with the share of this cluster's members that were in it ({@code carriedShare}, 0 to
     * 1); both null for a first run or no member in common.
     */
    record Named(int clusterNo, String nameZh, String nameEn, List<CoilClusterNaming.Trait> traits, Integer previousClusterNo,
                 BigDecimal carriedShare) {
    }

    static CoilClusterViews of(CoilClusterRun run, CoilClusters clusters) {
        long clustersOf = run.status() == CoilClusterRun.Status.UNCHANGED && run.unchangedFrom() != null ? run.unchangedFrom() : run.id();
        List<CoilClusters.Cluster> list = clusters.clusters(clustersOf);
        List<List<String>> names = clusters.names(list);
        return new CoilClusterViews(run, list.stream()
                .map(c -> new Named(c.clusterNo(), names.get(0).get(c.clusterNo() - 1), names.get(1).get(c.clusterNo() - 1), c.traits(),
                        c.previousClusterNo(), c.carried()))
                .toList());
    }
}
