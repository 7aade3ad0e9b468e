/**
 * Segmentation (客户分层, domain.md §3), first slice: every customer is placed in a VALUE segment (annual premium of
 * his active policies) and a LIFE_STAGE segment (age, marital status, household), by rule sets that are versioned
 * data. Each placement records the rule set that made it, why, and the days it held, so "which segment was this
 * customer in on date X, and why" has an answer. The whole book is recomputed set-based in SQL (nightly and after a
 * rule change); one customer on the events that change his inputs. Reads the customer, household and policy tables
 * with SQL; depends in Java on the platform and on the events of the policy and customer modules. Need clusters
 * ({@link io.insurecrm.segmentation.NeedClusters}): versioned k-means++ runs over protection-need features of the whole
 * book, each cluster named by its dominant traits. docs/segmentation.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segmentation",
        allowedDependencies = {"platform", "policy", "customer", "privacy"})
package io.insurecrm.segmentation;
