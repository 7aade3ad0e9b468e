/**
 * Key figures of the book, starting with 客均合同 (contracts per customer): active contracts ÷ customers holding at
 * least one active contract, overall and per region, branch, channel, agent, product line, product layer and
 * household, its monthly trend from nightly snapshots, the dashboard start page and the metrics API.
 * Reads the customer, policy, product and organisation tables with SQL; depends in Java on the platform only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics")
package io.insurecrm.metrics;
