package io.insurecrm.customer;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HouseholdTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private final Household household = Household.foundedBy(1L, "张家", TODAY, Instant.parse("2026-11-22T00:00:00Z"));

    @Test
    void theFounderIsTheHead() {
        assertThat(household.headCustomerId()).isEqualTo(1L);
        assertThat(household.getMembers()).containsExactly(new HouseholdMember(1L, Relationship.SELF, TODAY));
    }

    @Test
    void membersJoinOnceAndOnlyTheHeadIsSelf() {
        household.add(2L, Relationship.SPOUSE, TODAY);
        assertThatIllegalArgumentException().isThrownBy(() -> household.add(2L, Relationship.CHILD, TODAY));
        assertThatIllegalArgumentException().isThrownBy(() -> household.add(3L, Relationship.SELF, TODAY));
        assertThat(household.getMembers()).hasSize(2);
    }

    @Test
    void theHeadCannotLeaveButOthersCan() {
        household.add(2L, Relationship.CHILD, TODAY);
        household.remove(2L);
        assertThat(household.contains(2L)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> household.remove(1L));
        assertThatIllegalArgumentException().isThrownBy(() -> household.remove(9L));
    }

    @Test
    void needsAName() {
        assertThatIllegalArgumentException().isThrownBy(() -> Household.foundedBy(1L, " ", TODAY, Instant.EPOCH));
    }
}
