/**
 * Cross-sell and coverage gaps (domain.md §4): gap rules by life stage as versioned data with explanations in both
 * languages, evaluated for a customer, his household (with the family protection pack) and a pre-sale questionnaire;
 * a side-by-side product comparison; and next-best-product propensity models per product line, L2-regularised
 * logistic regressions in plain Java (the CoIL 2000 caravan model is the first), trained on demand, versioned, scored
 * over the book in parallel, with the reasons of every recommendation and the incentive of the customer's VALUE tier
 * (versioned data). Reads the customer, household, policy, product, consent and segment tables with SQL; the VALUE
 * tiers and a customer's placement through the segmentation module. docs/cross-sell.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cross-sell",
        allowedDependencies = {"coil", "platform", "privacy", "product", "segmentation"})
package io.insurecrm.crosssell;
