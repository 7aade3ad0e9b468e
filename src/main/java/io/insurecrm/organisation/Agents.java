package io.insurecrm.organisation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface Agents extends ListCrudRepository<Agent, Long> {
    Optional<Agent> findByCode(String code);
    List<Agent> findByBranchId(long branchId);
    List<Agent> findTop500ByOrderByCode();
}
