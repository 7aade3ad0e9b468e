/**
 * Generic clustering used by more than one module (the need clusters of the main book in segmentation, those of the
 * CoIL 2000 book in coil): seeded k-means++ from Apache Commons Math with k chosen by the mean silhouette, the
 * nearest centroid, and naming a cluster by its dominant traits (features furthest from the book mean in book
 * standard deviations). No SQL, no Spring: plain functions.
 */
package io.insurecrm.platform.clustering;
