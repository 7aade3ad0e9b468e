package io.insurecrm.customer;

/** A new customer was registered. */
public record CustomerRegistered(long customerId, CustomerKind kind) {
}
