/**
 * Cross-sell and coverage gaps (domain.md §4): gap rules by life stage as versioned data with explanations in both
 * languages, evaluated for a customer, his household (with the family protection pack) and a pre-sale questionnaire;
 * a side-by-side product comparison; and next-best-product propensity models per product line, L2-regularised
 * logistic regressions in plain Java (the CoIL 2000 caravan model is the first), trained on demand, versioned, scored
 * set-based over the book, with the reasons of every recommendation. Reads the customer, household, policy, product,
 * consent and segment tables with SQL. docs/cross-sell.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cross-sell",
        allowedDependencies = {"coil", "platform", "privacy", "product"})
package io.insurecrm.crosssell;
