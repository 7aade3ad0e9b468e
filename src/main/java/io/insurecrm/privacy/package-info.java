/**
 * Privacy and security under PIPL: the tamper-evident access audit trail ({@link io.insurecrm.privacy.AccessAudit}),
 * consent per purpose ({@link io.insurecrm.privacy.ConsentRegistry}, published events
 * {@link io.insurecrm.privacy.ConsentGranted} and {@link io.insurecrm.privacy.ConsentWithdrawn}) and the compliance
 * pages. Depends in Java on the platform only (customers are read by SQL within the caller's data scope), so the
 * customer, customer 360 and metrics modules can call its facades without a cycle.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy and audit", allowedDependencies = "platform")
package io.insurecrm.privacy;
