package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.segmentation.ClusterNaming;
import io.insurecrm.segmentation.ClusterRun;
import io.insurecrm.segmentation.ClusterTrait;
import io.insurecrm.segmentation.NeedCluster;
import io.insurecrm.segmentation.NeedFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Need clusters as the page and the API show them: named in the reader's language and in both, with shares. */
@Component
class ClusterViews {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final Locale ENGLISH = Locale.ENGLISH;

    private final MessageSource messages;
    private final SmallCellRule smallCells;

    ClusterViews(MessageSource messages, SmallCellRule smallCells) {
        this.messages = messages;
        this.smallCells = smallCells;
    }

    /**
     * A cluster: its name in the reader's language, in Chinese and in English, and its figures (aggregates only). For
     * analysts a cluster of fewer than k customers, and the next smallest when it would be the only one (the clusters
     * add up to the run's customers), is withheld: {@code suppressed}, no figures (null), no traits, no profile — a
     * mean over a few customers is their data (docs/privacy.md section 7). Its name stays: it is the rule's wording.
     * {@code previousClusterNo} and {@code carriedShare} (0 to 1): the cluster of the previous finished run sharing
     * the most members and the share of this cluster's members that were in it; null for a first run, no member in
     * common, or a withheld cluster.
     */
    record ClusterView(int clusterNo, String name, String nameZh, String nameEn, Long customers, BigDecimal share, Long holders,
                       Long contracts, BigDecimal contractsPerHolder, List<ClusterTrait> traits, Map<NeedFeature, Double> profile,
                       Map<NeedFeature, Double> zProfile, boolean suppressed, Integer previousClusterNo, BigDecimal carriedShare) {
    }

    /** A run with its clusters (none unless it finished). */
    record RunView(ClusterRun run, List<ClusterView> clusters) {
    }

    RunView of(ClusterRun run, List<NeedCluster> clusters, Locale locale) {
        List<List<ClusterTrait>> names = clusters.stream().map(NeedCluster::traits).toList();
        List<String> local = ClusterNaming.renderAll(names, messages, locale);
        List<String> zh = ClusterNaming.renderAll(names, messages, CHINESE);
        List<String> en = ClusterNaming.renderAll(names, messages, ENGLISH);
        long total = clusters.stream().mapToLong(NeedCluster::customers).sum();
        SmallCellRule.Withheld withheld = smallCells.partition(clusters.stream().mapToLong(NeedCluster::customers).toArray());
        List<ClusterView> views = new java.util.ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            NeedCluster c = clusters.get(i);
            if (withheld.cell(i)) {
                views.add(new ClusterView(c.clusterNo(), local.get(i), zh.get(i), en.get(i), null, null, null, null, null,
                        List.of(), Map.of(), Map.of(), true, null, null));
                continue;
            }
            BigDecimal share = total == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(c.customers()).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
            views.add(new ClusterView(c.clusterNo(), local.get(i), zh.get(i), en.get(i), c.customers(), share, c.holders(),
                    c.contracts(), c.contractsPerHolder(), c.traits(), c.profile(), c.zProfile(), false, c.previousClusterNo(),
                    c.carriedShare() == null ? null : BigDecimal.valueOf(c.carriedShare()).setScale(4, RoundingMode.HALF_UP)));
        }
        return new RunView(run, views);
    }

    /** A profile value in its unit: a share as a percentage, years and claims with decimals, CNY whole. */
    public String format(NeedFeature feature, Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return switch (feature.unit()) {
            case SHARE -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case YEARS -> String.format(Locale.ROOT, "%.1f", value);
            case CNY -> String.format(Locale.ROOT, "%,.0f", value);
            case COUNT -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /** The label of a feature in a language (the profile chart and table). */
    public String feature(NeedFeature feature, Locale locale) {
        return messages.getMessage("segmentation.clusters.feature." + feature, null, feature.name(), locale);
    }
}
