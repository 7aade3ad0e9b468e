/**
 * The Customer 360 (客户360°视图): one read model per customer — profile, household, policies by status, contract
 * figures and layer coverage, claims with their progress, and the interaction timeline — read with a handful of
 * indexed SQL queries over the tables of the customer, policy, claim and interaction modules, always within the
 * caller's data scope. It depends on no Java type of the policy or claim modules, only on their tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer 360 view",
        allowedDependencies = {"customer", "interaction", "privacy", "platform"})
package io.insurecrm.customerview;
