package io.insurecrm.interaction;

import io.insurecrm.platform.crypto.SealedText;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One contact with a customer. Recorded once and not changed afterwards, so the rules are all checked when it is
 * recorded: it did not happen in the future, an NPS score (0–10) belongs to a survey and every survey has one,
 * a referral names the referred customer (not the customer himself) and nothing else does. The outcome is free text
 * that may carry health or family details: it is a {@link SealedText}, stored encrypted and read in the clear
 * (interaction/V93).
 */
@Table("interaction")
class Interaction {

    static final int MAX_OUTCOME_LENGTH = 500;

    @Id
    private Long id;
    private final long customerId;
    private final InteractionType type;
    private final InteractionChannel channel;
    private final Instant occurredAt;
    private final SealedText outcome;
    private final Integer npsScore;
    private final Long referredCustomerId;
    private final Long agentId;
    @Version
    private Integer version;

    @PersistenceCreator
    Interaction(Long id, long customerId, InteractionType type, InteractionChannel channel, Instant occurredAt,
                SealedText outcome, Integer npsScore, Long referredCustomerId, Long agentId, Integer version) {
        this.id = id;
        this.customerId = customerId;
        this.type = type;
        this.channel = channel;
        this.occurredAt = occurredAt;
        this.outcome = outcome;
        this.npsScore = npsScore;
        this.referredCustomerId = referredCustomerId;
        this.agentId = agentId;
        this.version = version;
    }

    /**
     * Records an interaction, checking every rule against the clock.
     *
     * @param agentId the agent or advisor who handled it, or null when other staff recorded it
     */
    static Interaction record(long customerId, InteractionType type, InteractionChannel channel, Instant occurredAt,
                              String outcome, Integer npsScore, Long referredCustomerId, Long agentId, Clock clock) {
        if (type == null) {
            throw new InvalidInteraction("type", "interaction.type.required");
        }
        if (channel == null) {
            throw new InvalidInteraction("channel", "interaction.channel.required");
        }
        if (occurredAt == null) {
            throw new InvalidInteraction("occurredAt", "interaction.occurredAt.required");
        }
        if (occurredAt.isAfter(clock.instant())) {
            throw new InvalidInteraction("occurredAt", "interaction.occurredAt.future");
        }
        if (type == InteractionType.SURVEY) {
            if (npsScore == null) {
                throw new InvalidInteraction("npsScore", "interaction.npsScore.required");
            }
            if (npsScore < 0 || npsScore > 10) {
                throw new InvalidInteraction("npsScore", "interaction.npsScore.range");
            }
        } else if (npsScore != null) {
            throw new InvalidInteraction("npsScore", "interaction.npsScore.onlySurvey");
        }
        if (type == InteractionType.REFERRAL) {
            if (referredCustomerId == null) {
                throw new InvalidInteraction("referredCustomerId", "interaction.referredCustomer.required");
            }
            if (referredCustomerId == customerId) {
                throw new InvalidInteraction("referredCustomerId", "interaction.referredCustomer.self");
            }
        } else if (referredCustomerId != null) {
            throw new InvalidInteraction("referredCustomerId", "interaction.referredCustomer.onlyReferral");
        }
        String text = outcome == null || outcome.isBlank() ? null : outcome.strip();
        if (text != null && text.length() > MAX_OUTCOME_LENGTH) {
            throw new InvalidInteraction("outcome", "interaction.outcome.tooLong");
        }
        return new Interaction(null, customerId, type, channel, occurredAt, SealedText.of(text), npsScore, referredCustomerId, agentId, null);
    }

    InteractionRecorded recorded() {
        return new InteractionRecorded(Objects.requireNonNull(id, "not saved yet"), customerId, type, channel, occurredAt,
                npsScore, referredCustomerId, agentId);
    }

    Long getId() { return id; }
    long getCustomerId() { return customerId; }
    InteractionType getType() { return type; }
    InteractionChannel getChannel() { return channel; }
    Instant getOccurredAt() { return occurredAt; }
    String getOutcome() { return SealedText.clearOf(outcome); }
    Integer getNpsScore() { return npsScore; }
    Long getReferredCustomerId() { return referredCustomerId; }
    Long getAgentId() { return agentId; }
}
