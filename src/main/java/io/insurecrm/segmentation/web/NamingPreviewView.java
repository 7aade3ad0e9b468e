package io.insurecrm.segmentation.web;

import io.insurecrm.segmentation.ClusterNaming;
import io.insurecrm.segmentation.ClusterNamingPreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A preview of a proposed naming rule as the page and the API show it: the current run ({@code runId}, null without
 * one) and the naming version its names were made with, the active version, and each cluster's name now and under the
 * proposal in both languages. Names only: no figure of a cluster, so nothing small cells would withhold.
 */
record NamingPreviewView(Long runId, Integer runNamingVersion, int activeVersion, long changed, List<Row> clusters) {

    /** One cluster: its number, its names now and proposed, whether they differ. */
    record Row(int clusterNo, String nowZh, String nowEn, String proposedZh, String proposedEn, boolean changed) {
    }

    static NamingPreviewView of(ClusterNamingPreview preview, MessageSource messages) {
        List<String> nowZh = ClusterNaming.renderAll(preview.now(), messages, ClusterViews.CHINESE);
        List<String> nowEn = ClusterNaming.renderAll(preview.now(), messages, ClusterViews.ENGLISH);
        List<String> proposedZh = ClusterNaming.renderAll(preview.proposed(), messages, ClusterViews.CHINESE);
        List<String> proposedEn = ClusterNaming.renderAll(preview.proposed(), messages, ClusterViews.ENGLISH);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < preview.now().size(); i++) {
            rows.add(new Row(i + 1, nowZh.get(i), nowEn.get(i), proposedZh.get(i), proposedEn.get(i),
                    !preview.now().get(i).equals(preview.proposed().get(i))));
        }
        return new NamingPreviewView(preview.run() == null ? null : preview.run().id(),
                preview.run() == null ? null : preview.run().ruleVersion(), preview.activeVersion(), preview.changed(),
                List.copyOf(rows));
    }

    /** The name of cluster {@code clusterNo} under the proposal in a language. */
    String proposed(int clusterNo, Locale locale) {
        Row row = clusters.get(clusterNo - 1);
        return "en".equals(locale.getLanguage()) ? row.proposedEn() : row.proposedZh();
    }
}
