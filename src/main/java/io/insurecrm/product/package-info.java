/**
 * The product catalogue: product lines, the three-layer life and health ecosystem (basic / advanced / wealth)
 * and the property lines beside it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Product catalogue")
package io.insurecrm.product;
