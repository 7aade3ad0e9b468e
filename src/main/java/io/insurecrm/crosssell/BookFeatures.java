package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The features of a book customer for the propensity models, extracted set-based in SQL: age band, gender, marital
 * status, income band, household (spouse, child, parent), current LIFE_STAGE segment, the product lines he holds
 * (an ACTIVE policy as holder or insured) and whether a policy of his ever lapsed. Only individual customers whose
 * latest ANALYTICS consent is a grant are read (models are analysis of personal data). Every feature is 0 or 1.
 */
final class BookFeatures {

    /** The lines a model is learnt for: every line of individual customers (corporate property is for companies). */
    static final List<ProductLine> LINES = Arrays.stream(ProductLine.values())
            .filter(line -> line != ProductLine.CORPORATE_PROPERTY).toList();

    record Feature(String name, String sql) {
    }

    static final List<Feature> ALL;

    static {
        List<Feature> f = new ArrayList<>();
        f.add(new Feature("age.lt25", "c.age_years < 25"));
        f.add(new Feature("age.25_34", "c.age_years between 25 and 34"));
        f.add(new Feature("age.35_44", "c.age_years between 35 and 44"));
        f.add(new Feature("age.45_54", "c.age_years between 45 and 54"));
        f.add(new Feature("age.55_64", "c.age_years between 55 and 64"));
        f.add(new Feature("age.65plus", "c.age_years >= 65"));
        f.add(new Feature("gender.male", "c.gender = 'MALE'"));
        for (String m : List.of("SINGLE", "MARRIED", "DIVORCED", "WIDOWED")) {
            f.add(new Feature("marital." + m, "c.marital_status = '" + m + "'"));
        }
        for (String band : List.of("BELOW_50K", "FROM_50K_TO_150K", "FROM_150K_TO_300K", "FROM_300K_TO_1M", "ABOVE_1M")) {
            f.add(new Feature("income." + band, "c.income_band = '" + band + "'"));
        }
        f.add(new Feature("household.spouse", "coalesce(fam.spouse, false)"));
        f.add(new Feature("household.child", "coalesce(fam.child, false)"));
        f.add(new Feature("household.parent", "coalesce(fam.parent, false)"));
        for (String stage : List.of("YOUNG_SINGLE", "NEW_FAMILY", "SUPPORTING", "ESTABLISHED", "SENIOR")) {
            f.add(new Feature("stage." + stage, "sp.segment = '" + stage + "'"));
        }
        for (ProductLine line : LINES) {
            f.add(new Feature(holds(line), "coalesce(h.h_" + line.name().toLowerCase() + ", 0) = 1"));
        }
        f.add(new Feature("lapsed", "coalesce(h.lapsed, 0) = 1"));
        ALL = List.copyOf(f);
    }

    static String holds(ProductLine line) {
        return "holds." + line.name();
    }

    static List<String> names() {
        return ALL.stream().map(Feature::name).toList();
    }

    /** The features a model of the line uses: all but holding the line itself (that is its label). */
    static List<String> namesFor(ProductLine line) {
        return names().stream().filter(n -> !n.equals(holds(line))).toList();
    }

    /**
     * A query with one row per analysable customer: {@code id}, {@code holds} (bit i = holds LINES[i]) and one 0/1
     * column {@code f<j>} per feature of {@link #ALL}. {@code customerFilter} filters customer {@code c0} (use
     * {@code true} for the book); parameter {@code :today}.
     */
    static String query(String customerFilter) {
        StringBuilder holdCols = new StringBuilder();
        StringBuilder mask = new StringBuilder();
        for (int i = 0; i < LINES.size(); i++) {
            String col = "h_" + LINES.get(i).name().toLowerCase();
            holdCols.append("max(case when pr.line = '").append(LINES.get(i).name())
                    .append("' and x.status = 'ACTIVE' then 1 else 0 end) as ").append(col).append(",\n");
            mask.append(i == 0 ? "" : " + ").append("coalesce(h.").append(col).append(", 0) * ").append(1 << i);
        }
        StringBuilder features = new StringBuilder();
        for (int j = 0; j < ALL.size(); j++) {
            features.append(",\n       case when ").append(ALL.get(j).sql()).append(" then 1 else 0 end as f").append(j);
        }
        String base = "select c0.id from customer c0 where c0.kind = 'INDIVIDUAL' and " + customerFilter;
        return """
                with base as (%1$s),
                     consented as (
                         select customer_id from (
                             select distinct on (customer_id) customer_id, granted
                               from consent where purpose = 'ANALYTICS' and customer_id in (select id from base)
                              order by customer_id, recorded_at desc, id desc) latest
                          where granted),
                     x as (
                         select holder_id as customer_id, product_id, status from policy where holder_id in (select customer_id from consented)
                         union all
                         select insured_id, product_id, status from policy
                          where insured_id <> holder_id and insured_id in (select customer_id from consented)),
                     h as (
                         select x.customer_id, %2$s max(case when x.status = 'LAPSED' then 1 else 0 end) as lapsed
                           from x join product pr on pr.id = x.product_id
                          group by x.customer_id),
                     fam as (
                         select me.customer_id,
                                bool_or(o.relationship = 'SPOUSE' or (me.relationship = 'SPOUSE' and o.relationship = 'SELF')) as spouse,
                                bool_or(o.relationship = 'CHILD') as child, bool_or(o.relationship = 'PARENT') as parent
                           from household_member me
                           join household_member o on o.household_id = me.household_id and o.customer_id <> me.customer_id
                          where me.relationship in ('SELF', 'SPOUSE') and me.customer_id in (select customer_id from consented)
                          group by me.customer_id)
                select c.id, %3$s as holds%4$s
                  from (select cu.*, extract(year from age(cast(:today as date), cu.birth_date))::int as age_years
                          from customer cu join consented k on k.customer_id = cu.id) c
                  left join h on h.customer_id = c.id
                  left join fam on fam.customer_id = c.id
                  left join segment_placement sp on sp.customer_id = c.id and sp.dimension = 'LIFE_STAGE' and sp.valid_to is null
                """.formatted(base, holdCols, mask, features);
    }

    private BookFeatures() {
    }
}
