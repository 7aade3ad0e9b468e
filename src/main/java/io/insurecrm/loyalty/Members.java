package io.insurecrm.loyalty;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members: one member in the caller's scope, his entitlements and tier history, and the manual override. */
@Service
public class Members {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoyaltyEvaluation evaluation;
    private final ApplicationEventPublisher events;

    Members(JdbcClient jdbc, Clock clock, LoyaltyEvaluation evaluation, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.evaluation = evaluation;
        this.events = events;
    }

    /** A tier change of the member's history. */
    public record TierChange(Tier from, Tier to, String cause, Integer ruleVersion, String reason, String reasonEn,
                             LocalDate on, String by) {

        /** Why, in the language of {@code locale} (English or Chinese). */
        public String reason(java.util.Locale locale) {
            return Reasons.in(locale, reason, reasonEn);
        }
    }

    /** The customer is in the caller's scope (whether a member or not). */
    @Transactional(readOnly = true)
    public boolean visible(long customerId, DataScope scope) {
        return jdbc.sql("select exists (select 1 from customer c where c.id = :c and " + DataScope.predicate("c") + ")")
                .param("c", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(Boolean.class).single();
    }

    /** The member, if the customer is one and is in the caller's scope. */
    @Transactional(readOnly = true)
    public Optional<Member> find(long customerId, DataScope scope) {
        return jdbc.sql("""
                        select m.*, c.name, r.version as rule_version, coalesce(b.balance, 0) as balance
                          from loyalty_member m
                          join customer c on c.id = m.customer_id
                          join loyalty_rule_set r on r.id = m.rule_set_id
                          left join loyalty_points_balance b on b.customer_id = m.customer_id
                         where m.customer_id = :c and""" + " " + DataScope.predicate("c"))
                .param("c", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new Member(rs.getLong("customer_id"), rs.getString("name"), Tier.valueOf(rs.getString("tier")),
                        Tier.valueOf(rs.getString("qualified_tier")), rs.getString("reason"), rs.getString("reason_en"), rs.getInt("rule_version"),
                        rs.getInt("insured_years"), rs.getBigDecimal("annual_premium"), rs.getInt("points"), rs.getInt("balance"),
                        rs.getObject("tier_since", LocalDate.class), rs.getObject("downgrade_due", LocalDate.class),
                        rs.getString("override_tier") == null ? null : new Member.Override(Tier.valueOf(rs.getString("override_tier")),
                                rs.getString("override_reason"), rs.getString("override_by"),
                                rs.getObject("override_until", LocalDate.class)),
                        rs.getObject("updated_on", LocalDate.class)))
                .optional();
    }

    /** The member's entitlements of the current periods (and older ones still valid), best tier first. */
    @Transactional(readOnly = true)
    public List<Entitlement> entitlements(long customerId) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("""
                        select e.id as entitlement_id, e.period_start, e.valid_until, e.quota as e_quota, e.used, e.activated_on,
                               b.*, m.tier as member_tier
                          from loyalty_entitlement e
                          join loyalty_benefit b on b.code = e.benefit_code
                          join loyalty_member m on m.customer_id = e.customer_id
                         where e.customer_id = :c and e.period_start = loyalty_period_start(b.period, :today)
                         order by b.category, b.code""")
                .param("c", customerId).param("today", today)
                .query((rs, n) -> {
                    Benefit benefit = Benefits.benefit(rs);
                    return new Entitlement(rs.getLong("entitlement_id"), benefit, rs.getObject("period_start", LocalDate.class),
                            rs.getObject("valid_until", LocalDate.class), (Integer) rs.getObject("e_quota"), rs.getInt("used"),
                            rs.getObject("activated_on", LocalDate.class),
                            benefit.entitles(Tier.valueOf(rs.getString("member_tier"))) && !rs.getObject("valid_until", LocalDate.class).isBefore(today));
                })
                .list();
    }

    @Transactional(readOnly = true)
    public List<TierChange> history(long customerId) {
        return jdbc.sql("""
                        select t.*, r.version from loyalty_tier_change t left join loyalty_rule_set r on r.id = t.rule_set_id
                         where t.customer_id = :c order by t.id desc limit 50""")
                .param("c", customerId)
                .query((rs, n) -> new TierChange(Tier.valueOf(rs.getString("from_tier")), Tier.valueOf(rs.getString("to_tier")),
                        rs.getString("cause"), (Integer) rs.getObject("version"), rs.getString("reason"), rs.getString("reason_en"),
                        rs.getObject("changed_on", LocalDate.class), rs.getString("changed_by")))
                .list();
    }

