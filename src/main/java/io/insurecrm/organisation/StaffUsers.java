package io.insurecrm.organisation;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface StaffUsers extends ListCrudRepository<StaffUser, Long> {
    Optional<StaffUser> findByUsername(String username);
}
