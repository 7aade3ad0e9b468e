package io.insurecrm.customer;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Households extends ListCrudRepository<Household, Long> {

    @Query("select h.* from household h join household_member m on m.household_id = h.id where m.customer_id = :customerId")
    Optional<Household> findByMember(long customerId);
}
