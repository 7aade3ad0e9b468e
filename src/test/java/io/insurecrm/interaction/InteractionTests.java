package io.insurecrm.interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final Instant anHourAgo = Instant.parse("2026-11-20T01:00:00Z");

    @Test
    void recordsAConsultationThatHappenedUpToNow() {
        Interaction interaction = Interaction.record(1L, InteractionType.CONSULTATION, InteractionChannel.PHONE,
                clock.instant(), "  asked about critical illness cover ", null, null, 7L, clock);

        assertThat(interaction.getOccurredAt()).isEqualTo(clock.instant());
        assertThat(interaction.getOutcome()).isEqualTo("asked about critical illness cover");
        assertThat(interaction.getAgentId()).isEqualTo(7L);
    }

    @Test
    void refusesATimeInTheFuture() {
        assertRule(() -> record(InteractionType.CONSULTATION, clock.instant().plusSeconds(60), null, null),
                "occurredAt", "interaction.occurredAt.future");
    }

    @Test
    void aSurveyNeedsAScoreFromZeroToTen() {
        assertThat(record(InteractionType.SURVEY, anHourAgo, 0, null).getNpsScore()).isZero();
        assertThat(record(InteractionType.SURVEY, anHourAgo, 10, null).getNpsScore()).isEqualTo(10);
        assertRule(() -> record(InteractionType.SURVEY, anHourAgo, null, null), "npsScore", "interaction.npsScore.required");
        assertRule(() -> record(InteractionType.SURVEY, anHourAgo, 11, null), "npsScore", "interaction.npsScore.range");
        assertRule(() -> record(InteractionType.SURVEY, anHourAgo, -1, null), "npsScore", "interaction.npsScore.range");
    }

    @Test
    void onlyASurveyCarriesAScore() {
        assertRule(() -> record(InteractionType.COMPLAINT, anHourAgo, 3, null), "npsScore", "interaction.npsScore.onlySurvey");
    }

    @Test
    void aReferralNamesAnotherCustomerAndNothingElseDoes() {
        assertThat(record(InteractionType.REFERRAL, anHourAgo, null, 2L).getReferredCustomerId()).isEqualTo(2L);
        assertRule(() -> record(InteractionType.REFERRAL, anHourAgo, null, null),
                "referredCustomerId", "interaction.referredCustomer.required");
        assertRule(() -> record(InteractionType.REFERRAL, anHourAgo, null, 1L),
                "referredCustomerId", "interaction.referredCustomer.self");
        assertRule(() -> record(InteractionType.EVENT_ATTENDANCE, anHourAgo, null, 2L),
                "referredCustomerId", "interaction.referredCustomer.onlyReferral");
    }

    @Test
    void needsTypeChannelAndTimeAndAShortOutcome() {
        assertRule(() -> Interaction.record(1L, null, InteractionChannel.APP, anHourAgo, null, null, null, null, clock),
                "type", "interaction.type.required");
        assertRule(() -> Interaction.record(1L, InteractionType.COMPLAINT, null, anHourAgo, null, null, null, null, clock),
                "channel", "interaction.channel.required");
        assertRule(() -> Interaction.record(1L, InteractionType.COMPLAINT, InteractionChannel.APP, null, null, null, null, null, clock),
                "occurredAt", "interaction.occurredAt.required");
        assertRule(() -> Interaction.record(1L, InteractionType.COMPLAINT, InteractionChannel.APP, anHourAgo, "x".repeat(501),
                null, null, null, clock), "outcome", "interaction.outcome.tooLong");
    }

    private Interaction record(InteractionType type, Instant at, Integer nps, Long referred) {
        return Interaction.record(1L, type, InteractionChannel.WECHAT, at, null, nps, referred, null, clock);
    }

    private static void assertRule(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInteraction.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.messageKey()).isEqualTo(key);
        });
    }
}
