package io.insurecrm.segmentation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One cluster of a run, aggregates only: its members, the members holding an active policy and the active contracts
 * they hold (客均合同 = contracts ÷ holders), its traits (the name), the members' mean per feature in the feature's
 * unit ({@code profile}) and in book standard deviations from the book mean ({@code zProfile}).
 */
public record NeedCluster(long runId, int clusterNo, long customers, long holders, long contracts, BigDecimal contractsPerHolder,
                          List<ClusterTrait> traits, Map<NeedFeature, Double> profile, Map<NeedFeature, Double> zProfile) {
}
