package io.insurecrm.engagement;

import io.insurecrm.loyalty.LoyaltyProgramme;
import io.insurecrm.loyalty.RenewalPreview;
import io.insurecrm.platform.security.DataScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily scan of date-relative triggers and signals, one set-based statement per trigger: the candidates of the
 * day, their occasions inserted with ON CONFLICT DO NOTHING (so an occasion fires once across restarts and re-runs),
 * the tasks of the newly fired inserted in the same statement, then their messages queued in the outbox. The dry
 * run runs the same candidate query without writing and leaves out occasions that fired already.
 */
@Service
public class TriggerScan {

    private static final Logger log = LoggerFactory.getLogger(TriggerScan.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final EngagementTriggers triggers;
    private final EngagementMessages messages;
    private final EngagementTasks tasks;
    private final EngagementSettings settings;
    private final EngagementTickets tickets;
    private final LoyaltyProgramme loyalty;
    private final Clock clock;

    TriggerScan(JdbcClient jdbc, TransactionTemplate tx, EngagementTriggers triggers, EngagementMessages messages,
                EngagementTasks tasks, EngagementSettings settings, EngagementTickets tickets, LoyaltyProgramme loyalty,
                Clock clock) {
        this.loyalty = loyalty;
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.tx = tx;
        this.triggers = triggers;
        this.messages = messages;
        this.tasks = tasks;
        this.settings = settings;
        this.clock = clock;
    }

    /** Fired occasions and milliseconds per trigger code of one scan. */
    public record ScanResult(LocalDate day, Map<String, Integer> fired, int messagesQueued, int escalated,
                             int ticketsEscalated, Map<String, Long> millis) {
    }

    @Scheduled(cron = "${crm.engagement.scan-cron:0 30 6 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void daily() {
        if (settings.scan()) {
            ScanResult result = scan(LocalDate.now(clock));
            log.info("Engagement scan {}: fired {}, {} messages queued, {} tasks escalated, ms per trigger {}",
                    result.day(), result.fired(), result.messagesQueued(), result.escalated(), result.millis());
        }
    }

    /**
     * Fires every enabled date trigger and signal for the day, then escalates overdue tasks. Safe to re-run. Each
     * trigger is one transaction: its occasions, their tasks and their messages commit together or not at all, so a
     * crash never leaves an occasion fired without its message.
     */
    public ScanResult scan(LocalDate today) {
        Map<String, Integer> fired = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        int queued = 0;
        Map<String, Map<String, String>> advice = climateAdvice();
        for (EngagementTrigger trigger : scanned()) {
            long start = System.nanoTime();
            int[] counts;
            try {
                counts = tx.execute(status -> {
                    List<Occasion> occasions = fire(trigger, today);
                    return new int[] {occasions.size(), trigger.sendsMessage() ? queue(trigger, occasions, advice) : 0};
                });
            } catch (EngagementRefused e) {
                // e.g. its template was deleted: nothing of this trigger is written, the next scan fires it again
                log.error("Engagement trigger {} not fired on {}: {}", trigger.code(), today, e.getMessage());
                counts = new int[] {0, 0};
            }
            fired.put(trigger.code(), counts[0]);
            queued += counts[1];
            millis.put(trigger.code(), (System.nanoTime() - start) / 1_000_000);
        }
        int escalated = tasks.escalateOverdue(today);
        return new ScanResult(today, fired, queued, escalated, tickets.escalateOverdue(), millis);
    }

    /** Who would be contacted today and why: up to {@code limit} per trigger, in the scope, nothing written. */
    public Map<EngagementTrigger, List<Occasion>> dryRun(LocalDate today, DataScope scope, int limit) {
        Map<EngagementTrigger, List<Occasion>> result = new LinkedHashMap<>();
        for (EngagementTrigger trigger : scanned()) {
            result.put(trigger, candidates(trigger, today, scope, null, limit, false));
        }
        return result;
    }

    /** How many occasions a dry run finds per trigger over the whole book (set-based count). */
    public Map<String, Integer> dryRunCounts(LocalDate today) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EngagementTrigger trigger : scanned()) {
            Query q = query(trigger, today, DataScope.all(), null);
            counts.put(trigger.code(), q.bind(jdbc.sql("select count(*) from (" + q.sql() + ") cand where not exists "
                    + "(select 1 from engagement_occasion o where o.occasion_key = cand.occasion_key)"))
                    .query(Integer.class).single());
        }
        return counts;
    }

    /** The per-customer path (the benchmark's baseline): every trigger evaluated for one customer. */
    public List<Occasion> forCustomer(long customerId, LocalDate today) {
        List<Occasion> all = new ArrayList<>();
        for (EngagementTrigger trigger : scanned()) {
            all.addAll(candidates(trigger, today, DataScope.all(), customerId, Integer.MAX_VALUE, false));
        }
        return all;
    }

    private List<EngagementTrigger> scanned() {
        List<EngagementTrigger> list = new ArrayList<>(triggers.enabled(TriggerKind.DATE));
        list.addAll(triggers.enabled(TriggerKind.SIGNAL));
        return list;
    }

    private List<Occasion> candidates(EngagementTrigger trigger, LocalDate today, DataScope scope, Long only, int limit,
                                      boolean includeFired) {
        Query q = query(trigger, today, scope, only);
        String sql = "select * from (" + q.sql() + ") cand"
                + (includeFired ? "" : " where not exists (select 1 from engagement_occasion o where o.occasion_key = cand.occasion_key)")
                + " order by customer_id, policy_id limit " + Math.max(limit, 0);
        return q.bind(jdbc.sql(sql)).query((rs, n) -> occasion(trigger.code(), rs)).list();
    }

    private List<Occasion> fire(EngagementTrigger trigger, LocalDate today) {
        Query q = query(trigger, today, DataScope.all(), null);
        String sql = "with cand as (" + q.sql() + """
                ),
                fired as (
                    insert into engagement_occasion (occasion_key, trigger_code, trigger_version, customer_id, policy_id,
                                                     fired_on, reason, fired_at)
                    select occasion_key, :code, :version, customer_id, policy_id, :today, reason, :now from cand
                    on conflict (occasion_key) do nothing
                    returning occasion_key),
                tasks as (
                    insert into engagement_task (customer_id, kind, reason, assignee_agent_id, branch_id, due_on, status,
                                                 occasion_key, created_at, created_by)
                    select c.id, :taskKind, cand.reason, c.agent_id, c.branch_id, :due, 'OPEN', cand.occasion_key, :now, :by
                      from cand join fired using (occasion_key) join customer c on c.id = cand.customer_id
                     where :createTask
                    on conflict (occasion_key) do nothing)
                select cand.* from cand join fired using (occasion_key)""";
        return q.bind(jdbc.sql(sql))
                .param("code", trigger.code()).param("version", trigger.version())
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("taskKind", trigger.taskKind() == null ? null : trigger.taskKind().name(), Types.VARCHAR)
                .param("due", today.plusDays(trigger.taskDueDays())).param("by", "trigger:" + trigger.code())
                .param("createTask", trigger.createTask())
                .query((rs, n) -> occasion(trigger.code(), rs)).list();
    }

    /**
     * Queues the messages of the occasions that just fired, in one statement, each in its customer's language (the
     * advice and the loyalty line too); @return how many were queued.
     */
    private int queue(EngagementTrigger trigger, List<Occasion> occasions, Map<String, Map<String, String>> advice) {
        List<EngagementMessages.Draft> drafts = new ArrayList<>(occasions.size());
        Map<Long, RenewalPreview> previews = trigger.anchor() == Anchor.POLICY_EXPIRY
                ? loyalty.renewalPreviews(occasions.stream().map(Occasion::policyId).filter(Objects::nonNull).toList())
                : Map.of();
        Map<Long, String> locales = messages.localesOf(occasions.stream().map(Occasion::customerId).distinct().toList());
        for (Occasion occasion : occasions) {
            String locale = locales.get(occasion.customerId());
            Map<String, String> vars = new HashMap<>();
            vars.put("policyNumber", occasion.policyNumber());
            vars.put("date", occasion.anchorDate() == null ? null : occasion.anchorDate().toString());
            if (occasion.climate() != null) {
                vars.put("advice", advice.getOrDefault(locale, Map.of()).get(occasion.climate()));
            }
            if (trigger.anchor() == Anchor.POLICY_EXPIRY && occasion.policyId() != null) {
                vars.put("loyaltyPreview", previewText(previews.get(occasion.policyId()), locale));
            }
            drafts.add(new EngagementMessages.Draft(occasion.customerId(), vars,
                    occasion.occasionKey() + ":" + trigger.channel(), occasion.occasionKey()));
        }
        return messages.enqueueAll(trigger.channel(), trigger.purpose(), trigger.templateCode(), drafts);
    }

    /** The home-safety advice by language and climate (a handful of rows, read once per scan). */
    private Map<String, Map<String, String>> climateAdvice() {
        Map<String, Map<String, String>> advice = new HashMap<>();
        jdbc.sql("select locale, climate, advice from engagement_climate_advice")
                .query((rs, n) -> advice.computeIfAbsent(rs.getString("locale"), l -> new HashMap<>())
                        .put(rs.getString("climate"), rs.getString("advice"))).list();
        return advice;
    }

    /**
     * The loyalty line of a renewal reminder in the messages' language: what renewing unlocks (续保即可升级为…), or
     * empty when the renewal brings no upgrade or the policy is not home insurance.
     */
    String loyaltyPreview(long policyId) {
        return loyaltyPreview(policyId, settings.locale());
    }

    /** The loyalty line of a renewal reminder in the customer's language. */
    String loyaltyPreview(long policyId, String locale) {
        return previewText(loyalty.renewalPreview(policyId).orElse(null), locale);
    }

    private static String previewText(RenewalPreview preview, String locale) {
        return preview == null || !preview.upgrade() ? "" : "en".equals(locale) ? preview.messageEn() : preview.messageZh();
    }

    /** A candidate query and its parameters. */
    record Query(String sql, Map<String, Object> params) {
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            for (Map.Entry<String, Object> e : params.entrySet()) {
                if (e.getValue() == null) {
                    spec = spec.param(e.getKey(), null, Types.BIGINT);
                } else {
                    spec = spec.param(e.getKey(), e.getValue());
                }
            }
            return spec;
        }
    }

    /**
     * The candidates of a trigger on a day: customer_id, policy_id, occasion_key, reason, customer_name,
     * policy_number, anchor_date, climate. {@code only} limits it to one customer (the per-customer path).
     */
    Query query(EngagementTrigger trigger, LocalDate today, DataScope scope, Long only) {
        LocalDate target = today.minusDays(trigger.offsetDays());
        Map<String, Object> params = new HashMap<>();
        params.put("today", today);
        params.put("target", target);
        params.put("only", only);
        params.put("key", trigger.code());
        params.put("scopeAll", scope.scopeAll());
        params.put("scopeAgent", scope.scopeAgent());
        params.put("scopeBranch", scope.scopeBranch());
        String common = " and (cast(:only as bigint) is null or c.id = :only) and " + DataScope.predicate("c");
        String days = trigger.offsetDays() == 0 ? "今天" : Math.abs(trigger.offsetDays()) + (trigger.offsetDays() < 0 ? " 天后" : " 天前");
        String sql = switch (trigger.anchor()) {
            case BIRTHDAY -> {
                boolean leapFix = target.getMonthValue() == 2 && target.getDayOfMonth() == 28 && !target.isLeapYear();
                params.put("md", target.getMonthValue() * 100 + target.getDayOfMonth());
                params.put("year", target.getYear());
                // month * 100 + day as in the index customer_birthday_idx (V67)
                yield """
                        select c.id as customer_id, null::bigint as policy_id, :key || ':c' || c.id || ':' || :year as occasion_key,
                               '生日 ' || cast(:target as date) || '（%s）' as reason, c.name as customer_name,
                               null::text as policy_number, cast(:target as date) as anchor_date, null::text as climate
                          from customer c
                         where c.kind = 'INDIVIDUAL' and c.birth_date is not null
                           and (extract(month from c.birth_date) * 100 + extract(day from c.birth_date))::int in (:md, %s)""".formatted(days,
                        leapFix ? "229" : ":md") + common;
            }
            case POLICY_EXPIRY -> """
                    select c.id as customer_id, p.id as policy_id, :key || ':p' || p.id as occasion_key,
                           '保单 ' || p.policy_number || ' 到期 ' || p.end_date || '（%s）' as reason, c.name as customer_name,
                           p.policy_number, p.end_date as anchor_date, null::text as climate
                      from policy p join customer c on c.id = p.holder_id
                     where p.status = 'ACTIVE' and p.end_date = :target
                       and not exists (select 1 from policy r where r.renews_policy_id = p.id)""".formatted(days) + common;
            case POLICY_ANNIVERSARY -> {
                params.put("md", target.getMonthValue() * 100 + target.getDayOfMonth());
                params.put("year", target.getYear());
                // month * 100 + day as in the index policy_anniversary_idx (V67)
                yield """
                        select c.id as customer_id, p.id as policy_id, :key || ':p' || p.id || ':' || :year as occasion_key,
                               '保单 ' || p.policy_number || ' 周年 ' || cast(:target as date) || '，' || r.name_zh || '（' || r.climate || '）' as reason,
                               c.name as customer_name, p.policy_number, cast(:target as date) as anchor_date, r.climate
                          from policy p join customer c on c.id = p.holder_id join region r on r.code = c.region_code
                         where p.status = 'ACTIVE' and (extract(month from p.start_date) * 100 + extract(day from p.start_date))::int = :md
                           and p.start_date < :target""" + common;
            }
            case ANNUAL_REVIEW -> {
                // the customer's day of joining in the time zone, in every earlier year: one window of a day per year,
                // OR-ed so the index customer_created_at_idx (V67) serves them, instead of converting every
                // customer's created_at to the time zone
                java.time.ZoneId zone = clock.getZone();
                int first = jdbc.sql("select min(created_at) from customer").query(OffsetDateTime.class).optional()
                        .map(t -> t.atZoneSameInstant(zone).getYear()).orElse(target.getYear());
                StringBuilder windows = new StringBuilder("false");
                for (int year = first; year < target.getYear(); year++) {
                    if (target.getMonthValue() == 2 && target.getDayOfMonth() == 29 && !java.time.Year.isLeap(year)) {
                        continue;
                    }
                    LocalDate day = target.withYear(year);
                    params.put("from" + year, day.atStartOfDay(zone).toOffsetDateTime());
                    params.put("until" + year, day.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
                    windows.append(" or (c.created_at >= :from").append(year).append(" and c.created_at < :until")
                            .append(year).append(')');
                }
                params.put("year", target.getYear());
                params.put("zone", zone.getId());
                yield """
                        select c.id as customer_id, null::bigint as policy_id, :key || ':c' || c.id || ':' || :year as occasion_key,
                               '专属顾问 ' || a.name || ' 年度检视（客户 ' || to_char(c.created_at at time zone :zone, 'YYYY-MM-DD') || ' 起）' as reason,
                               c.name as customer_name, null::text as policy_number, cast(:target as date) as anchor_date, null::text as climate
                          from customer c join agent a on a.id = c.agent_id
                         where a.kind = 'ADVISOR' and (%s)""".formatted(windows) + common;
            }
            case NO_CONTACT -> {
                params.put("since", today.minusMonths(trigger.parameter()));
                params.put("zone", clock.getZone().getId());
                yield """
                        select c.id as customer_id, null::bigint as policy_id,
                               :key || ':c' || c.id || ':' || coalesce(li.last::text, 'none') as occasion_key,
                               coalesce('最近一次联系 ' || li.last, '从未联系') || '，已超过 %d 个月' as reason,
                               c.name as customer_name, null::text as policy_number, li.last as anchor_date, null::text as climate
                          from customer c
                          left join (select customer_id, (max(occurred_at) at time zone :zone)::date as last
                                       from interaction group by customer_id) li on li.customer_id = c.id
                         where coalesce(li.last, (c.created_at at time zone :zone)::date) < :since
                           and c.id in (select p.holder_id from policy p where p.status = 'ACTIVE')""".formatted(trigger.parameter()) + common;
            }
            case NO_RENEWAL_AFTER_CLAIM -> {
                params.put("from", today.minusDays(trigger.parameter()));
                yield """
                        select c.id as customer_id, p.id as policy_id, :key || ':p' || p.id as occasion_key,
                               '保单 ' || p.policy_number || ' 于 ' || p.end_date || ' 到期，期内有理赔，未续保' as reason,
                               c.name as customer_name, p.policy_number, p.end_date as anchor_date, null::text as climate
                          from policy p join customer c on c.id = p.holder_id
                         where p.end_date >= :from and p.end_date < :today and p.status in ('ACTIVE','EXPIRED')
                           and exists (select 1 from claim k where k.policy_id = p.id)
                           and not exists (select 1 from policy r where r.renews_policy_id = p.id)""" + common;
            }
            case CONSULTATIONS_DROPPING -> {
                params.put("recentFrom", today.minusDays(90));
                params.put("priorFrom", today.minusDays(450));
                params.put("percent", trigger.parameter());
                params.put("quarter", today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1));
                params.put("zone", clock.getZone().getId());
                yield """
                        select c.id as customer_id, null::bigint as policy_id, :key || ':c' || c.id || ':' || :quarter as occasion_key,
                               '近 90 天咨询 ' || s.recent || ' 次，此前每 90 天平均 ' || round(s.prior / 4.0, 1) || ' 次' as reason,
                               c.name as customer_name, null::text as policy_number, cast(:today as date) as anchor_date, null::text as climate
                          from (select customer_id,
                                       count(*) filter (where (occurred_at at time zone :zone)::date >= :recentFrom) as recent,
                                       count(*) filter (where (occurred_at at time zone :zone)::date < :recentFrom) as prior
                                  from interaction
                                 where type = 'CONSULTATION' and (occurred_at at time zone :zone)::date >= :priorFrom
                                 group by customer_id) s
                          join customer c on c.id = s.customer_id
                         where s.prior >= 4 and s.recent * 100.0 <= :percent * (s.prior / 4.0)""" + common;
            }
            default -> throw new IllegalArgumentException(trigger.anchor() + " is not a scanned trigger");
        };
        return new Query(sql, params);
    }

    private static Occasion occasion(String code, ResultSet rs) throws SQLException {
        return new Occasion(code, rs.getString("occasion_key"), rs.getLong("customer_id"), rs.getString("customer_name"),
                (Long) rs.getObject("policy_id"), rs.getString("policy_number"),
                rs.getObject("anchor_date", LocalDate.class), rs.getString("climate"), rs.getString("reason"));
    }
}
