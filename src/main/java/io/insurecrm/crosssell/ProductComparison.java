package io.insurecrm.crosssell;

import io.insurecrm.platform.web.FieldRuleViolation;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The in-sale comparison: two to four catalogue products side by side, with figures from the book. */
@Service
@Transactional(readOnly = true)
public class ProductComparison {

    public static final int MIN = 2;
    public static final int MAX = 4;

    private final JdbcClient jdbc;
    private final Clock clock;

    ProductComparison(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The catalogue to choose from (id, code, names, line), by line and code. */
    public List<ProductFacts> catalogue() {
        return jdbc.sql("""
                        select id, code, name_zh, name_en, line, layer, category, term_months, active,
                               0::bigint as active_policies, null::numeric as median_premium, null::numeric as median_sum_insured,
                               null::int as median_insured_age, null::numeric as claims_per100
                          from product order by line, code""")
                .query(new DataClassRowMapper<>(ProductFacts.class)).list();
    }

    /**
     * The products in the order asked. @throws FieldRuleViolation on field {@code products} for fewer than two,
     * more than four or an unknown product
     */
    public List<ProductFacts> compare(List<Long> ids) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids == null ? List.of() : ids));
        if (distinct.size() < MIN || distinct.size() > MAX) {
            throw new FieldRuleViolation("products", "crosssell.compare.count", MIN, MAX, distinct.size());
        }
        Map<Long, ProductFacts> found = jdbc.sql("""
                        select pr.id, pr.code, pr.name_zh, pr.name_en, pr.line, pr.layer, pr.category, pr.term_months, pr.active,
                               count(p.id) as active_policies,
                               round(percentile_cont(0.5) within group (order by p.annual_premium)::numeric, 0) as median_premium,
                               round(percentile_cont(0.5) within group (order by p.sum_insured)::numeric, 0) as median_sum_insured,
                               percentile_disc(0.5) within group (order by extract(year from age(cast(:today as date), i.birth_date))::int)
                                   as median_insured_age,
                               round(100.0 * (select count(*) from claim cl join policy cp on cp.id = cl.policy_id
                                               where cp.product_id = pr.id)
                                     / nullif((select count(*) from policy ap where ap.product_id = pr.id), 0), 1) as claims_per100
                          from product pr
                          left join policy p on p.product_id = pr.id and p.status = 'ACTIVE'
                          left join customer i on i.id = p.insured_id
                         where pr.id = any(:ids)
                         group by pr.id""")
                .param("ids", distinct.toArray(Long[]::new)).param("today", LocalDate.now(clock))
                .query(new DataClassRowMapper<>(ProductFacts.class)).list().stream()
                .collect(Collectors.toMap(ProductFacts::id, Function.identity()));
        for (Long id : distinct) {
            if (!found.containsKey(id)) {
                throw new FieldRuleViolation("products", "crosssell.compare.unknown", id);
            }
        }
        return distinct.stream().map(found::get).toList();
    }
}
