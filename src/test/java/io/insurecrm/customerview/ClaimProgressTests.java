package io.insurecrm.customerview;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ClaimProgressTests {

    private static final Instant DAY1 = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void aClaimWithoutRecordedHistoryHasReachedTheStepsBeforeItsStatus() {
        assertThat(ClaimProgress.steps(ClaimState.APPROVED, List.of()))
                .extracting(ClaimStep::status, ClaimStep::reached, ClaimStep::current)
                .containsExactly(tuple(ClaimState.REPORTED, true, false), tuple(ClaimState.ASSESSING, true, false),
                        tuple(ClaimState.APPROVED, true, true), tuple(ClaimState.PAID, false, false));
    }

    @Test
    void aRejectedClaimEndsInRejectionAfterTheStepsItWentThrough() {
        List<ClaimStep> steps = ClaimProgress.steps(ClaimState.REJECTED, List.of(
                new ClaimProgress.Change(ClaimState.REPORTED, DAY1, null),
                new ClaimProgress.Change(ClaimState.REJECTED, DAY2, "fraud suspected")));

        assertThat(steps).extracting(ClaimStep::status, ClaimStep::reachedAt, ClaimStep::note, ClaimStep::current)
                .containsExactly(tuple(ClaimState.REPORTED, DAY1, null, false),
                        tuple(ClaimState.REJECTED, DAY2, "fraud suspected", true));
    }

    @Test
    void aStepShowsTheFirstTimeItWasReached() {
        List<ClaimStep> steps = ClaimProgress.steps(ClaimState.ASSESSING, List.of(
                new ClaimProgress.Change(ClaimState.REPORTED, DAY1, null),
                new ClaimProgress.Change(ClaimState.ASSESSING, DAY1, null),
                new ClaimProgress.Change(ClaimState.ASSESSING, DAY2, "documents requested again")));

        assertThat(steps.get(1).reachedAt()).isEqualTo(DAY1);
        assertThat(steps.get(2).reached()).isFalse();
    }
}
