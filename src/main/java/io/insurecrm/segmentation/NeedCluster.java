package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One cluster of a run, aggregates only: its members, the members holding an active policy and the active contracts
 * they hold (客均合同 = contracts ÷ holders), its traits (the name), the members' mean per feature in the feature's
 * unit ({@code profile}) and in book standard deviations from the book mean ({@code zProfile}); the cluster of the
 * previous finished run sharing the most members ({@code previousClusterNo}) and the share of this cluster's members
 * that were in it ({@code carriedShare}, 0 to 1), both null for a first run, a cluster sharing no member with the
 * previous run, or a run finished before clusters were followed.
 */
public record NeedCluster(long runId, int clusterNo, long customers, long holders, long contracts, BigDecimal contractsPerHolder,
                          List<ClusterTrait> traits, Map<NeedFeature, Double> profile, Map<NeedFeature, Double> zProfile,
                          Integer previousClusterNo, Double carriedShare) {
}
