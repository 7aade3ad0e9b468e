package io.insurecrm.policy;

import io.insurecrm.platform.web.IllegalStateTransitionException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final Instant NOW = Instant.parse("2026-01-01T02:00:00Z");

    /** A saved (id 7) active term for 2026 of an annual premium of 1,000 CNY. */
    static Policy anActivePolicy() {
        return withId(Policy.issue(PolicyNumber.of(2026, 1), 1L, 2L, 3L, Money.of("1000"), PaymentFrequency.ANNUAL,
                Money.of("500000"), START, END, SalesChannel.AGENT, 4L, 5L, NOW), 7L);
    }

    static Policy withId(Policy p, long id) {
        return new Policy(id, p.getPolicyNumber().value(), p.getHolderId(), p.getInsuredId(), p.getProductId(),
                p.getPremium().amount(), p.getPaymentFrequency(), p.getAnnualPremium().amount(), p.getSumInsured().amount(),
                p.getStartDate(), p.getEndDate(), p.getStatus(), p.getTerminatedOn(), p.getRenewsPolicyId(), p.getChannel(),
                p.getAgentId(), p.getBranchId(), p.getCreatedAt(), 0);
    }

    static Policy inStatus(PolicyStatus status) {
        Policy policy = anActivePolicy();
        switch (status) {
            case ACTIVE -> { }
            case LAPSED -> policy.lapse(LocalDate.of(2026, 3, 1));
            case CANCELLED -> policy.cancel(LocalDate.of(2026, 3, 1));
            case EXPIRED -> policy.expire(END);
        }
        return policy;
    }

    @ParameterizedTest
    @CsvSource({"ANNUAL, 1200.00", "SEMI_ANNUAL, 2400.00", "QUARTERLY, 4800.00", "MONTHLY, 14400.00", "SINGLE, 1200.00"})
    void annualPremiumIsThePremiumTimesThePaymentsPerYear(PaymentFrequency frequency, String annual) {
        Policy policy = Policy.issue(PolicyNumber.of(2026, 1), 1L, 1L, 3L, Money.of("1200"), frequency, Money.of("1"),
                START, END, SalesChannel.ONLINE, 4L, 5L, NOW);

        assertThat(policy.getAnnualPremium()).isEqualTo(Money.of(annual));
        assertThat(policy.getStatus()).isEqualTo(PolicyStatus.ACTIVE);
        assertThat(policy.getTerminatedOn()).isNull();
    }

    @Test
    void monthlyPremiumWithCentsIsAnnualisedExactly() {
        assertThat(PaymentFrequency.MONTHLY.annualise(Money.of("83.33"))).isEqualTo(Money.of("999.96"));
    }

    @ParameterizedTest
    @CsvSource({"2026-01-01, 2026-01-01", "2026-01-02, 2026-01-01"})
    void endsAfterItStarts(LocalDate start, LocalDate end) {
        assertThatThrownBy(() -> Policy.issue(PolicyNumber.of(2026, 1), 1L, 1L, 3L, Money.of("1"), PaymentFrequency.ANNUAL,
                Money.of("1"), start, end, SalesChannel.AGENT, 4L, 5L, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyIsNeverNegativeAndHasAtMostTwoDecimals() {
        assertThatThrownBy(() -> Money.of("-0.01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1.001")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.of("1.5").amount()).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void policyNumbersHaveTheirFormat() {
        assertThat(PolicyNumber.of(2026, 123).value()).isEqualTo("PL20260000000123");
        assertThatThrownBy(() -> new PolicyNumber("no number")).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Transitions {

        @Test
        void activeLapsesWithTheDayOfTheLapse() {
            Policy policy = anActivePolicy();
            policy.lapse(LocalDate.of(2026, 4, 1));
            assertThat(policy.getStatus()).isEqualTo(PolicyStatus.LAPSED);
            assertThat(policy.getTerminatedOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        }

        @Test
        void activeIsCancelledWithTheDayOfTheCancellation() {
            Policy policy = anActivePolicy();
            policy.cancel(LocalDate.of(2026, 5, 1));
            assertThat(policy.getStatus()).isEqualTo(PolicyStatus.CANCELLED);
            assertThat(policy.getTerminatedOn()).isEqualTo(LocalDate.of(2026, 5, 1));
        }

        @Test
        void activeExpiresOnItsEndDateOrLaterButNotBefore() {
            Policy early = anActivePolicy();
            assertThatThrownBy(() -> early.expire(END.minusDays(1))).isInstanceOf(IllegalStateTransitionException.class);
            assertThat(early.getStatus()).isEqualTo(PolicyStatus.ACTIVE);

            Policy onEnd = anActivePolicy();
            onEnd.expire(END);
            assertThat(onEnd.getStatus()).isEqualTo(PolicyStatus.EXPIRED);
            assertThat(onEnd.getTerminatedOn()).isNull();

            Policy later = anActivePolicy();
            later.expire(END.plusDays(30));
            assertThat(later.getStatus()).isEqualTo(PolicyStatus.EXPIRED);
        }

        @Test
        void lapsedIsReinstatedWithinThePeriodAndLosesItsTerminationDate() {
            Policy policy = inStatus(PolicyStatus.LAPSED);
            policy.reinstate(LocalDate.of(2026, 5, 1), Period.ofMonths(2));
            assertThat(policy.getStatus()).isEqualTo(PolicyStatus.ACTIVE);
            assertThat(policy.getTerminatedOn()).isNull();
        }

        @Test
        void reinstatementOnTheLastDayOfThePeriodIsAllowedTheDayAfterIsNot() {
            Policy lastDay = inStatus(PolicyStatus.LAPSED);
            lastDay.reinstate(LocalDate.of(2026, 3, 31), Period.ofDays(30));
            assertThat(lastDay.getStatus()).isEqualTo(PolicyStatus.ACTIVE);

            Policy tooLate = inStatus(PolicyStatus.LAPSED);
            assertThatThrownBy(() -> tooLate.reinstate(LocalDate.of(2026, 4, 1), Period.ofDays(30)))
                    .isInstanceOf(IllegalStateTransitionException.class)
                    .hasMessageContaining("reinstatement period");
            assertThat(tooLate.getStatus()).isEqualTo(PolicyStatus.LAPSED);
            assertThat(tooLate.getTerminatedOn()).isEqualTo(LocalDate.of(2026, 3, 1));
        }

        @Test
        void aLapsedTermIsNotReinstatedAfterItsEndDate() {
            Policy policy = inStatus(PolicyStatus.LAPSED);
            assertThatThrownBy(() -> policy.reinstate(END.plusDays(1), Period.ofYears(2)))
                    .isInstanceOf(IllegalStateTransitionException.class);
        }

        @ParameterizedTest
        @EnumSource(value = PolicyStatus.class, names = {"LAPSED", "EXPIRED", "CANCELLED"})
        void onlyAnActivePolicyLapses(PolicyStatus status) {
            Policy policy = inStatus(status);
            assertThatThrownBy(() -> policy.lapse(LocalDate.of(2026, 6, 1))).isInstanceOf(IllegalStateTransitionException.class);
            assertThat(policy.getStatus()).isEqualTo(status);
        }

        @ParameterizedTest
        @EnumSource(value = PolicyStatus.class, names = {"LAPSED", "EXPIRED", "CANCELLED"})
        void onlyAnActivePolicyIsCancelled(PolicyStatus status) {
            Policy policy = inStatus(status);
            assertThatThrownBy(() -> policy.cancel(LocalDate.of(2026, 6, 1))).isInstanceOf(IllegalStateTransitionException.class);
            assertThat(policy.getStatus()).isEqualTo(status);
        }

        @ParameterizedTest
        @EnumSource(value = PolicyStatus.class, names = {"LAPSED", "EXPIRED", "CANCELLED"})
        void onlyAnActivePolicyExpires(PolicyStatus status) {
            Policy policy = inStatus(status);
            assertThatThrownBy(() -> policy.expire(END.plusDays(1))).isInstanceOf(IllegalStateTransitionException.class);
            assertThat(policy.getStatus()).isEqualTo(status);
        }

        @ParameterizedTest
        @EnumSource(value = PolicyStatus.class, names = {"ACTIVE", "EXPIRED", "CANCELLED"})
        void onlyALapsedPolicyIsReinstated(PolicyStatus status) {
            Policy policy = inStatus(status);
            assertThatThrownBy(() -> policy.reinstate(LocalDate.of(2026, 6, 1), Period.ofYears(2)))
                    .isInstanceOf(IllegalStateTransitionException.class);
            assertThat(policy.getStatus()).isEqualTo(status);
        }
    }

    @Nested
    class Renewal {

        @Test
        void theNextTermStartsTheDayAfterAndKeepsHolderInsuredProductAndAgent() {
            Policy current = anActivePolicy();
            Policy next = current.renewal(PolicyNumber.of(2026, 2), Money.of("1100"), PaymentFrequency.ANNUAL,
                    Money.of("500000"), 12, NOW);

            assertThat(next.getStartDate()).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(next.getEndDate()).isEqualTo(LocalDate.of(2027, 12, 31));
            assertThat(next.getRenewsPolicyId()).isEqualTo(7L);
            assertThat(next.getStatus()).isEqualTo(PolicyStatus.ACTIVE);
            assertThat(next.getAnnualPremium()).isEqualTo(Money.of("1100"));
            assertThat(next).extracting(Policy::getHolderId, Policy::getInsuredId, Policy::getProductId,
                    Policy::getAgentId, Policy::getBranchId, Policy::getChannel)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, SalesChannel.AGENT);
            assertThat(current.getStatus()).as("the old term expires at its end, not now").isEqualTo(PolicyStatus.ACTIVE);
        }

        @ParameterizedTest
        @EnumSource(value = PolicyStatus.class, names = {"ACTIVE", "EXPIRED"})
        void activeAndExpiredTermsAreRenewed(PolicyStatus status) {
            assertThatCode(() -> inStatus(status).renewal(PolicyNumber.of(2026, 2), Money.of("1"), PaymentFrequency.ANNUAL,
                    Money.of("1"), 12, NOW)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @EnumSource(value = PolicyStatus.class, names = {"LAPSED", "CANCELLED"})
        void lapsedAndCancelledTermsAreNotRenewed(PolicyStatus status) {
            assertThatThrownBy(() -> inStatus(status).renewal(PolicyNumber.of(2026, 2), Money.of("1"),
                    PaymentFrequency.ANNUAL, Money.of("1"), 12, NOW))
                    .isInstanceOf(IllegalStateTransitionException.class);
        }
    }

    @Test
    void coversIncidentsFromTheStartToTheEndOrTheTermination() {
        Policy active = anActivePolicy();
        assertThat(active.covers(START)).isTrue();
        assertThat(active.covers(END)).isTrue();
        assertThat(active.covers(START.minusDays(1))).isFalse();
        assertThat(active.covers(END.plusDays(1))).isFalse();

        Policy lapsed = inStatus(PolicyStatus.LAPSED);
        assertThat(lapsed.covers(LocalDate.of(2026, 3, 1))).isTrue();
        assertThat(lapsed.covers(LocalDate.of(2026, 3, 2))).isFalse();
    }
}
