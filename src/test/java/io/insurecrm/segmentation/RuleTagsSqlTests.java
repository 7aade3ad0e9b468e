package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule-tag statement (lines as bits, rules expanded once per segment) gives exactly the tags of the statement it
 * replaced (jsonb containment per placement, jsonb_agg of the lines), kept here as the reference, on a generated book:
 * customers of every life stage holding and insured by random active and lapsed policies of every line, for the
 * active tag rules and for rules with duplicate segments, an empty and an unknown lacking line. Rolls back.
 */
@SpringBootTest
@Transactional
class RuleTagsSqlTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    /** The statement before 2026-12-02 (session segfast), as the reference. */
    static final String REFERENCE = """

            with tag_rules as (
                     select tr.id as tag_rule_set_id, t.*
                       from (%2$s) as tr
                      cross join jsonb_to_recordset(tr.rules -> 'tags')
                            as t("tagDimension" text, tag text, "whenDimension" text, "whenSegments" jsonb, "lacksLines" jsonb)),
                 tagged as (
                     select sp.customer_id, sp.segment, r.*
                       from tag_rules r
                       join %1$s sp on sp.dimension = r."whenDimension"
                            and r."whenSegments" @> jsonb_build_array(sp.segment)),
                 lacking as (
                     select distinct customer_id from tagged where "lacksLines" is not null),
                 -- the product lines of the active policies each of them holds or is insured by
                 covered as (
                     select x.customer_id, jsonb_agg(distinct x.line) as lines
                       from (select p.holder_id as customer_id, pr.line
                               from policy p join product pr on pr.id = p.product_id
                              where p.status = 'ACTIVE' and p.holder_id in (select customer_id from lacking)
                             union all
                             select p.insured_id, pr.line
                               from policy p join product pr on pr.id = p.product_id
                              where p.status = 'ACTIVE' and p.insured_id in (select customer_id from lacking)) x
                      group by x.customer_id)
            select t.customer_id, t."tagDimension" as tag_dimension, t.tag, t.tag_rule_set_id,
                   case when t."lacksLines" is null then 'segmentation.tag.reason' else 'segmentation.tag.reason.lacks' end
                       as reason_key,
                   jsonb_build_array(t."whenDimension", t.segment,
                       coalesce((select string_agg(l, ', ') from jsonb_array_elements_text(t."lacksLines") l), '')) as reason_args
              from tagged t
              left join covered cv on cv.customer_id = t.customer_id
             where t."lacksLines" is null
                or not exists (select 1 from jsonb_array_elements_text(t."lacksLines") l
                                where coalesce(cv.lines, '[]'::jsonb) @> jsonb_build_array(l))
            """;

    static final String PLACEMENTS = "(select customer_id, dimension, segment from segment_placement where valid_to is null)";

    /** Rules the active set does not exercise: a segment twice, lacking nothing, a line no product has, two dimensions. */
    static final String ODD_RULES = """
            {"tags": [
              {"tagDimension": "VALUE", "tag": "TWICE", "whenDimension": "VALUE", "whenSegments": ["HIGH", "HIGH", "MIDDLE"]},
              {"tagDimension": "NEED", "tag": "LACKS_NOTHING", "whenDimension": "LIFE_STAGE",
               "whenSegments": ["SENIOR", "ESTABLISHED"], "lacksLines": []},
              {"tagDimension": "NEED", "tag": "NO_ANNUITY", "whenDimension": "LIFE_STAGE",
               "whenSegments": ["YOUNG_SINGLE", "SUPPORTING", "NEW_FAMILY"], "lacksLines": ["ANNUITY", "LIABILITY"]},
              {"tagDimension": "RISK", "tag": "CHURN_NO_LIFE", "whenDimension": "DYNAMIC",
               "whenSegments": ["CHURN_RISK", "POTENTIAL"], "lacksLines": ["TERM_LIFE", "WHOLE_LIFE", "ACCIDENT"]}
            ]}""";

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;

    @BeforeEach
    void book() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        List<Long> products = new ArrayList<>();
        for (String line : List.of("ACCIDENT", "MEDICAL", "CRITICAL_ILLNESS", "TERM_LIFE", "WHOLE_LIFE", "ANNUITY",
                "EDUCATION", "LONG_TERM_CARE", "MOTOR")) {
            products.add(book.product("线" + line, "Line " + line, line, "BASIC"));
        }
        Random random = new Random(20261202);
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            customers.add(i % 15 == 0 ? book.corporate("标签企业" + i, "33", agent)
                    : book.individual("标签" + i, LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                            random.nextBoolean(), "33", agent));
        }
        for (int i = 0; i + 2 < customers.size(); i += 6) {   // households: head, spouse, a child
            long household = book.household("标签家" + i, customers.get(i));
            book.member(household, customers.get(i + 1), "SPOUSE");
            book.member(household, customers.get(i + 2), "CHILD");
        }
        for (long holder : customers) {
            for (int p = random.nextInt(4); p > 0; p--) {
                long insured = random.nextInt(3) == 0 ? customers.get(random.nextInt(customers.size())) : holder;
                book.policy(holder, insured, products.get(random.nextInt(products.size())),
                        random.nextInt(4) == 0 ? "LAPSED" : "ACTIVE", DAY.minusMonths(random.nextInt(30)), DAY.plusMonths(6),
                        String.valueOf(1000 + random.nextInt(150_000)), null);
            }
        }
        recompute.recomputeAll(DAY);
    }

    List<String> tags(String sql, String rules) {
        return jdbc.sql("select customer_id || ' ' || tag_dimension || ' ' || tag || ' ' || tag_rule_set_id || ' ' || reason_key "
                        + "|| ' ' || reason_args::text from (" + sql + ") t order by 1")
                .param("proposedRules", rules).query(String.class).list();
    }

    @Test
    void theBitStatementTagsExactlyAsTheContainmentStatement() {
        String active = jdbc.sql("select rules::text from tag_rule_set where active").query(String.class).single();
        for (String rules : List.of(active, ODD_RULES)) {
            List<String> reference = tags(REFERENCE.formatted(PLACEMENTS, SegmentSql.PROPOSED_RULES), rules);
            assertThat(reference).hasSizeGreaterThan(60);
            assertThat(tags(SegmentSql.ruleTags(PLACEMENTS, SegmentSql.PROPOSED_RULES), rules)).isEqualTo(reference);
            assertThat(tags(SegmentSql.ruleTags(PLACEMENTS, SegmentSql.PROPOSED_RULES, SegmentSql.EVERY_TAGGED_CUSTOMER), rules))
                    .isEqualTo(reference);
        }
        // the ones the odd rules give, so each is exercised
        assertThat(tags(SegmentSql.ruleTags(PLACEMENTS, SegmentSql.PROPOSED_RULES), ODD_RULES).stream()
                .map(t -> t.split(" ")[2]).distinct().sorted().toList())
                .containsExactly("CHURN_NO_LIFE", "LACKS_NOTHING", "NO_ANNUITY", "TWICE");
    }

    @Test
    void theWrittenTagsAreTheReferenceTagsOfTheActiveRules() {
        List<String> reference = tags(REFERENCE.formatted(PLACEMENTS, SegmentSql.ACTIVE_TAG_RULES), null);
        assertThat(jdbc.sql("""
                select customer_id || ' ' || tag_dimension || ' ' || tag || ' ' || tag_rule_set_id || ' ' || reason_key
                       || ' ' || reason_args::text from customer_tag where source = 'RULE' and removed_at is null order by 1""")
                .query(String.class).list()).isEqualTo(reference);
    }
}
