/**
 * Contacts with customers: consultations, complaints, service requests, survey answers (with the NPS score),
 * referrals and event attendance. The top package is the module's API: {@link io.insurecrm.interaction.InteractionLog},
 * the form, the read view and the published {@link io.insurecrm.interaction.InteractionRecorded} event.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer interactions",
        allowedDependencies = {"customer", "platform", "privacy"})
package io.insurecrm.interaction;
