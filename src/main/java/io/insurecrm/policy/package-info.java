/**
 * Policies: issuing a term, renewing it into the next, lapse, cancellation, reinstatement and the nightly expiry.
 * The top package is the module's API: {@link io.insurecrm.policy.PolicyManagement}, the commands it takes, the
 * value objects and the published events ({@link io.insurecrm.policy.PolicyIssued},
 * {@link io.insurecrm.policy.PolicyRenewed}, {@link io.insurecrm.policy.PolicyStatusChanged}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Policies",
        allowedDependencies = {"customer", "product", "organisation", "privacy", "platform"})
package io.insurecrm.policy;
