package io.insurecrm.interaction;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What staff enter to log an interaction, on the page and through the API. The time is the insurer's local time
 * (the clock's zone, Asia/Shanghai by default). Field rules are here; the rules across fields (NPS only on surveys,
 * a referral names another customer) and against the clock are checked by {@link InteractionLog}.
 */
public class InteractionForm {

    @NotNull
    private InteractionType type;
    @NotNull
    private InteractionChannel channel;
    @NotNull
    @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm", fallbackPatterns = {"yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"})
    private LocalDateTime occurredAt;
    @Size(max = Interaction.MAX_OUTCOME_LENGTH)
    private String outcome;
    @Min(0)
    @Max(10)
    private Integer npsScore;
    private Long referredCustomerId;

    public static InteractionForm startingAt(LocalDateTime now) {
        InteractionForm form = new InteractionForm();
        form.occurredAt = now.withSecond(0).withNano(0);
        form.channel = InteractionChannel.PHONE;
        form.type = InteractionType.CONSULTATION;
        return form;
    }

    public InteractionType getType() { return type; }
    public void setType(InteractionType type) { this.type = type; }
    public InteractionChannel getChannel() { return channel; }
    public void setChannel(InteractionChannel channel) { this.channel = channel; }
    public LocalDateTime getOccurredAt() { return occurredAt; }
    public void setOccurredAt(LocalDateTime occurredAt) { this.occurredAt = occurredAt; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public Integer getNpsScore() { return npsScore; }
    public void setNpsScore(Integer npsScore) { this.npsScore = npsScore; }
    public Long getReferredCustomerId() { return referredCustomerId; }
    public void setReferredCustomerId(Long referredCustomerId) { this.referredCustomerId = referredCustomerId; }
}
