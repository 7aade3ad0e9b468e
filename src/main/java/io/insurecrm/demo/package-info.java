/**
 * The demo and benchmark book: a deterministic generator of a realistic zh-CN insurance book (branches, agents,
 * products, customers, households, ten years of policies, claims and interactions), loaded through PostgreSQL COPY,
 * the demo staff users, and the command line that generates a book of any size.
 * A fresh demo also launches the loyalty programme with some points and redemptions.
 * Uses platform, organisation, product, the customer value objects and loyalty; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo and benchmark book")
package io.insurecrm.demo;