    /**
     * Sets the member's tier by hand until {@code until} (inclusive), with a reason; it is in force at once and the
     * rules take over again the day after it expires. An upgrade activates benefits and queues the SMS like any other.
     * @throws FieldRuleViolation naming tier, reason or until when one is missing or out of range
     */
    @Transactional
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    public Member override(long customerId, Tier tier, String reason, LocalDate until, String by, DataScope scope) {
        LocalDate today = LocalDate.now(clock);
        if (tier == null || tier == Tier.NONE) {
            throw new FieldRuleViolation("tier", "loyalty.override.invalid.tier");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new FieldRuleViolation("reason", "loyalty.override.invalid.reason");
        }
        if (until == null || until.isBefore(today) || until.isAfter(today.plusYears(3))) {
            throw new FieldRuleViolation("until", "loyalty.override.invalid.until", today.toString(), today.plusYears(3).toString());
        }
        jdbc.sql("select pg_advisory_xact_lock_shared(:lock)").param("lock", LoyaltyEvaluation.LOCK).query().singleRow();
        Member member = jdbc.sql("select 1 from loyalty_member where customer_id = :c for update").param("c", customerId)
                .query().listOfRows().isEmpty() ? null : find(customerId, scope).orElse(null);
        if (member == null) {
            throw io.insurecrm.platform.web.NotFoundException.of("loyalty.member.notFound", customerId);
        }
        jdbc.sql("""
                        update loyalty_member set tier = :tier, override_tier = :tier, override_reason = :reason, override_by = :by,
                               override_until = :until, downgrade_due = null, updated_on = :today,
                               tier_since = case when tier <> :tier then :today else tier_since end
                         where customer_id = :c""")
                .param("tier", tier.name()).param("reason", reason.strip()).param("by", by).param("until", until)
                .param("today", today).param("c", customerId).update();
        if (tier != member.tier()) {
            Timestamp now = Timestamp.from(clock.instant());
            String why = "人工调整至 " + until + "：" + reason.strip();
            String whyEn = "set by hand until " + until + ": " + reason.strip();
            jdbc.sql("""
                            insert into loyalty_tier_change (customer_id, from_tier, to_tier, cause, reason, reason_en, changed_on,
                                                             changed_at, changed_by)
                            values (:c, :from, :to, 'OVERRIDE', :reason, :reasonEn, :today, :now, :by)""")
                    .param("c", customerId).param("from", member.tier().name()).param("to", tier.name()).param("reason", why)
                    .param("reasonEn", whyEn)
                    .param("today", today).param("now", now).param("by", by).update();
            if (tier.above(member.tier())) {
                String upgrade = "select cast(" + customerId + " as bigint) as customer_id, '" + member.tier().name()
                        + "' as old_tier, '" + tier.name() + "' as new_tier, '" + tier.name() + "' as tier";
                Benefits.activate(jdbc, upgrade, today);
                Outbox.queueUpgrades(jdbc, upgrade, now);
            }
            events.publishEvent(new TierChanged(customerId, member.tier(), tier, "OVERRIDE", null, why, today));
        }
        return find(customerId, scope).orElseThrow();
    }

    /** Ends an override today: the rules decide the tier again at once. */
    @Transactional
    @PreAuthorize("hasAnyRole('BRANCH_MANAGER','ADMIN')")
    public Member endOverride(long customerId, DataScope scope) {
        LocalDate today = LocalDate.now(clock);
        int ended = jdbc.sql("update loyalty_member set override_until = :yesterday where customer_id = :c and override_tier is not null")
                .param("yesterday", today.minusDays(1)).param("c", customerId).update();
        if (ended == 0 || find(customerId, scope).isEmpty()) {
            throw io.insurecrm.platform.web.NotFoundException.of("loyalty.override.notFound", customerId);
        }
        evaluation.evaluate(List.of(customerId), today);
        return find(customerId, scope).orElseThrow();
    }
}
