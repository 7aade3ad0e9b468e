package io.insurecrm.customer;

import java.time.LocalDate;
import java.util.List;

/** A household with its members' names, head first. */
public record HouseholdView(long id, String name, List<Member> members) {

    public record Member(long customerId, String name, Relationship relationship, LocalDate birthDate, LocalDate joinedOn) {
    }
}
