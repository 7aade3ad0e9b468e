package io.insurecrm.claim;

import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.policy.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimTests {

    static final LocalDate INCIDENT = LocalDate.of(2026, 3, 1);
    static final LocalDate REPORTED = LocalDate.of(2026, 3, 2);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 20);
    static final Instant T1 = Instant.parse("2026-03-02T01:00:00Z");
    static final Instant T2 = Instant.parse("2026-03-05T01:00:00Z");
    static final Instant T3 = Instant.parse("2026-03-10T01:00:00Z");
    static final Instant T4 = Instant.parse("2026-03-20T01:00:00Z");

    static Claim aReportedClaim() {
        return Claim.report(ClaimNumber.of(2026, 1), 10L, 20L, INCIDENT, REPORTED, Money.of("8000"), "water leak", T1);
    }

    static Claim inStatus(ClaimStatus status) {
        Claim claim = aReportedClaim();
        switch (status) {
            case REPORTED -> { }
            case ASSESSING -> claim.startAssessment(null, T2);
            case APPROVED -> { claim.startAssessment(null, T2); claim.approve(null, T3); }
            case PAID -> { claim.startAssessment(null, T2); claim.approve(null, T3); claim.pay(Money.of("100"), TODAY, null, T4); }
            case REJECTED -> claim.reject("not covered", TODAY, T2);
        }
        return claim;
    }

    @Test
    void aReportedClaimStartsItsHistory() {
        Claim claim = aReportedClaim();
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.REPORTED);
        assertThat(claim.getHistory()).containsExactly(new ClaimStatusChange(ClaimStatus.REPORTED, T1, "water leak"));
        assertThat(claim.getSettledOn()).isNull();
        assertThat(claim.getAmountPaid()).isEmpty();
    }

    @Test
    void isNotReportedBeforeTheIncident() {
        assertThatThrownBy(() -> Claim.report(ClaimNumber.of(2026, 1), 10L, 20L, INCIDENT, INCIDENT.minusDays(1),
                Money.of("1"), null, T1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goesAllTheWayToPaidWithEveryStepInTheHistory() {
        Claim claim = aReportedClaim();
        claim.startAssessment("surveyor booked", T2);
        claim.approve(" ", T3);
        claim.pay(Money.of("7500.50"), TODAY, "transferred", T4);

        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.PAID);
        assertThat(claim.getAmountPaid()).contains(Money.of("7500.50"));
        assertThat(claim.getSettledOn()).isEqualTo(TODAY);
        assertThat(claim.getHistory()).containsExactly(
                new ClaimStatusChange(ClaimStatus.REPORTED, T1, "water leak"),
                new ClaimStatusChange(ClaimStatus.ASSESSING, T2, "surveyor booked"),
                new ClaimStatusChange(ClaimStatus.APPROVED, T3, null),
                new ClaimStatusChange(ClaimStatus.PAID, T4, "transferred"));
        assertThat(claim.step(ClaimStatus.APPROVED)).map(ClaimStatusChange::changedAt).contains(T3);
    }

    @Test
    void paysAtMostTheAmountClaimedAndMoreThanZero() {
        Claim claim = inStatus(ClaimStatus.APPROVED);
        assertThatThrownBy(() -> claim.pay(Money.of("8000.01"), TODAY, null, T4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claim.pay(Money.ZERO, TODAY, null, T4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claim.pay(null, TODAY, null, T4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(claim.getHistory()).hasSize(3);

        claim.pay(Money.of("8000"), TODAY, null, T4);
        assertThat(claim.getAmountPaid()).contains(Money.of("8000"));
    }

    @ParameterizedTest
    @EnumSource(value = ClaimStatus.class, names = {"REPORTED", "ASSESSING"})
    void isRejectedFromReportedOrAssessingWithAReason(ClaimStatus status) {
        Claim claim = inStatus(status);
        claim.reject("outside cover", TODAY, T4);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(claim.getSettledOn()).isEqualTo(TODAY);
        assertThat(claim.getAmountPaid()).isEmpty();
        assertThat(claim.getHistory()).last().isEqualTo(new ClaimStatusChange(ClaimStatus.REJECTED, T4, "outside cover"));
    }

    @Test
    void aRejectionNeedsAReason() {
        Claim claim = aReportedClaim();
        assertThatThrownBy(() -> claim.reject("  ", TODAY, T2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.REPORTED);
    }

    @ParameterizedTest
    @EnumSource(value = ClaimStatus.class, names = {"ASSESSING", "APPROVED", "PAID", "REJECTED"})
    void onlyAReportedClaimIsAssessed(ClaimStatus status) {
        assertRefused(inStatus(status), claim -> claim.startAssessment(null, T4));
    }

    @ParameterizedTest
    @EnumSource(value = ClaimStatus.class, names = {"REPORTED", "APPROVED", "PAID", "REJECTED"})
    void onlyAClaimUnderAssessmentIsApproved(ClaimStatus status) {
        assertRefused(inStatus(status), claim -> claim.approve(null, T4));
    }

    @ParameterizedTest
    @EnumSource(value = ClaimStatus.class, names = {"REPORTED", "ASSESSING", "PAID", "REJECTED"})
    void onlyAnApprovedClaimIsPaid(ClaimStatus status) {
        assertRefused(inStatus(status), claim -> claim.pay(Money.of("1"), TODAY, null, T4));
    }

    @ParameterizedTest
    @EnumSource(value = ClaimStatus.class, names = {"APPROVED", "PAID", "REJECTED"})
    void anApprovedOrSettledClaimIsNotRejected(ClaimStatus status) {
        assertRefused(inStatus(status), claim -> claim.reject("late", TODAY, T4));
    }

    private static void assertRefused(Claim claim, java.util.function.Consumer<Claim> step) {
        ClaimStatus before = claim.getStatus();
        List<ClaimStatusChange> history = List.copyOf(claim.getHistory());
        assertThatThrownBy(() -> step.accept(claim)).isInstanceOf(IllegalStateTransitionException.class);
        assertThat(claim.getStatus()).isEqualTo(before);
        assertThat(claim.getHistory()).isEqualTo(history);
    }

    @Test
    void claimNumbersHaveTheirFormat() {
        assertThat(ClaimNumber.of(2026, 42).value()).isEqualTo("CL20260000000042");
    }
}
