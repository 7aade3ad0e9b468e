package io.insurecrm.engagement;

import io.insurecrm.claim.ClaimSettled;
import io.insurecrm.claim.ClaimStatusChanged;
import io.insurecrm.customer.HouseholdMemberAdded;
import io.insurecrm.loyalty.TierChanged;
import io.insurecrm.policy.PolicyRenewed;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Event triggers: a claim that moves on (progress pushed to the customer), a claim settled (care task and NPS
 * survey), a new household member (coverage gap review). Each handler runs after the publishing transaction
 * committed, through the event publication registry (retried, not lost), and fires each occasion once. A loyalty tier
 * upgrade fires the TIER_CHANGED triggers (e.g. a thank-you call by the agent); the benefit-activation SMS itself comes
 * from the loyalty outbox (LoyaltyOutboxDrain).
 */
@Component
class EventTriggers {

    private final JdbcClient jdbc;
    private final EngagementTriggers triggers;
    private final EngagementTasks tasks;
    private final EngagementMessages messages;
    private final EngagementSettings settings;
    private final EngagementTickets tickets;
    private final MessageSource texts;
    private final Clock clock;

    EventTriggers(JdbcClient jdbc, EngagementTriggers triggers, EngagementTasks tasks, EngagementMessages messages,
                  EngagementSettings settings, EngagementTickets tickets, MessageSource texts, Clock clock) {
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.triggers = triggers;
        this.tasks = tasks;
        this.messages = messages;
        this.settings = settings;
        this.texts = texts;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ClaimStatusChanged event) {
        String claimNumber = claimNumber(event.claimId());
        Locale locale = Locale.forLanguageTag(messages.localeOf(event.customerId()));
        String status = texts.getMessage("engagement.claimStatus." + event.to(), null, event.to().name(), locale);
        for (EngagementTrigger trigger : triggers.enabled(Anchor.CLAIM_STATUS_CHANGED)) {
            fire(trigger, event.customerId(), event.policyId(), trigger.code() + ":k" + event.claimId() + ":" + event.to(),
                    "理赔 " + claimNumber + " 状态 " + (event.from() == null ? "" : event.from() + " → ") + event.to(),
                    Map.of("claimNumber", claimNumber, "claimStatus", status));
        }
    }

    @ApplicationModuleListener
    void on(ClaimSettled event) {
        String claimNumber = claimNumber(event.claimId());
        for (EngagementTrigger trigger : triggers.enabled(Anchor.CLAIM_SETTLED)) {
            String key = trigger.code() + ":k" + event.claimId();
            fire(trigger, event.customerId(), event.policyId(), key,
                    "理赔 " + claimNumber + " 已结案（" + event.outcome() + "），关怀回访",
                    Map.of("claimNumber", claimNumber, "link", settings.surveyUrl() + key));
        }
    }

    /**
     * A renewal: the POLICY_RENEWED triggers (the NPS survey RENEWAL_SURVEY) fire once per new term, keyed by the new
     * term's policy id, like the survey after a settled claim.
     */
    @ApplicationModuleListener
    void on(PolicyRenewed event) {
        for (EngagementTrigger trigger : triggers.enabled(Anchor.POLICY_RENEWED)) {
            String key = trigger.code() + ":p" + event.policyId();
            fire(trigger, event.holderId(), event.policyId(), key,
                    "保单 " + event.policyNumber() + " 已续保（" + event.startDate() + " 至 " + event.endDate() + "）",
                    Map.of("policyNumber", event.policyNumber(), "link", settings.surveyUrl() + key));
        }
    }

    @ApplicationModuleListener
    void on(HouseholdMemberAdded event) {
        for (EngagementTrigger trigger : triggers.enabled(Anchor.HOUSEHOLD_MEMBER_ADDED)) {
            fire(trigger, event.customerId(), null, trigger.code() + ":h" + event.householdId() + ":c" + event.customerId(),
                    "家庭新成员（" + event.relationship() + "），检视保障缺口", Map.of());
        }
    }

    @ApplicationModuleListener
    void on(TierChanged event) {
        if (!event.upgrade()) {
            return;
        }
        for (EngagementTrigger trigger : triggers.enabled(Anchor.TIER_CHANGED)) {
            fire(trigger, event.customerId(), null, trigger.code() + ":c" + event.customerId() + ":" + event.to() + ":" + event.on(),
                    "会员等级升级 " + event.from() + " → " + event.to(), Map.of("tier", event.to().name()));
        }
    }

    /** Fires one occasion of an event trigger: the occasion row once, then its task and message. */
    @Transactional
    boolean fire(EngagementTrigger trigger, long customerId, Long policyId, String key, String reason,
                 Map<String, String> variables) {
        LocalDate today = LocalDate.now(clock);
        boolean fresh = jdbc.sql("""
                        insert into engagement_occasion (occasion_key, trigger_code, trigger_version, customer_id, policy_id,
                                                         fired_on, reason, fired_at)
                        values (:key, :code, :version, :customer, :policy, :today, :reason, :now)
                        on conflict (occasion_key) do nothing""")
                .param("key", key).param("code", trigger.code()).param("version", trigger.version())
                .param("customer", customerId).param("policy", policyId, Types.BIGINT).param("today", today)
                .param("reason", reason).param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update() == 1;
        if (!fresh) {
            return false;
        }
        if (trigger.createTask()) {
            tasks.openOnce(customerId, trigger.taskKind(), reason, today.plusDays(trigger.taskDueDays()), key,
                    "trigger:" + trigger.code());
        }
        if (trigger.sendsMessage()) {
            if (isSurvey(trigger.templateCode())) {
                tickets.surveySent(key, customerId);
            }
            messages.enqueue(customerId, trigger.channel(), trigger.purpose(), trigger.templateCode(),
                    new HashMap<>(variables), key + ":" + trigger.channel(), key);
        }
        return true;
    }

    /** NPS survey templates (NPS_SURVEY after claims, NPS_RENEWAL after renewals): their answers are matched by occasion. */
    static boolean isSurvey(String templateCode) {
        return templateCode != null && templateCode.startsWith("NPS_");
    }

    private String claimNumber(long claimId) {
        return jdbc.sql("select claim_number from claim where id = :id").param("id", claimId).query(String.class)
                .optional().orElse(String.valueOf(claimId));
    }
}
