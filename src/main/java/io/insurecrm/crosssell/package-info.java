/**
 * Cross-sell: next-best-product propensity. The first model scores CoIL 2000 customers for the caravan policy with
 * an L2-regularised logistic regression in plain Java (no Spring needed to train or score); every score comes with
 * the features that raised its logit most. {@link io.insurecrm.crosssell.CaravanPropensityModel} is the API;
 * {@code CoilRank} and {@code CoilCrossValidation} are the command-line entry points used by {@code bench/}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cross-sell", allowedDependencies = "coil")
package io.insurecrm.crosssell;
