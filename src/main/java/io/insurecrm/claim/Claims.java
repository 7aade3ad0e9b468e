package io.insurecrm.claim;

import org.springframework.data.repository.ListCrudRepository;

/** The claim aggregates with their history. Visibility by data scope is applied by {@link ClaimManagement}. */
interface Claims extends ListCrudRepository<Claim, Long> {
}
