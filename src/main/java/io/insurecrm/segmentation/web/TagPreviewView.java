package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.segmentation.TagPreview;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A tag preview as shown. For analysts each of the four counts of fewer than k customers is withheld (null), and the
 * four are treated as one small breakdown since now + gained − lost = proposed: one withheld count alone could be
 * worked out from the other three, so the next smallest is withheld with it (docs/privacy.md section 7).
 */
@Schema(description = "What proposed tag rules would do to one tag; for analysts a count of fewer than k customers (and "
        + "the next smallest when it would be the only one, as now + gained - lost = proposed) is null with suppressed = true")
record TagPreviewView(String tagDimension, String tag, Long current, Long proposed, Long gained, Long lost,
                      boolean suppressed) {

    static List<TagPreviewView> of(List<TagPreview> previews, SmallCellRule rule) {
        return previews.stream().map(p -> {
            SmallCellRule.Withheld w = rule.partition(new long[] {p.current(), p.proposed(), p.gained(), p.lost()});
            return new TagPreviewView(p.tagDimension(), p.tag(), w.cell(0) ? null : p.current(), w.cell(1) ? null : p.proposed(),
                    w.cell(2) ? null : p.gained(), w.cell(3) ? null : p.lost(), w.any());
        }).toList();
    }
}
