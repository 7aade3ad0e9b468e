package io.insurecrm.coil;

import io.insurecrm.platform.disclosure.SmallCellRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The CoIL book per segment: per need cluster of the current run ({@code run}, its version; customers loaded after it
 * are in a last row, not assigned, cluster 0) and per value band of the active value band rules (version
 * {@code valueBandVersion}, {@link CoilValueBandRules}). Each row: customers, holders (at least one policy), policies,
 * 客均合同 = policies ÷ holders, and the mean estimated annual premium in the benchmark's currency (guilders, not CNY).
 * The rows of each breakdown add up to the book's customers, holders and policies (the summary's ALL).
 */
public record CoilSegments(CoilClusterRun run, List<Row> clusters, List<Row> valueBands, int valueBandVersion, String currency) {

    public static final String CURRENCY = "NLG";

    /**
     * One segment: {@code key} the cluster number (0 = not assigned) or the value band; names in both languages;
     * {@code suppressed} (figures null) when withheld from an analyst. For a cluster: {@code previousClusterNo}, the
     * cluster of the previous finished run sharing the most members, and {@code carriedShare} (0 to 1), the share of
     * this cluster's members that were in it; null for a value band, the not-assigned row, a first run, no member in
     * common, or a withheld cluster.
     */
    public record Row(String key, String nameZh, String nameEn, Long customers, Long holders, Long policies,
                      BigDecimal contractsPerHolder, BigDecimal meanPremium, boolean suppressed, Integer previousClusterNo,
                      BigDecimal carriedShare) {

        Row withheld() {
            return new Row(key, nameZh, nameEn, null, null, null, null, null, true, null, null);
        }
    }

    /**
     * As an analyst sees it ({@link SmallCellRule}): a segment of fewer than k customers is withheld, and the next
     * smallest with it when it would be the only one (the segments add up to the book's customers).
     */
    public CoilSegments withSmallCellsWithheld(SmallCellRule rule) {
        return new CoilSegments(run, withheld(clusters, rule), withheld(valueBands, rule), valueBandVersion, currency);
    }

    private static List<Row> withheld(List<Row> rows, SmallCellRule rule) {
        SmallCellRule.Withheld cells = rule.partition(rows.stream().mapToLong(r -> r.customers() == null ? 0 : r.customers()).toArray());
        List<Row> shown = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            shown.add(cells.cell(i) ? rows.get(i).withheld() : rows.get(i));
        }
        return List.copyOf(shown);
    }
}
