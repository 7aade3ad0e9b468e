package io.insurecrm.customerview;

import io.insurecrm.customer.Relationship;
import java.util.List;

/**
 * The customer's household: every member with his relationship to the head. A member outside the caller's data
 * scope is shown only as such — no id, name, age or policies.
 */
public record HouseholdPanel(long id, String name, List<Member> members) {

    public record Member(Long customerId, String name, Relationship relationship, Integer age, boolean visible,
                         boolean viewed, List<PolicyLine> policies) {
    }
}
