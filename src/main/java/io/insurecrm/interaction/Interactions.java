package io.insurecrm.interaction;

import org.springframework.data.repository.ListCrudRepository;

/** The interaction aggregates; listing with names and paging is done in SQL by {@link InteractionLog}. */
interface Interactions extends ListCrudRepository<Interaction, Long> {
}
