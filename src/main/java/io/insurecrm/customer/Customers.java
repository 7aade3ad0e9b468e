package io.insurecrm.customer;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

/** The customer aggregates. Visibility by data scope is applied by {@link CustomerManagement}, not here. */
interface Customers extends ListCrudRepository<Customer, Long> {

    /** By the blind index of the ID number (see {@link IdNumberProtection#blindIndex}). */
    Optional<Customer> findByIdNumberBidx(String idNumberBidx);

    Optional<Customer> findByCreditCode(String creditCode);
}
