package io.insurecrm.segmentation;

import static io.insurecrm.fixtures.BookFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incremental nightly run: it recomputes only the customers whose inputs were written (marked by the database
 * triggers of V44) or whose placements fall due by time alone, and must leave exactly what a whole-book run computes.
 * A hand-made book of one agent (region 33) from 2026-06-01; other tests' customers share the database and are placed
 * too. Every test rolls back.
 * <pre>
 * customer  what he has                                                   what time or a write changes
 * edge      born 1991-06-02, single, policy 10,000                        turns 35 on 06-02: YOUNG_SINGLE → ESTABLISHED
 * recent    calls 2026-05-20 and 05-25, policy 2026-03-01..2027-03-01     recency score drops on 06-24 (30 days), the
 *                                                                         policy's end falls due on 2027-03-01
 * parent    born 1996-01-10, married, child born 2023-02-01               the child's age (in the reason) on 2027-02-01
 * lapsing   two policies of 30,000                                        a write: one lapses; a new policy; a claim
 * quiet     a survey 2026-05-30                                           a write: an interaction dated a month later; the
 *                                                                         survey leaves the recent 6 months on 11-30
 * </pre>
 */
@SpringBootTest
@Transactional
class SegmentNightlyTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentRules rules;
    @Autowired PlatformTransactionManager transactions;

    BookFixtures book;
    long agent, medical, home, edge, recent, parent, child, lapsing, lapsingPolicy, quiet;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        home = book.product("家财险", "Home", "HOME_PROPERTY", null);
        edge = person("edge", "1991-06-02", "SINGLE");
        book.policy(edge, medical, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "10000");
        recent = person("recent", "1980-02-29", "MARRIED");
        book.policy(recent, medical, "ACTIVE", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1), "25000");
        book.interaction(recent, "CONSULTATION", at("2026-05-20T10:00:00"), null);
        book.interaction(recent, "CONSULTATION", at("2026-05-25T23:30:00"), null);
        parent = person("parent", "1996-01-10", "MARRIED");
        child = person("child", "2023-02-01", null);
        book.member(book.household("年轻家庭", parent), child, "CHILD");
        lapsing = person("lapsing", "1975-08-31", "MARRIED");
        lapsingPolicy = book.policy(lapsing, medical, "ACTIVE", LocalDate.of(2025, 8, 31), LocalDate.of(2026, 8, 31), "30000");
        book.policy(lapsing, home, "ACTIVE", LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31), "30000");
        quiet = person("quiet", "1990-12-31", "DIVORCED");
        book.interaction(quiet, "SURVEY", at("2026-05-30T10:00:00"), null);   // leaves 6 months' contact on 11-30
    }

    long person(String name, String born, String marital) {
        long id = book.individual(name, LocalDate.parse(born), true, "33", agent);
        jdbc.sql("update customer set marital_status = :m where id = :id").param("m", marital).param("id", id).update();
        return id;
    }

    @Test
    void nightRunsOverAYearOfChangesLeaveWhatTheWholeBookGives() {
        recompute.recomputeAll(DAY);

        // birthday: edge turns 35
        nightlyAndCheck(DAY.plusDays(1));
        assertThat(current(edge, Dimension.LIFE_STAGE)).isEqualTo("ESTABLISHED");

        // writes: a new policy, a future-dated claim, an interaction dated a month later, a marriage
        book.policy(lapsing, medical, "ACTIVE", DAY.plusDays(2), DAY.plusDays(2).plusYears(1), "50000");
        long property = book.policy(quiet, home, "ACTIVE", DAY.plusDays(1), DAY.plusDays(1).plusYears(1), "2000");
        book.claim(property, DAY.plusDays(10), "5000", "REPORTED");
        book.interaction(quiet, "CONSULTATION", at(DAY.plusDays(30) + "T09:00:00"), null);
        jdbc.sql("update customer set marital_status = 'MARRIED' where id = :id").param("id", edge).update();
        SegmentRecompute.Run run = nightlyAndCheck(DAY.plusDays(2));
        assertThat(run.full()).isFalse();
        assertThat(current(lapsing, Dimension.VALUE)).isEqualTo("HIGH");

        nightlyAndCheck(DAY.plusDays(10));                      // the claim falls due
        nightlyAndCheck(DAY.plusDays(22));
        assertThat(reasonArgs(recent, Dimension.BEHAVIOUR)).startsWith("[\"5\", \"2026-05-25\"");
        nightlyAndCheck(DAY.plusDays(23));                      // recent: 06-24 is 30 days after 05-25, R 5 → 4
        assertThat(reasonArgs(recent, Dimension.BEHAVIOUR)).startsWith("[\"4\", \"2026-05-25\"");

        // a lapse, then time: window edges, policy ends, the child's birthday, a leap-day birthday
        jdbc.sql("update policy set status = 'LAPSED', terminated_on = :day where id = :id")
                .param("day", DAY.plusDays(40)).param("id", lapsingPolicy).update();
        assertThat(nightlyAndCheck(DAY.plusDays(31)).customers()).isLessThan((int) count("customer"));
        for (int days : new int[] {45, 91, 92, 120, 181, 182, 213, 245, 272, 273, 300, 365, 400, 500, 640, 800}) {
            nightlyAndCheck(DAY.plusDays(days));
        }
    }

    @Test
    void aSecondNightlyRunOnTheSameDayRecomputesNobody() {
        recompute.recomputeAll(DAY);
        book.interaction(quiet, "CONSULTATION", at("2026-06-02T09:00:00"), null);
        SegmentRecompute.Run first = recompute.nightly(DAY.plusDays(1));
        List<Map<String, Object>> placements = placements();

        SegmentRecompute.Run second = recompute.nightly(DAY.plusDays(1));

        assertThat(first.full()).isFalse();
        assertThat(first.customers()).isGreaterThanOrEqualTo(2);   // quiet (written) and edge (his birthday)
        assertThat(second.customers()).isZero();
        assertThat(second.closed() + second.opened() + second.replaced()).isZero();
        assertThat(placements()).isEqualTo(placements);
    }

    @Test
    void aCustomerDueByTimeAloneIsRecomputedInTheDimensionsDueOnly() {
        // VALUE HIGH (tagged HIGH_VALUE) and no medical cover (tagged MEDICAL_GAP, its reason naming his life stage)
        long life = book.product("定期寿险", "Term life", "TERM_LIFE", null);
        book.policy(edge, life, "ACTIVE", DAY.minusMonths(1), DAY.plusMonths(11), "200000");
        jdbc.sql("update policy set status = 'LAPSED', terminated_on = :day where holder_id = :c and product_id = :p")
                .param("day", DAY.minusDays(1)).param("c", edge).param("p", medical).update();
        recompute.recomputeAll(DAY);
        assertThat(medicalGapReason(edge)).contains("YOUNG_SINGLE");
        // what is due on the next day, dimension by dimension (edge's birthday is one: LIFE_STAGE); nobody is written
        LocalDate next = DAY.plusDays(1);
        long due = jdbc.sql("""
                select count(*) filter (where value_until <= :day) + count(*) filter (where life_stage_until <= :day)
                       + count(*) filter (where behaviour_until <= :day) + count(*) filter (where risk_until <= :day)
                       + count(*) filter (where dynamic_until <= :day)
                  from segment_recheck where due <= :day""").param("day", next).query(Long.class).single();
        jdbc.sql("delete from segment_dirty").update();
        Map<String, Object> edgeRecheck = jdbc.sql("select * from segment_recheck where customer_id = :c").param("c", edge)
                .query().singleRow();
        long highValue = highValueTag(edge);

        SegmentRecompute.Run run = nightlyAndCheck(next);

        assertThat(run.placed()).as("placements staged: the due dimensions of the due customers").isEqualTo(due);
        assertThat(current(edge, Dimension.LIFE_STAGE)).isEqualTo("ESTABLISHED");
        // his other dimensions keep their due days; the rule tags of the other dimensions stay as they were
        Map<String, Object> after = jdbc.sql("select * from segment_recheck where customer_id = :c").param("c", edge)
                .query().singleRow();
        for (String kept : List.of("value_until", "behaviour_until", "risk_until", "dynamic_until")) {
            assertThat(after.get(kept)).as(kept).isEqualTo(edgeRecheck.get(kept));
        }
        assertThat(after.get("life_stage_until")).isNotEqualTo(edgeRecheck.get("life_stage_until"));
        // his tags were derived again (his LIFE_STAGE segment, which tag rules read, changed), with his VALUE placement
        // as it is: the tag it makes is kept, the same row
        assertThat(highValueTag(edge)).isEqualTo(highValue);
        // and the tag his new life stage makes follows it
        assertThat(medicalGapReason(edge)).contains("ESTABLISHED");
    }

    String medicalGapReason(long customer) {
        return jdbc.sql("select reason_args::text from customer_tag where customer_id = :c and tag = 'MEDICAL_GAP' and removed_at is null")
                .param("c", customer).query(String.class).single();
    }

    long highValueTag(long customer) {
        return jdbc.sql("select id from customer_tag where customer_id = :c and tag = 'HIGH_VALUE' and removed_at is null")
                .param("c", customer).query(Long.class).single();
    }

    @Test
    void aCustomerWrittenAnInteractionIsRecomputedInBehaviourAndDynamicOnly() {
        recompute.recomputeAll(DAY);
        book.interaction(quiet, "CONSULTATION", at("2026-05-31T09:00:00"), null);
        assertThat(jdbc.sql("select dimensions::text from segment_dirty where customer_id = :c").param("c", quiet)
                .query(String.class).list()).containsOnly("{BEHAVIOUR,DYNAMIC}");

        SegmentRecompute.Run run = nightlyAndCheck(DAY);

        assertThat(run.customers()).isEqualTo(1);
        assertThat(run.placed()).as("placements staged: his BEHAVIOUR and DYNAMIC").isEqualTo(2);
        assertThat(reasonArgs(quiet, Dimension.BEHAVIOUR)).contains("2026-05-31");
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void aRuleChangeAnEarlierDayOrNoWholeBookRunYetRecomputesTheWholeBook() {
        jdbc.sql("delete from segment_batch").update();
        assertThat(recompute.nightly(DAY).full()).isTrue();
        assertThat(recompute.nightly(DAY).full()).isFalse();
        assertThat(recompute.nightly(DAY.minusDays(1)).full()).isTrue();

        rules.saveRules(Dimension.LIFE_STAGE, Map.of("youngUnder", 30, "seniorFrom", 60, "smallChildUnder", 6), "analyst",
                RuleNotes.onActive(rules, Dimension.LIFE_STAGE));

        SegmentRecompute.Run run = recompute.nightly(DAY);
        assertThat(run.full()).isTrue();
        assertThat(current(edge, Dimension.LIFE_STAGE)).isEqualTo("ESTABLISHED");
    }

    @Test
    void writesMarkTheCustomersWhosePlacementsTheyMayChange() {
        jdbc.sql("delete from segment_dirty").update();
        jdbc.sql("update customer set phone = '13800000000' where id = :id").param("id", edge).update();
        assertThat(marked()).isEmpty();

        // each mark names the dimensions its write can change (V117–V119); LINES: the lines held, which rule tags read
        jdbc.sql("update customer set birth_date = date '2023-03-01' where id = :id").param("id", child).update();
        assertThat(dimensionsMarked()).containsExactly("{LIFE_STAGE}");
        assertThat(marked()).containsExactlyInAnyOrder(child, parent);
        jdbc.sql("update customer set industry = '制造业' where id = :id").param("id", edge).update();
        assertThat(dimensionsMarked()).containsExactly("{RISK}");
        assertThat(marked()).containsExactly(edge);
        jdbc.sql("update customer set industry = '建筑业', marital_status = 'WIDOWED' where id = :id").param("id", edge).update();
        assertThat(dimensionsMarked()).containsExactly("{LIFE_STAGE,RISK}");
        assertThat(marked()).containsExactly(edge);
        long newcomer = book.individual("newcomer", LocalDate.of(2000, 1, 1), true, "33", agent);
        assertThat(dimensionsMarked()).containsExactly("every");
        assertThat(marked()).containsExactly(newcomer);

        long renewal = book.policy(quiet, quiet, medical, "ACTIVE", DAY, DAY.plusYears(1), "1000", lapsingPolicy);
        assertThat(dimensionsMarked()).containsExactly("{VALUE,BEHAVIOUR,RISK,DYNAMIC,LINES}");
        assertThat(marked()).containsExactlyInAnyOrder(quiet, lapsing);
        jdbc.sql("update policy set version = version + 1 where id = :id").param("id", renewal).update();
        assertThat(marked()).isEmpty();
        jdbc.sql("update policy set insured_id = :insured where id = :id").param("insured", edge).param("id", renewal).update();
        assertThat(marked()).containsExactlyInAnyOrder(quiet, edge, lapsing);

        book.claim(lapsingPolicy, DAY, "100", "REPORTED");
        book.interaction(recent, "COMPLAINT", at("2026-06-01T10:00:00"), null);
        assertThat(dimensionsMarked()).containsExactlyInAnyOrder("{VALUE,RISK}", "{BEHAVIOUR,DYNAMIC}");
        assertThat(marked()).containsExactlyInAnyOrder(lapsing, recent);

        book.member(jdbc.sql("select household_id from household_member where customer_id = :id").param("id", parent)
                .query(Long.class).single(), quiet, "PARENT");
        assertThat(dimensionsMarked()).containsExactly("{LIFE_STAGE}");
        assertThat(marked()).containsExactlyInAnyOrder(parent, child, quiet);
        jdbc.sql("delete from household_member where customer_id = :id").param("id", child).update();
        assertThat(marked()).containsExactlyInAnyOrder(parent, child, quiet);

        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                values (:c, 'MARKETING', true, 'PAPER_FORM', 'v1', now(), 'test'),
                       (:c, 'SENSITIVE_DATA', true, 'PAPER_FORM', 'v1', now(), 'test')""").param("c", edge).update();
        assertThat(dimensionsMarked()).containsExactly("{RISK}");
        assertThat(marked()).containsExactly(edge);
    }

    @Test
    void aFailedNightlyRunLeavesThePlacementsAndTheMarks() {
        recompute.recomputeAll(DAY);
        List<Map<String, Object>> placements = placements();
        book.policy(quiet, medical, "ACTIVE", DAY, DAY.plusYears(1), "200000");
        // a rule set the SQL cannot read: the run fails in its staging insert and rolls back
        jdbc.sql("update segment_rule_set set rules = '{\"youngUnder\": \"x\"}' where dimension = 'LIFE_STAGE' and active").update();

        assertThatThrownBy(() -> inSavepoint(() -> recompute.nightly(DAY.plusDays(1))))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);

        assertThat(placements()).isEqualTo(placements);
        assertThat(jdbc.sql("select count(*) from segment_dirty where customer_id = :id").param("id", quiet)
                .query(Long.class).single()).isPositive();
    }

    /**
     * The nightly run on the day, then a whole-book run of the same day in a savepoint that is rolled back: it must
     * write nothing, and the placements, rule tags and due days it computes must be those the nightly runs left.
     */
    SegmentRecompute.Run nightlyAndCheck(LocalDate day) {
        SegmentRecompute.Run nightly = recompute.nightly(day);
        assertThat(nightly.full()).as("nightly run on %s", day).isFalse();
        List<Map<String, Object>> placements = placements(), tags = tags(), dues = dues();
        inSavepoint(() -> {
            SegmentRecompute.Run full = recompute.recomputeAll(day);
            assertThat(full.closed() + full.opened() + full.replaced()).as("whole-book run after the nightly one on %s", day).isZero();
            assertThat(placements()).as("placements on %s", day).isEqualTo(placements);
            assertThat(tags()).as("rule tags on %s", day).isEqualTo(tags);
            assertThat(dues()).as("due days on %s", day).isEqualTo(dues);
            throw new RolledBack();
        });
        return nightly;
    }

    static final class RolledBack extends RuntimeException {
    }

    void inSavepoint(Runnable work) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        try {
            template.executeWithoutResult(status -> work.run());
        } catch (RolledBack expected) {
            // the savepoint is rolled back
        }
    }

    List<Map<String, Object>> placements() {
        return jdbc.sql("""
                select id, customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args::text, valid_from, valid_to
                  from segment_placement order by id""").query().listOfRows();
    }

    List<Map<String, Object>> tags() {
        return jdbc.sql("""
                select id, customer_id, tag_dimension, tag, tag_rule_set_id, reason_args::text, removed_at
                  from customer_tag where source = 'RULE' order by id""").query().listOfRows();
    }

    List<Map<String, Object>> dues() {
        return jdbc.sql("""
                select customer_id, value_until, life_stage_until, behaviour_until, risk_until, dynamic_until, due
                  from segment_recheck order by customer_id""").query().listOfRows();
    }

    String current(long customer, Dimension dimension) {
        return jdbc.sql("select segment from segment_placement where customer_id = :c and dimension = :d and valid_to is null")
                .param("c", customer).param("d", dimension.name()).query(String.class).single();
    }

    String reasonArgs(long customer, Dimension dimension) {
        return jdbc.sql("select reason_args::text from segment_placement where customer_id = :c and dimension = :d and valid_to is null")
                .param("c", customer).param("d", dimension.name()).query(String.class).single();
    }

    /** The dimensions the marks since the last call name ("every": null), the marks left in place. */
    List<String> dimensionsMarked() {
        return jdbc.sql("select distinct coalesce(dimensions::text, 'every') from segment_dirty").query(String.class).list();
    }

    /** The customers marked since the last call (the marks are consumed). */
    List<Long> marked() {
        return jdbc.sql("with d as (delete from segment_dirty returning customer_id) select distinct customer_id from d")
                .query(Long.class).list();
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
