package io.insurecrm.customer;

import java.time.LocalDate;
import org.springframework.data.relational.core.mapping.Table;

@Table("household_member")
public record HouseholdMember(long customerId, Relationship relationship, LocalDate joinedOn) {
}
