package io.insurecrm.segmentation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Need-cluster runs ({@code crm.segmentation.clusters.*}, docs/segmentation.md "Clusters"): the most customers the fit
 * reads, the fixed seed of the sample and of k-means++, the k-means++ restarts kept the best of, its iteration cap, the
 * range of k the silhouette criterion chooses from, and how many sample points the silhouette is measured on.
 */
@ConfigurationProperties("crm.segmentation.clusters")
public record ClusterSettings(@DefaultValue("50000") int sampleSize, @DefaultValue("20261202") long seed,
                              @DefaultValue("3") int trials, @DefaultValue("100") int maxIterations,
                              @DefaultValue("2") int autoKFrom, @DefaultValue("8") int autoKTo,
                              @DefaultValue("2000") int silhouetteSample) {

    public static final int MIN_K = 2;
    public static final int MAX_K = 12;

    public ClusterSettings {
        if (sampleSize < 100 || trials < 1 || maxIterations < 1 || silhouetteSample < 10
                || autoKFrom < MIN_K || autoKTo > MAX_K || autoKFrom > autoKTo) {
            throw new IllegalArgumentException("crm.segmentation.clusters: sample-size >= 100, trials >= 1, max-iterations >= 1, "
                    + "silhouette-sample >= 10, " + MIN_K + " <= auto-k-from <= auto-k-to <= " + MAX_K);
        }
    }
}
