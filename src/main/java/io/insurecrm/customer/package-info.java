/**
 * Customers (individual and corporate) and their households. The top package is the module's API:
 * {@link io.insurecrm.customer.CustomerManagement}, the value objects and the published events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers and households")
package io.insurecrm.customer;
