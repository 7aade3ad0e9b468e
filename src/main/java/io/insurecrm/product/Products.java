package io.insurecrm.product;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface Products extends ListCrudRepository<Product, Long> {
    Optional<Product> findByCode(String code);
    List<Product> findByActiveTrueOrderByCode();
}
