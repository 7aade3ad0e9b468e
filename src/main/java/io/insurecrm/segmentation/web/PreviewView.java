package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.segmentation.SegmentPreview;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A what-if preview as the one who asked for it reads it: the job's state as {@link SegmentPreview} has it, with the
 * matrix and the tag counts as shown to his role — for analysts a cell of fewer than k customers (and the cells
 * secondary suppression adds) is null with {@code suppressed = true} (docs/privacy.md section 7). Previews are read
 * only by the one who asked, so the rule is applied for the reader when the preview is read.
 */
@Schema(description = "A what-if preview: RUNNING, DONE with its matrix (cells) or tag counts (tags), or FAILED; for "
        + "analysts small cells are null with suppressed = true and smallCellK says k")
record PreviewView(String id, String set, SegmentPreview.State state, String startedBy, Instant startedAt,
                   Instant finishedAt, boolean running, long elapsedSeconds, int baseVersion,
                   SegmentPreview.RulesNow rulesNow, int activeVersion, List<MatrixView.MigrationCount> cells,
                   List<TagPreviewView> tags, String failure, Integer smallCellK) {

    static PreviewView of(SegmentPreview p, SmallCellRule rule) {
        int k = rule.threshold();
        return new PreviewView(p.id(), p.set(), p.state(), p.startedBy(), p.startedAt(), p.finishedAt(), p.running(),
                p.elapsedSeconds(), p.baseVersion(), p.rulesNow(), p.activeVersion(),
                p.cells() == null ? null : MatrixView.of(p.cells(), k).published(),
                p.tags() == null ? null : TagPreviewView.of(p.tags(), rule), p.failure(), k > 0 ? k : null);
    }
}
