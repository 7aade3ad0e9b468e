package io.insurecrm.organisation;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface Branches extends ListCrudRepository<Branch, Long> {
    Optional<Branch> findByCode(String code);
}
