package io.insurecrm.loyalty;

import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The programme's figures for the dashboard: tier distribution, benefit usage, renewal rate and satisfaction per tier. */
@Service
public class ProgrammeQueries {

    /** A policy comes up for renewal this many days before it ends (the renewal reminder's day). */
    static final int RENEWAL_DUE_DAYS = 30;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Benefits benefits;
    private final BigDecimal lowUsageBelow;

    ProgrammeQueries(JdbcClient jdbc, Clock clock, Benefits benefits,
                     @Value("${crm.loyalty.low-usage-below:0.10}") BigDecimal lowUsageBelow) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.benefits = benefits;
        this.lowUsageBelow = lowUsageBelow;
    }

    @Transactional(readOnly = true)
    public ProgrammeFigures figures(DataScope scope) {
        LocalDate today = LocalDate.now(clock);
        Map<Tier, Long> counts = jdbc.sql("""
                        select m.tier, count(*) as members from loyalty_member m join customer c on c.id = m.customer_id
                         where""" + " " + DataScope.predicate("c") + " group by m.tier")
                .params(scope(scope))
                .query((rs, n) -> Map.entry(Tier.valueOf(rs.getString("tier")), rs.getLong("members"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<ProgrammeFigures.TierCount> tiers = List.of(Tier.values()).stream()
                .map(t -> new ProgrammeFigures.TierCount(t, counts.getOrDefault(t, 0L))).toList();

        record Use(String code, long users, long uses) {
        }
        Map<String, Use> uses = jdbc.sql("""
                        select r.benefit_code, count(distinct r.customer_id) as users, count(*) as uses
                          from loyalty_redemption r join customer c on c.id = r.customer_id
                         where r.redeemed_at >= cast(date_trunc('year', cast(:today as date)) as date)
                           and""" + " " + DataScope.predicate("c") + " group by r.benefit_code")
                .params(scope(scope)).param("today", today)
                .query((rs, n) -> new Use(rs.getString("benefit_code"), rs.getLong("users"), rs.getLong("uses"))).list().stream()
                .collect(Collectors.toMap(Use::code, Function.identity()));
        List<ProgrammeFigures.BenefitUsage> usage = benefits.catalogue().stream().filter(Benefit::active).map(b -> {
            long entitled = b.tiers().stream().mapToLong(t -> counts.getOrDefault(t, 0L)).sum();
            Use use = uses.getOrDefault(b.code(), new Use(b.code(), 0, 0));
            BigDecimal rate = entitled == 0 ? null
                    : BigDecimal.valueOf(use.users()).divide(BigDecimal.valueOf(entitled), 4, java.math.RoundingMode.HALF_UP);
            return new ProgrammeFigures.BenefitUsage(b, entitled, use.users(), use.uses(), rate,
                    rate != null && rate.compareTo(lowUsageBelow) < 0);
        }).toList();

        // the tier held when the policy came up for renewal (on the renewal reminder's day, 30 days before the end) from
        // the member's tier history; a policy that ended before the history begins (before the programme's launch)
        // counts under the current tier, and is counted as such
        List<ProgrammeFigures.TierRate> renewal = jdbc.sql("""
                        select coalesce(h.to_tier, m.tier) as tier, count(*) as ended,
                               count(*) filter (where exists (select 1 from policy n where n.renews_policy_id = p.id)) as renewed,
                               count(*) filter (where h.to_tier is null) as by_current
                          from policy p
                          join product pr on pr.id = p.product_id and pr.line = 'HOME_PROPERTY'
                          join loyalty_member m on m.customer_id = p.holder_id
                          join customer c on c.id = p.holder_id
                          left join lateral (select t.to_tier from loyalty_tier_change t
                                              where t.customer_id = p.holder_id and t.changed_on <= p.end_date - :before
                                              order by t.changed_on desc, t.id desc limit 1) h on true
                         where p.end_date >= cast(:today as date) - 365 and p.end_date < :today and p.status <> 'CANCELLED'
                           and""" + " " + DataScope.predicate("c") + """
                         group by 1 order by loyalty_tier_rank(coalesce(h.to_tier, m.tier))""")
                .params(scope(scope)).param("today", today).param("before", RENEWAL_DUE_DAYS)
                .query((rs, n) -> new ProgrammeFigures.TierRate(Tier.valueOf(rs.getString("tier")), rs.getLong("ended"),
                        rs.getLong("renewed"), rate(rs.getLong("renewed"), rs.getLong("ended")), rs.getLong("by_current")))
                .list();

        List<ProgrammeFigures.TierSatisfaction> satisfaction = jdbc.sql("""
                        select m.tier, count(*) as answers, round(avg(i.nps_score), 2) as mean,
                               round(100.0 * (count(*) filter (where i.nps_score >= 9) - count(*) filter (where i.nps_score <= 6))
                                     / count(*), 1) as nps
                          from interaction i
                          join loyalty_member m on m.customer_id = i.customer_id
                          join customer c on c.id = i.customer_id
                         where i.type = 'SURVEY' and i.nps_score is not null
                           and i.occurred_at >= cast(:today as date) - 365
                           and""" + " " + DataScope.predicate("c") + " group by m.tier order by loyalty_tier_rank(m.tier)")
                .params(scope(scope)).param("today", today)
                .query((rs, n) -> new ProgrammeFigures.TierSatisfaction(Tier.valueOf(rs.getString("tier")), rs.getLong("answers"),
                        rs.getBigDecimal("mean"), rs.getBigDecimal("nps")))
                .list();
        return new ProgrammeFigures(today, tiers, usage, renewal, satisfaction, lowUsageBelow);
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, java.math.RoundingMode.HALF_UP);
    }

    private static Map<String, Object> scope(DataScope scope) {
        return Map.of("scopeAll", scope.scopeAll(), "scopeAgent", scope.scopeAgent(), "scopeBranch", scope.scopeBranch());
    }
}
