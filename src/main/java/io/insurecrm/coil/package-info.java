/**
 * The CoIL Challenge 2000 book: 9,822 real customers of a Dutch insurer (5,822 with the caravan label, 4,000
 * without) with their 21 product holdings and postcode-area demographics, loaded from the benchmark's files so
 * contracts-per-customer, segments and cross-sell run on a real book. Research use; cite P. van der Putten and
 * M. van Someren (eds), CoIL Challenge 2000: The Insurance Company Case, LIACS technical report 2000-09.
 * The top package is the API: {@link io.insurecrm.coil.CoilBook} and its summary; need clusters of the book and its
 * segment figures ({@link io.insurecrm.coil.CoilClusters}, the k-means++ and naming of platform.clustering). Depends on
 * privacy only for the access audit of its CSV export (EXPORT).
 */
@org.springframework.modulith.ApplicationModule(displayName = "CoIL 2000 book", allowedDependencies = {"platform", "privacy"})
package io.insurecrm.coil;
