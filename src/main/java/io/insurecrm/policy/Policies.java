package io.insurecrm.policy;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

/** The policy aggregates. Visibility by data scope is applied by {@link PolicyManagement}, not here. */
interface Policies extends ListCrudRepository<Policy, Long> {

    Optional<Policy> findByRenewsPolicyId(long renewsPolicyId);
}
