package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.segmentation.SegmentCount;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Customers in a segment as shown: for analysts a segment of fewer than k customers, and the next smallest when it is
 * the only one (the segments add up to the customers in scope), is withheld (docs/privacy.md section 7).
 */
@Schema(description = "Customers currently in a segment; for analysts a segment of fewer than k customers (and the next "
        + "smallest when it would be the only one) has suppressed = true and customers null")
record SegmentCountView(String segment, Long customers, boolean suppressed) {

    static List<SegmentCountView> of(List<SegmentCount> counts, SmallCellRule rule) {
        SmallCellRule.Withheld withheld = rule.partition(counts.stream().mapToLong(SegmentCount::customers).toArray());
        List<SegmentCountView> views = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            SegmentCount count = counts.get(i);
            views.add(withheld.cell(i) ? new SegmentCountView(count.segment(), null, true)
                    : new SegmentCountView(count.segment(), count.customers(), false));
        }
        return List.copyOf(views);
    }
}
