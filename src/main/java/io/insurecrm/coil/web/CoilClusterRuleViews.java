package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilClusterNaming;
import io.insurecrm.coil.CoilClusterRulePreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A preview of proposed CoIL cluster rules as the page and the API show it: the current run ({@code runId}, null
 * without one) and the rule version its names were made with, the active version, each cluster's name now and under
 * the proposed naming in both languages, and whether the weights change (they apply from the next run:
 * {@code weightsNote} says so in the reader's language, null when they do not change).
 */
record CoilClusterRuleViews(Long runId, Integer runRuleVersion, int activeVersion, long changed, boolean weightsChanged,
                            String weightsNote, List<Row> clusters) {

    /** One cluster: its number, its names now and proposed, whether they differ. */
    record Row(int clusterNo, String nowZh, String nowEn, String proposedZh, String proposedEn, boolean changed) {
    }

    static CoilClusterRuleViews of(CoilClusterRulePreview preview, MessageSource messages, Locale locale) {
        List<String> nowZh = CoilClusterNaming.renderAll(preview.now(), messages, Locale.SIMPLIFIED_CHINESE);
        List<String> nowEn = CoilClusterNaming.renderAll(preview.now(), messages, Locale.ENGLISH);
        List<String> proposedZh = CoilClusterNaming.renderAll(preview.proposed(), messages, Locale.SIMPLIFIED_CHINESE);
        List<String> proposedEn = CoilClusterNaming.renderAll(preview.proposed(), messages, Locale.ENGLISH);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < preview.now().size(); i++) {
            rows.add(new Row(i + 1, nowZh.get(i), nowEn.get(i), proposedZh.get(i), proposedEn.get(i),
                    !preview.now().get(i).equals(preview.proposed().get(i))));
        }
        String note = preview.weightsChanged() ? messages.getMessage("coil.clusterRules.weightsNextRun", null, locale) : null;
        return new CoilClusterRuleViews(preview.run() == null ? null : preview.run().id(),
                preview.run() == null ? null : preview.run().ruleVersion(), preview.activeVersion(), preview.changed(),
                preview.weightsChanged(), note, List.copyOf(rows));
    }
}
