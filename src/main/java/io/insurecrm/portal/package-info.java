/**
 * The customer self-service portal (mobile web, under /portal): customers sign in with their phone number and a
 * one-time code, see their e-policies, renew in one tap, report and follow claims with photos, manage consent per
 * purpose, update contact details and family, ask the service assistant and upload blood-pressure readings. Its own
 * Spring Security filter chain and session attribute keep customer and staff sessions apart. Calls the facades of
 * the customer, policy, claim, privacy and loyalty modules (member centre: tier, benefits, points, bookings);
 * docs/portal.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer portal",
        allowedDependencies = {"platform", "customer", "policy", "claim", "privacy", "product", "engagement", "loyalty"})
package io.insurecrm.portal;
