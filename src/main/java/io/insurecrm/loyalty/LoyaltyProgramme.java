package io.insurecrm.loyalty;

import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The loyalty module's facade for other modules (engagement, the portal, claims): a customer's tier in force, the
 * renewal preview of a policy nearing expiry, and the photo-settlement flag of a claim.
 */
@Service
public class LoyaltyProgramme {

    private static final Map<Tier, String> ZH = Map.of(Tier.NONE, "非会员", Tier.BASIC, "基础会员", Tier.SILVER, "白银会员",
            Tier.GOLD, "黄金会员", Tier.DIAMOND, "钻石会员");
    private static final Map<Tier, String> EN = Map.of(Tier.NONE, "non-member", Tier.BASIC, "Basic member",
            Tier.SILVER, "Silver member", Tier.GOLD, "Gold member", Tier.DIAMOND, "Diamond member");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Benefits benefits;
    private final BigDecimal photoBelow;

    LoyaltyProgramme(JdbcClient jdbc, Clock clock, Benefits benefits,
                     @Value("${crm.loyalty.photo-settlement-below:5000}") BigDecimal photoBelow) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.benefits = benefits;
        this.photoBelow = photoBelow;
    }

    /** The customer's tier in force (NONE when he is not a member). */
    @Transactional(readOnly = true)
    public Tier tierOf(long customerId) {
        return jdbc.sql("select tier from loyalty_member where customer_id = :c").param("c", customerId)
                .query(String.class).optional().map(Tier::valueOf).orElse(Tier.NONE);
    }

    /** The customer's tier in force and points balance, in one indexed look-up (for a home screen). */
    @Transactional(readOnly = true)
    public MemberSummary summaryOf(long customerId) {
        return jdbc.sql("""
                        select coalesce((select tier from loyalty_member where customer_id = :c), 'NONE') as tier,
                               coalesce((select balance from loyalty_points_balance where customer_id = :c), 0) as balance""")
                .param("c", customerId)
                .query((rs, n) -> new MemberSummary(customerId, Tier.valueOf(rs.getString("tier")), rs.getInt("balance")))
                .single();
    }

    /** The renewal preview of an ACTIVE home property policy; empty for any other policy. */
    @Transactional(readOnly = true)
    public Optional<RenewalPreview> renewalPreview(long policyId) {
        return homePolicies("p.id = :id", Map.of("id", policyId)).stream().findFirst()
                .map(p -> preview(p, tierOf(p.holderId()), qualified(p.holderId(), LocalDate.now(clock)).tier(),
                        qualified(p.holderId(), p.endDate().plusDays(1))));
    }

    /** An ACTIVE home policy as a renewal preview needs it. */
    private record HomePolicy(long id, String number, long holderId, LocalDate endDate, BigDecimal premium) {
    }

    private List<HomePolicy> homePolicies(String filter, Map<String, Object> params) {
        return jdbc.sql("""
                        select p.id, p.policy_number, p.holder_id, p.end_date, p.annual_premium
                          from policy p join product pr on pr.id = p.product_id
                         where p.status = 'ACTIVE' and pr.line = 'HOME_PROPERTY' and\s""" + filter)
                .params(params)
                .query((rs, n) -> new HomePolicy(rs.getLong("id"), rs.getString("policy_number"), rs.getLong("holder_id"),
                        rs.getObject("end_date", LocalDate.class), rs.getBigDecimal("annual_premium")))
                .list();
    }

    /**
     * The renewal previews of those of the given policies that have one (ACTIVE home policies), by policy id: the
     * policies are sorted out in one query, so a caller with many policies (the daily renewal reminders) pays the
     * preview only for the home policies among them.
     */
    @Transactional(readOnly = true)
    public Map<Long, RenewalPreview> renewalPreviews(Collection<Long> policyIds) {
        Map<Long, RenewalPreview> previews = new HashMap<>();
        if (policyIds.isEmpty()) {
            return previews;
        }
        List<HomePolicy> home = homePolicies("p.id = any(:ids)", Map.of("ids", policyIds.toArray(Long[]::new)));
        if (home.isEmpty()) {
            return previews;
        }
        Long[] holders = home.stream().map(HomePolicy::holderId).distinct().toArray(Long[]::new);
        Map<Long, Tier> held = new HashMap<>();
        jdbc.sql("select customer_id, tier from loyalty_member where customer_id = any(:ids)").param("ids", holders)
                .query((rs, n) -> held.put(rs.getLong("customer_id"), Tier.valueOf(rs.getString("tier")))).list();
        Map<Long, Qualified> today = qualified(holders, LocalDate.now(clock));
        // the qualification on the renewal's first day, once per end date (the day's reminders share one)
        Map<LocalDate, List<HomePolicy>> byEnd = home.stream().collect(Collectors.groupingBy(HomePolicy::endDate));
        byEnd.forEach((end, policies) -> {
            Map<Long, Qualified> onRenewal = qualified(policies.stream().map(HomePolicy::holderId).distinct()
                    .toArray(Long[]::new), end.plusDays(1));
            for (HomePolicy policy : policies) {
                previews.put(policy.id(), preview(policy, held.getOrDefault(policy.holderId(), Tier.NONE),
                        today.get(policy.holderId()).tier(), onRenewal.get(policy.holderId())));
            }
        });
        return previews;
    }

    /** Renewal previews of the ACTIVE home policies in the caller's scope ending within {@code days} from today. */
    @Transactional(readOnly = true)
    public List<RenewalPreview> renewalPreviews(int days, DataScope scope, int limit) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("""
                        select p.id from policy p join product pr on pr.id = p.product_id join customer c on c.id = p.holder_id
                         where p.status = 'ACTIVE' and pr.line = 'HOME_PROPERTY' and p.end_date between :today and :until
                           and not exists (select 1 from policy n where n.renews_policy_id = p.id)
                           and""" + " " + DataScope.predicate("c") + " order by p.end_date, p.id limit :limit")
                .param("today", today).param("until", today.plusDays(days)).param("limit", limit)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent()).param("scopeBranch", scope.scopeBranch())
                .query(Long.class).list().stream().map(this::renewalPreview).flatMap(Optional::stream).toList();
    }

    /** Renewal previews of the customer's ACTIVE home policies ending within {@code days} from today, not yet renewed. */
    @Transactional(readOnly = true)
    public List<RenewalPreview> renewalPreviewsOf(long customerId, int days) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("""
                        select p.id from policy p join product pr on pr.id = p.product_id
                         where p.holder_id = :c and p.status = 'ACTIVE' and pr.line = 'HOME_PROPERTY'
                           and p.end_date between :today and :until
                           and not exists (select 1 from policy n where n.renews_policy_id = p.id)
                         order by p.end_date""")
                .param("c", customerId).param("today", today).param("until", today.plusDays(days))
                .query(Long.class).list().stream().map(this::renewalPreview).flatMap(Optional::stream).toList();
    }

    private record Qualified(Tier tier, int years) {
    }

    private Qualified qualified(long holderId, LocalDate day) {
        return qualified(new Long[] {holderId}, day).get(holderId);
    }

    /** The tier each holder qualifies for on the day, and his insured years then, in one statement. */
    private Map<Long, Qualified> qualified(Long[] holderIds, LocalDate day) {
        Map<Long, Qualified> byHolder = new HashMap<>();
        jdbc.sql("select customer_id, qualified_tier, years from (" + LoyaltySql.qualification(LoyaltySql.THESE_HOLDERS) + ") q")
                .param("customerIds", holderIds).param("today", day)
                .query((rs, n) -> byHolder.put(rs.getLong("customer_id"),
                        new Qualified(Tier.valueOf(rs.getString("qualified_tier")), rs.getInt("years"))))
                .list();
        return byHolder;
    }

    /*
     * The tier to compare with is the one he holds or, if higher, the one he qualifies for today (the next evaluation
     * gives it him without a renewal), so the preview never promises what he has already earned.
     */
    private RenewalPreview preview(HomePolicy policy, Tier held, Tier today, Qualified onRenewal) {
        Tier current = today.above(held) ? today : held;
        Tier next = onRenewal.tier().above(current) ? onRenewal.tier() : current;
        List<Benefit> unlocked = benefits.catalogue().stream()
                .filter(b -> b.entitles(next) && !b.entitles(current)).toList();
        String zh;
        String en;
        if (next.above(current)) {
            zh = "续保即可升级为" + ZH.get(next) + "，解锁" + unlocked.stream().map(Benefit::nameZh).collect(Collectors.joining("、")) + "。";
            en = "Renew and become a " + EN.get(next) + ", unlocking " + unlocked.stream().map(Benefit::nameEn)
                    .collect(Collectors.joining(", ")) + ".";
        } else {
            zh = "续保即可继续享有" + ZH.get(current) + "全部权益，累计投保年限增至 " + onRenewal.years() + " 年。";
            en = "Renew to keep every benefit of a " + EN.get(current) + "; your insured years reach " + onRenewal.years() + ".";
        }
        return new RenewalPreview(policy.id(), policy.number(), policy.holderId(), policy.endDate(), policy.premium(),
                current, next, onRenewal.years(), unlocked, zh, en);
    }

    /** Whether the claim is flagged for photo settlement without an on-site survey. */
    @Transactional(readOnly = true)
    public boolean photoSettlement(long claimId) {
        return claims("cl.id = :id", Map.of("id", claimId), DataScope.all()).stream().anyMatch(ClaimLine::photoSettlement);
    }

    /** The claim as the programme sees it (tier, photo-settlement flag); empty when it does not exist. */
    @Transactional(readOnly = true)
    public Optional<ClaimLine> claim(long claimId) {
        return claims("cl.id = :id", Map.of("id", claimId), DataScope.all()).stream().findFirst();
    }

    /** The amount below which a flagged member's home claim is settled from photos (CNY). */
    public BigDecimal photoSettlementBelow() {
        return photoBelow;
    }

    /** Of the given claims, those flagged for photo settlement without an on-site survey (one query). */
    @Transactional(readOnly = true)
    public java.util.Set<Long> photoSettlement(java.util.Collection<Long> claimIds) {
        if (claimIds.isEmpty()) {
            return java.util.Set.of();
        }
        return claims("cl.id = any(:ids)", Map.of("ids", claimIds.toArray(Long[]::new)), DataScope.all()).stream()
                .filter(ClaimLine::photoSettlement).map(ClaimLine::claimId).collect(Collectors.toSet());
    }

    /** The member's claims, newest first, with progress and the photo-settlement flag. */
    @Transactional(readOnly = true)
    public List<ClaimLine> claimsOf(long customerId, DataScope scope) {
        return claims("cl.customer_id = :customer", Map.of("customer", customerId), scope);
    }

    /** The open claims in scope flagged for photo settlement. */
    @Transactional(readOnly = true)
    public List<ClaimLine> photoSettlementQueue(DataScope scope) {
        return claims("cl.status in ('REPORTED', 'ASSESSING')", Map.of(), scope).stream()
                .filter(ClaimLine::photoSettlement).toList();
    }

    private List<ClaimLine> claims(String where, Map<String, Object> params, DataScope scope) {
        return jdbc.sql("""
                        select cl.id, cl.claim_number, cl.customer_id, c.name, p.policy_number, pr.line = 'HOME_PROPERTY' as home,
                               cl.amount_claimed, cl.status, cl.reported_on,
                               (select max(s.changed_at) from claim_status_change s where s.claim_id = cl.id) as last_change,
                               coalesce(m.tier, 'NONE') as tier,
                               pr.line = 'HOME_PROPERTY' and cl.status in ('REPORTED', 'ASSESSING') and cl.amount_claimed < :below
                                 and exists (select 1 from loyalty_benefit b where b.code = 'PHOTO_SETTLEMENT' and b.active
                                             and m.tier = any(b.tiers)) as photo
                          from claim cl
                          join policy p on p.id = cl.policy_id
                          join product pr on pr.id = p.product_id
                          join customer c on c.id = cl.customer_id
                          left join loyalty_member m on m.customer_id = cl.customer_id
                         where""" + " " + where + " and " + DataScope.predicate("c") + """
                         order by cl.reported_on desc, cl.id desc limit 200""")
                .params(params).param("below", photoBelow)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent()).param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new ClaimLine(rs.getLong("id"), rs.getString("claim_number"), rs.getLong("customer_id"),
                        rs.getString("name"), rs.getString("policy_number"), rs.getBoolean("home"), rs.getBigDecimal("amount_claimed"),
                        rs.getString("status"), rs.getObject("reported_on", LocalDate.class),
                        rs.getTimestamp("last_change") == null ? null
                                : rs.getTimestamp("last_change").toInstant().atZone(clock.getZone()).toLocalDate(),
                        Tier.valueOf(rs.getString("tier")), rs.getBoolean("photo")))
                .list();
    }
}
