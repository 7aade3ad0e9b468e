/**
 * Branches, agents and dedicated advisors, and the staff users who sign in with a role and a data scope.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisation")
package io.insurecrm.organisation;
