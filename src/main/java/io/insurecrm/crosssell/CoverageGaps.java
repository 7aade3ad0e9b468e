package io.insurecrm.crosssell;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coverage gaps of the book's customers by the active gap rules: a customer and his whole household, with the family
 * protection pack. Reads customers, households, active policies (cover is what a person is insured for), current
 * LIFE_STAGE placements and the latest questionnaire's mortgage with SQL, within the caller's data scope.
 */
@Service
@Transactional(readOnly = true)
public class CoverageGaps {

    /** Midpoints of the income bands (yuan a year), for needs that count income. */
    static final Map<String, BigDecimal> INCOME_MIDPOINTS = Map.of("BELOW_50K", new BigDecimal("30000"),
            "FROM_50K_TO_150K", new BigDecimal("100000"), "FROM_150K_TO_300K", new BigDecimal("225000"),
            "FROM_300K_TO_1M", new BigDecimal("650000"), "ABOVE_1M", new BigDecimal("1500000"));

    private final JdbcClient jdbc;
    private final GapRules rules;
    private final Clock clock;

    CoverageGaps(JdbcClient jdbc, GapRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    /** The household's members with their gaps, and the pack. @throws NotFoundException outside the scope */
    public FamilyView family(long customerId, DataScope scope) {
        requireVisible(customerId, scope);
        LocalDate today = LocalDate.now(clock);
        GapRuleSet ruleSet = rules.active();
        record Row(long id, String name, String relationship, LocalDate birthDate, LocalDate joinedOn, String incomeBand,
                   String lifeStage, String householdName) {
        }
        List<Row> rows = jdbc.sql("""
                        with mine as (select household_id from household_member where customer_id = :customer)
                        select c.id, c.name, m.relationship, c.birth_date, m.joined_on, c.income_band, sp.segment, h.name as household
                          from customer c
                          left join household_member m on m.customer_id = c.id and m.household_id = (select household_id from mine)
                          left join household h on h.id = m.household_id
                          left join segment_placement sp on sp.customer_id = c.id and sp.dimension = 'LIFE_STAGE' and sp.valid_to is null
                         where c.kind = 'INDIVIDUAL'
                           and (c.id = :customer or c.id in (select customer_id from household_member
                                                             where household_id = (select household_id from mine)))
                         order by case m.relationship when 'SELF' then 0 when 'SPOUSE' then 1 when 'PARENT' then 2
                                  when 'CHILD' then 3 else 4 end, c.birth_date, c.id""")
                .param("customer", customerId)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("relationship"),
                        rs.getObject("birth_date", LocalDate.class), rs.getObject("joined_on", LocalDate.class),
                        rs.getString("income_band"), rs.getString("segment"), rs.getString("household")))
                .list();
        if (rows.isEmpty()) {
            // a corporate customer: no personal cover, no household
            return new FamilyView(customerId, null, ruleSet.version(), List.of(), new FamilyView.Pack(List.of(), BigDecimal.ZERO, 0));
        }
        Map<Long, Map<ProductLine, BigDecimal>> cover = cover(rows.stream().map(Row::id).toList());
        long childCount = rows.stream().filter(r -> "CHILD".equals(r.relationship())).count();
        BigDecimal mortgage = jdbc.sql("""
                        select q.mortgage from crosssell_questionnaire q
                         where q.customer_id in (select customer_id from household_member
                                                  where household_id = (select household_id from household_member where customer_id = :customer))
                            or q.customer_id = :customer
                         order by q.created_at desc, q.id desc limit 1""")
                .param("customer", customerId).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
        List<FamilyView.Member> members = new ArrayList<>();
        for (Row r : rows) {
            int age = r.birthDate().until(today).getYears();
            boolean parentRole = r.relationship() == null || "SELF".equals(r.relationship()) || "SPOUSE".equals(r.relationship());
            boolean newMember = r.joinedOn() != null && !"SELF".equals(r.relationship()) && r.joinedOn().isAfter(today.minusYears(1));
            Person person = new Person(r.id(), r.name(), age, r.lifeStage(), r.relationship(),
                    parentRole ? (int) childCount : 0, newMember, r.incomeBand() == null ? null : INCOME_MIDPOINTS.get(r.incomeBand()),
                    parentRole ? mortgage : BigDecimal.ZERO, cover.getOrDefault(r.id(), Map.of()));
            members.add(new FamilyView.Member(r.id(), r.name(), r.relationship(), age, r.lifeStage(),
                    person.cover().keySet(), GapEvaluator.evaluate(ruleSet.rules(), person)));
        }
        return new FamilyView(customerId, rows.get(0).householdName(), ruleSet.version(), members, pack(members));
    }

    /** The gaps of the customer himself (his household counts for children and new members). */
    public List<Gap> gapsOf(long customerId, DataScope scope) {
        return family(customerId, scope).gaps().stream()
                .filter(g -> g.customerId() != null && g.customerId() == customerId).toList();
    }

    private Map<Long, Map<ProductLine, BigDecimal>> cover(List<Long> ids) {
        Map<Long, Map<ProductLine, BigDecimal>> cover = new LinkedHashMap<>();
        jdbc.sql("""
                        select p.insured_id, pr.line, sum(p.sum_insured) as sum_insured
                          from policy p join product pr on pr.id = p.product_id
                         where p.insured_id = any(:ids) and p.status = 'ACTIVE'
                         group by p.insured_id, pr.line""")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    cover.computeIfAbsent(rs.getLong("insured_id"), k -> new EnumMap<>(ProductLine.class))
                            .put(ProductLine.valueOf(rs.getString("line")), rs.getBigDecimal("sum_insured"));
                });
        return cover;
    }

    private FamilyView.Pack pack(List<FamilyView.Member> members) {
        List<FamilyView.Item> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int unpriced = 0;
        for (FamilyView.Member member : members) {
            Map<ProductLine, List<String>> byLine = new LinkedHashMap<>();
            member.gaps().forEach(g -> byLine.computeIfAbsent(g.suggestLine(), k -> new ArrayList<>()).add(g.ruleCode()));
            for (Map.Entry<ProductLine, List<String>> entry : byLine.entrySet()) {
                Optional<FamilyView.Item> item = product(member, entry.getKey(), entry.getValue());
                if (item.isEmpty()) {
                    continue;
                }
                items.add(item.get());
                if (item.get().referencePremium() == null) {
                    unpriced++;
                } else {
                    total = total.add(item.get().referencePremium());
                }
            }
        }
        return new FamilyView.Pack(items, total, unpriced);
    }

    /** The line's product most held by people of about the member's age, priced at their median annual premium. */
    private Optional<FamilyView.Item> product(FamilyView.Member member, ProductLine line, List<String> ruleCodes) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("""
                        select pr.id, pr.code, pr.name_zh, pr.name_en, count(p.id) as holders,
                               percentile_cont(0.5) within group (order by p.annual_premium) as median
                          from product pr
                          left join policy p on p.product_id = pr.id and p.status = 'ACTIVE'
                               and p.insured_id in (select i.id from customer i
                                                     where i.birth_date between :oldest and :youngest)
                         where pr.line = :line and pr.active
                         group by pr.id, pr.code, pr.name_zh, pr.name_en
                         order by holders desc, pr.code
                         limit 1""")
                .param("line", line.name())
                .param("oldest", today.minusYears(member.age() + 11L).plusDays(1))
                .param("youngest", today.minusYears(Math.max(0, member.age() - 10L)))
                .query((rs, n) -> {
                    Object median = rs.getObject("median");
                    BigDecimal premium = median == null ? null
                            : BigDecimal.valueOf(((Number) median).doubleValue()).setScale(0, RoundingMode.HALF_UP);
                    return new FamilyView.Item(member.customerId(), member.name(), line, rs.getLong("id"),
                            rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"), premium, ruleCodes);
                })
                .optional();
    }

    private void requireVisible(long customerId, DataScope scope) {
        boolean visible = jdbc.sql("select exists (select 1 from customer c where c.id = :id and " + DataScope.predicate("c") + ")")
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(Boolean.class).single();
        if (!visible) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
    }
}
