package io.insurecrm.coil;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CoIL need-cluster runs ({@code crm.coil.clusters.*}): the seed of k-means++ and of the silhouette check sample, the
 * restarts kept the best of, the iteration cap, the range of k the silhouette criterion chooses from, the points the
 * silhouette is measured on, and whether a load of the book starts a run (k chosen).
 */
@ConfigurationProperties("crm.coil.clusters")
public record CoilClusterSettings(@DefaultValue("20001") long seed, @DefaultValue("3") int trials,
                                  @DefaultValue("100") int maxIterations, @DefaultValue("4") int autoKFrom,
                                  @DefaultValue("8") int autoKTo, @DefaultValue("2000") int silhouetteSample,
                                  @DefaultValue("true") boolean onLoad) {

    public static final int MIN_K = 2;
    public static final int MAX_K = 12;

    public CoilClusterSettings {
        if (trials < 1 || maxIterations < 1 || silhouetteSample < 10 || autoKFrom < MIN_K || autoKTo > MAX_K
                || autoKFrom > autoKTo) {
            throw new IllegalArgumentException("crm.coil.clusters: trials >= 1, max-iterations >= 1, silhouette-sample >= 10, "
                    + MIN_K + " <= auto-k-from <= auto-k-to <= " + MAX_K);
        }
    }
}
