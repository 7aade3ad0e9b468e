/**
 * Loyalty programme for home property insurance (家财险忠诚度计划, domain.md §5): members are placed in tiers (Basic,
 * Silver, Gold, Diamond) by versioned rules on insured years, annual home premium and points; an upgrade publishes
 * {@link io.insurecrm.loyalty.TierChanged}, activates the tier's benefits and queues a benefit-activation SMS in the
 * loyalty outbox that the engagement module drains. Benefits are redeemed against an entitlement ledger, points
 * against a points ledger. Reads the customer, product, policy, claim and interaction tables with SQL; depends in
 * Java on the platform, privacy, the events of the policy and interaction modules, and the claim module's
 * ClaimExtension SPI (the photo-settlement flag on the staff claim page). docs/loyalty.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty",
        allowedDependencies = {"platform", "policy", "claim", "interaction", "privacy"})
package io.insurecrm.loyalty;
