/**
 * Generic clustering used by more than one module (the need clusters of the main book in segmentation, those of the
 * CoIL 2000 book in coil): seeded k-means++ from Apache Commons Math with k chosen by the mean silhouette, the
 * nearest centroid, and naming a cluster by its dominant traits (features furthest from the book mean in book
 * standard deviations) as plain functions; and the lifecycle of versioned clustering runs (ClusterRunStore: one run
 * at a time, progress committed on the side, FINISHED or FAILED, the latest finished run current) over a run table
 * that each module owns.
 */
package io.insurecrm.platform.clustering;
