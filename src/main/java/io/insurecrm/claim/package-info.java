/**
 * Claims on policies and their progress: reported, assessed, approved and paid, or rejected, each step kept with
 * its time and note. The top package is the module's API: {@link io.insurecrm.claim.ClaimManagement}, the commands,
 * and the published events {@link io.insurecrm.claim.ClaimStatusChanged} and {@link io.insurecrm.claim.ClaimSettled}.
 * Higher modules add flags and attachments to the staff claim page and API through the SPI
 * {@link io.insurecrm.claim.ClaimExtension} (loyalty: photo settlement; portal: the customer's photos).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Claims",
        allowedDependencies = {"policy", "customer", "privacy", "platform"})
package io.insurecrm.claim;
