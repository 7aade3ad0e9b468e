package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

/**
 * Placements on a hand-made book of one agent (so the agent's own-book scope holds exactly these customers), on
 * 2026-06-01. Every test rolls back. Other tests' customers share the database and are placed too, never asserted.
 * <pre>
 * customer     born        marital   household                       active annual premium
 * rich         1985-03-12  MARRIED   —                               100,000 + 23,400 (a lapsed 50,000 not counted)
 * middle       1981-01-15  MARRIED   —                               12,000
 * edge         1990-06-02  SINGLE    —                               10,000 exactly; born a day after: 35 on 06-02
 * cents        1996-06-01  DIVORCED  —                               99,999.50
 * corp         —           —         —                               —
 * senior       1960-05-01  MARRIED   —                               —
 * youngParent  1996-01-10  MARRIED   head: child toddler (3)         —
 * toddler      2023-02-01  —         CHILD of youngParent            —
 * supporter    1981-03-01  MARRIED   head: child pupil (10), parent  —
 * pupil        2016-01-01  —         CHILD of supporter              —
 * grandma      1956-01-01  —         PARENT of supporter             —
 * </pre>
 */
@SpringBootTest
@Transactional
class SegmentRecomputeTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentQueries queries;
    @Autowired SegmentRules rules;
    @Autowired java.time.Clock clock;
    @Autowired org.springframework.context.MessageSource messages;

    String zh(Placement p) {
        return p.reasonIn(messages, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    BookFixtures book;
    long agent, product, rich, middle, edge, cents, corp, senior, youngParent, toddler, supporter, pupil, grandma;
    DataScope mine;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        agent = book.agent(branch);
        mine = DataScope.ownBook(agent);
        product = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        rich = person("rich", "1985-03-12", "MARRIED");
        policy(rich, "100000");
        policy(rich, "23400");
        book.policy(rich, product, "LAPSED", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "50000");
        middle = person("middle", "1981-01-15", "MARRIED");
        policy(middle, "12000");
        edge = person("edge", "1991-06-02", "SINGLE");
        policy(edge, "10000");
        cents = person("cents", "1996-06-01", "DIVORCED");
        policy(cents, "99999.50");
        corp = book.corporate("测试公司", "33", agent);
        senior = person("senior", "1960-05-01", "MARRIED");
        youngParent = person("youngParent", "1996-01-10", "MARRIED");
        toddler = person("toddler", "2023-02-01", null);
        long h1 = book.household("年轻家庭", youngParent);
        book.member(h1, toddler, "CHILD");
        supporter = person("supporter", "1981-03-01", "MARRIED");
        pupil = person("pupil", "2016-01-01", null);
        grandma = person("grandma", "1956-01-01", null);
        long h2 = book.household("三代家庭", supporter);
        book.member(h2, pupil, "CHILD");
        book.member(h2, grandma, "PARENT");
    }

    long person(String name, String born, String marital) {
        long id = book.individual(name, LocalDate.parse(born), true, "33", agent);
        jdbc.sql("update customer set marital_status = :m where id = :id").param("m", marital).param("id", id).update();
        return id;
    }

    void policy(long holder, String annualPremium) {
        book.policy(holder, product, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), annualPremium);
    }

    Map<Long, String> reasons(Dimension dimension, LocalDate day) {
        return jdbc.sql("select id from customer where agent_id = :agent").param("agent", agent).query(Long.class).list().stream()
                .flatMap(id -> queries.placementsOn(id, day, mine).stream())
                .filter(p -> p.dimension() == dimension)
                .collect(java.util.stream.Collectors.toMap(Placement::customerId, p -> p.segment() + " | " + zh(p)));
    }

    /** The planner learns what a whole-book run wrote (one-customer runs planned on "empty" tables took 1.8 s at 1M). */
    @Test
    void aWholeBookRunLeavesStatisticsOfTheTablesItWrote() {
        recompute.recomputeAll(DAY);

        long placements = jdbc.sql("select count(*) from segment_placement").query(Long.class).single();
        assertThat(placements).isPositive();
        assertThat(jdbc.sql("select reltuples from pg_class where oid = 'segment_placement'::regclass")
                .query(Double.class).single()).isEqualTo((double) placements);
    }

    @Test
    void valueSegmentsWithTheirReasons() {
        recompute.recomputeAll(DAY);

        assertThat(reasons(Dimension.VALUE, DAY)).containsEntry(rich, "HIGH | 年缴保费 123,400 ≥ 100,000")
                .containsEntry(middle, "MIDDLE | 10,000 ≤ 年缴保费 12,000 < 100,000")
                .containsEntry(edge, "MIDDLE | 10,000 ≤ 年缴保费 10,000 < 100,000")
                .containsEntry(cents, "MIDDLE | 10,000 ≤ 年缴保费 99,999.50 < 100,000")
                .containsEntry(corp, "POTENTIAL | 年缴保费 0 < 10,000")
                .containsEntry(senior, "POTENTIAL | 年缴保费 0 < 10,000")
                .hasSize(11);
        assertThat(queries.distribution(Dimension.VALUE, mine)).containsExactly(new SegmentCount("POTENTIAL", 7),
                new SegmentCount("MIDDLE", 3), new SegmentCount("HIGH", 1));
    }

    @Test
    void lifeStagesWithTheirReasons() {
        recompute.recomputeAll(DAY);

        assertThat(reasons(Dimension.LIFE_STAGE, DAY))
                .containsEntry(rich, "ESTABLISHED | 年龄 41，家中无子女或父母")
                .containsEntry(middle, "ESTABLISHED | 年龄 45，家中无子女或父母")
                .containsEntry(edge, "YOUNG_SINGLE | 年龄 34 < 35，未婚，家中无子女")
                .containsEntry(cents, "YOUNG_SINGLE | 年龄 30 < 35，离异，家中无子女")
                .containsEntry(corp, "CORPORATE | 企业客户")
                .containsEntry(senior, "SENIOR | 年龄 66 ≥ 60")
                .containsEntry(youngParent, "NEW_FAMILY | 年龄 30，最小子女 3 岁 < 6")
                .containsEntry(toddler, "YOUNG_SINGLE | 年龄 3 < 35，婚姻状况未登记，家中无子女")
                .containsEntry(supporter, "SUPPORTING | 年龄 45，家中有子女（最小 10 岁），家中有父母")
                .containsEntry(pupil, "YOUNG_SINGLE | 年龄 10 < 35，婚姻状况未登记，家中无子女")
                .containsEntry(grandma, "SENIOR | 年龄 70 ≥ 60")
                .hasSize(11);
        long married = person("marriedYoung", "2000-01-01", "MARRIED");
        recompute.recompute(married);
        assertThat(queries.placementsOn(married, LocalDate.now(), mine)).extracting(Placement::segment, this::zh)
                .contains(tuple("NEW_FAMILY", "年龄 26 < 35，已婚，家中无子女"));
    }

    @Test
    void aChangeClosesTheOldPlacementAndOpensANewOne() {
        LocalDate next = DAY.plusDays(1);
        recompute.recomputeAll(DAY);
        policy(middle, "90000");

        SegmentRecompute.Run run = recompute.recomputeAll(next);

        assertThat(run.closed()).isGreaterThanOrEqualTo(1);
        assertThat(queries.placementsOn(middle, DAY, mine)).filteredOn(p -> p.dimension().ordinal() <= 1)
                .extracting(Placement::dimension, Placement::segment,
                        Placement::validFrom, Placement::validTo)
                .containsExactly(tuple(Dimension.LIFE_STAGE, "ESTABLISHED", DAY, null),
                        tuple(Dimension.VALUE, "MIDDLE", DAY, next));
        assertThat(queries.placementsOn(middle, next, mine)).filteredOn(p -> p.dimension() == Dimension.VALUE)
                .extracting(Placement::segment, this::zh, Placement::ruleVersion, Placement::validFrom, Placement::validTo)
                .containsExactly(tuple("HIGH", "年缴保费 102,000 ≥ 100,000", rules.active(Dimension.VALUE).version(), next, null));
        assertThat(queries.migration(Dimension.VALUE, DAY, next, mine)).containsExactly(
                new MigrationCell("HIGH", "HIGH", 1), new MigrationCell("MIDDLE", "HIGH", 1),
                new MigrationCell("MIDDLE", "MIDDLE", 2), new MigrationCell("POTENTIAL", "POTENTIAL", 7));
        assertThat(queries.history(middle, mine)).filteredOn(p -> p.dimension().ordinal() <= 1).hasSize(3);
    }

    @Test
    void aSecondRunChangesNothing() {
        recompute.recomputeAll(DAY);
        List<Map<String, Object>> before = jdbc.sql("select * from segment_placement order by id").query().listOfRows();

        SegmentRecompute.Run again = recompute.recomputeAll(DAY);

        assertThat(again.closed() + again.opened() + again.replaced()).isZero();
        assertThat(jdbc.sql("select * from segment_placement order by id").query().listOfRows()).isEqualTo(before);
        // the next day only edge has moved on: he turns 35 on 2026-06-02
        LocalDate next = DAY.plusDays(1);
        recompute.recomputeAll(next);
        assertThat(queries.migration(Dimension.LIFE_STAGE, DAY, next, mine)).filteredOn(MigrationCell::moved)
                .containsExactly(new MigrationCell("YOUNG_SINGLE", "ESTABLISHED", 1));
        assertThat(reasons(Dimension.LIFE_STAGE, next)).containsEntry(edge, "ESTABLISHED | 年龄 35，家中无子女或父母");
    }

    @Test
    void aChangeOnTheSameDayReplacesTodaysPlacement() {
        recompute.recomputeAll(DAY);
        policy(middle, "90000");
        recompute.recompute(List.of(middle), DAY);
        assertThat(queries.history(middle, mine)).filteredOn(p -> p.dimension() == Dimension.VALUE)
                .extracting(Placement::segment, Placement::validFrom, Placement::validTo)
                .containsExactly(tuple("HIGH", DAY, null));
    }

    /**
     * Property-only customers (placed by the contribution score), relative to {@code today}: a loyal home owner (two
     * policies ended and renewed, no claim), a claimant (one of two renewed, three claims) and a newcomer (nothing ended
     * yet); and a mixed customer (property and medical) who stays on the premium bands.
     */
    long[] propertyCustomers(LocalDate today) {
        long home = book.product("家财险", "Home", "HOME_PROPERTY", null);
        long motor = book.product("车险", "Motor", "MOTOR", null);
        long loyalOwner = person("loyalOwner", "1980-02-02", "MARRIED");
        Long previous = null;
        for (int year = 3; year >= 0; year--) {
            previous = book.policy(loyalOwner, loyalOwner, home, year == 0 ? "ACTIVE" : "EXPIRED", today.minusYears(year).minusMonths(2),
                    today.minusYears(year - 1).minusMonths(2), "30000", previous);
        }
        long claimant = person("claimant", "1975-07-07", "MARRIED");
        long first = book.policy(claimant, claimant, motor, "EXPIRED", today.minusYears(2).minusDays(20), today.minusYears(1).minusDays(20), "6000", null);
        book.policy(claimant, claimant, motor, "EXPIRED", today.minusYears(1).minusDays(10), today.minusDays(10), "6000", null);
        long current = book.policy(claimant, claimant, motor, "ACTIVE", today.minusYears(1).minusDays(20), today.plusDays(345), "6000", first);
        book.claim(current, today.minusMonths(2), "8000", "REPORTED");
        book.claim(current, today.minusMonths(1), "8000", "REPORTED");
        book.claim(first, today.minusYears(1).minusMonths(3), "8000", "PAID");
        long newcomer = person("newcomer", "1990-09-09", "SINGLE");
        book.policy(newcomer, home, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "1000");
        long mixed = person("mixed", "1988-08-08", "MARRIED");
        book.policy(mixed, home, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "1000");
        policy(mixed, "20000");
        return new long[] {loyalOwner, claimant, newcomer, mixed};
    }

    @Test
    void propertyOnlyCustomersArePlacedByTheirContributionScore() {
        LocalDate today = LocalDate.now(clock);
        long[] c = propertyCustomers(today);
        recompute.recompute(java.util.Arrays.stream(c).boxed().toList(), today);
        java.util.function.Function<Long, String> value = id -> queries.placementsOn(id, today, mine).stream()
                .filter(p -> p.dimension() == Dimension.VALUE).map(p -> p.segment() + " | " + zh(p)).findFirst().orElseThrow();
        // 40 × 30,000 / 50,000 = 24; 3 of 3 ended in 3 years renewed → 35; no claim → 25
        assertThat(value.apply(c[0])).isEqualTo("HIGH | 财产险贡献分 84：年缴保费 30,000（24 分），3 年内到期保单 3 张、续保 3 张（35 分），3 年内理赔 0 次（25 分）");
        // 40 × 6,000 / 50,000 = 4.8 → 5; 1 of 2 renewed → 17.5 → 18; 3 claims → 0
        assertThat(value.apply(c[1])).isEqualTo("POTENTIAL | 财产险贡献分 23：年缴保费 6,000（5 分），3 年内到期保单 2 张、续保 1 张（18 分），3 年内理赔 3 次（0 分）");
        // nothing ended: the no-history rate 0.5 → 18
        assertThat(value.apply(c[2])).isEqualTo("POTENTIAL | 财产险贡献分 44：年缴保费 1,000（1 分），3 年内到期保单 0 张、续保 0 张（18 分），3 年内理赔 0 次（25 分）");
        assertThat(value.apply(c[3])).isEqualTo("MIDDLE | 10,000 ≤ 年缴保费 21,000 < 100,000");
        Placement owner = queries.placementsOn(c[0], today, mine).stream().filter(p -> p.dimension() == Dimension.VALUE).findFirst().orElseThrow();
        assertThat(owner.reasonIn(messages, java.util.Locale.ENGLISH)).isEqualTo(
                "Property contribution score 84: annual premium 30,000 (24 points), 3 of 3 policies due in 3 years renewed (35 points),"
                        + " 0 claims in 3 years (25 points)");
        // the claimant's recheck day: the next policy end or claim leaving its window, at the latest when the active policy ends
        assertThat(jdbc.sql("select due from segment_recheck where customer_id = :c").param("c", c[1]).query(LocalDate.class).single())
                .isAfter(today).isBeforeOrEqualTo(today.plusDays(345));
    }

    @Test
    void oneCustomerAtATimeGivesWhatTheWholeBookGives() {
        LocalDate today = LocalDate.now(clock);   // today: other tests' customers may have been placed today already
        long[] property = propertyCustomers(today);
        recompute.recomputeAll(today);
        List<Long> sample = jdbc.sql("""
                        (select id from customer where agent_id = :agent)
                        union (select id from customer order by md5(id::text) limit 200)""")
                .param("agent", agent).query(Long.class).list();
        String rows = "select customer_id, dimension, segment, rule_set_id, reason, reason_key, reason_args::text, valid_from from segment_placement "
                + "where customer_id = any(:ids) and valid_to is null order by customer_id, dimension";
        Long[] ids = sample.toArray(Long[]::new);
        List<Map<String, Object>> setBased = jdbc.sql(rows).param("ids", ids).query().listOfRows();
        jdbc.sql("delete from segment_placement where customer_id = any(:ids)").param("ids", ids).update();

        for (long id : sample) {
            recompute.recompute(List.of(id), today);
        }

        assertThat(setBased).hasSize(sample.size() * Dimension.values().length);
        // the property contribution score is among what is compared
        assertThat(setBased).filteredOn(row -> "segmentation.reason.value.contribution".equals(row.get("reason_key")))
                .extracting(row -> ((Number) row.get("customer_id")).longValue())
                .contains(property[0], property[1], property[2]);
        assertThat(jdbc.sql(rows).param("ids", ids).query().listOfRows()).isEqualTo(setBased);
    }

    @Test
    void aFailedRunLeavesThePreviousPlacements() {
        recompute.recomputeAll(DAY);
        List<Map<String, Object>> before = jdbc.sql("select * from segment_placement order by id").query().listOfRows();
        // a rule set the SQL cannot read: the run fails in its insert into the staging table and rolls back
        jdbc.sql("update segment_rule_set set rules = '{\"youngUnder\": \"x\"}' where dimension = 'LIFE_STAGE' and active").update();
        policy(middle, "90000");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recomputeInSavepoint(DAY.plusDays(1)))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);

        assertThat(jdbc.sql("select * from segment_placement order by id").query().listOfRows()).isEqualTo(before);
    }

    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    void recomputeInSavepoint(LocalDate day) {
        var template = new org.springframework.transaction.support.TransactionTemplate(transactions);
        template.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        template.executeWithoutResult(status -> recompute.recomputeAll(day));
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void previewCountsTheMovesWithoutSaving() {
        recompute.recomputeAll(DAY);
        int version = rules.active(Dimension.VALUE).version();

        List<MigrationCell> moves = rules.preview(List.of(new ValueBand("POTENTIAL", BigDecimal.ZERO, new BigDecimal("20000")),
                new ValueBand("MIDDLE", new BigDecimal("20000"), new BigDecimal("100000")),
                new ValueBand("HIGH", new BigDecimal("100000"), null)), mine);

        assertThat(moves).containsExactly(new MigrationCell("HIGH", "HIGH", 1), new MigrationCell("MIDDLE", "MIDDLE", 1),
                new MigrationCell("MIDDLE", "POTENTIAL", 2), new MigrationCell("POTENTIAL", "POTENTIAL", 7));
        assertThat(rules.active(Dimension.VALUE).version()).isEqualTo(version);
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void savingBandsMakesTheNextVersionActive() {
        int version = rules.active(Dimension.VALUE).version();

        RuleSet saved = rules.saveValueRules(List.of(new ValueBand("POTENTIAL", BigDecimal.ZERO, new BigDecimal("20000")),
                new ValueBand("MIDDLE", new BigDecimal("20000"), new BigDecimal("100000")),
                new ValueBand("HIGH", new BigDecimal("100000"), null)), "analyst1",
                RuleNotes.onActive(rules, Dimension.VALUE));
        recompute.recompute(List.of(middle), DAY);

        assertThat(saved.version()).isEqualTo(version + 1);
        assertThat(rules.active(Dimension.VALUE)).isEqualTo(saved);
        assertThat(saved.bands()).extracting(ValueBand::segment).containsExactly("POTENTIAL", "MIDDLE", "HIGH");
        // the band editor keeps the property contribution of the active rules
        assertThat(saved.rules()).containsKey("propertyContribution");
        assertThat(queries.placementsOn(middle, DAY, mine)).filteredOn(p -> p.dimension() == Dimension.VALUE)
                .extracting(Placement::segment, this::zh, Placement::ruleVersion)
                .containsExactly(tuple("POTENTIAL", "年缴保费 12,000 < 20,000", version + 1));
    }

    @Test
    void anotherAgentSeesNoneOfTheseCustomers() {
        recompute.recomputeAll(DAY);
        assertThat(queries.placementsOn(rich, DAY, DataScope.ownBook(-5))).isEmpty();
        assertThat(queries.visible(rich, DataScope.ownBook(-5))).isFalse();
        assertThat(queries.visible(rich, mine)).isTrue();
    }
    @Test
    void oneCustomerRunsReuseTheirPreparedPlansOnAConnection() {
        // the test's transaction holds one connection: every run below goes through it
        for (int i = 0; i < 10; i++) {
            recompute.recompute(List.of(rich), DAY);
        }
        // each dimension's statement was prepared once and its generic plan used again: nothing (such as DDL on the
        // work tables) made the driver prepare and the server plan them anew on every run
        List<Map<String, Object>> prepared = jdbc.sql("""
                select generic_plans, custom_plans from pg_prepared_statements
                 where statement like 'insert into segment_staging%'
                   -- the one-customer texts only: whole-book and nightly runs of earlier tests may have used this connection
                   and statement like '%c.id = any($%'""").query().listOfRows();
        assertThat(prepared).hasSize(5).allSatisfy(row -> {
            assertThat((Long) row.get("generic_plans")).isGreaterThanOrEqualTo(4);
            assertThat((Long) row.get("custom_plans")).isZero();
        });
    }
    @Test
    void aWholeBookRunReportsEachOfItsStepsAsItStarts() {
        List<String> reported = new java.util.ArrayList<>();
        SegmentRecompute.Run run = recompute.recomputeAll(reported::add);

        assertThat(reported).containsExactlyElementsOf(SegmentRecompute.STEPS);
        assertThat(run.full()).isTrue();
        assertThat(jdbc.sql("select segment from segment_placement where customer_id = :c and dimension = 'VALUE' and valid_to is null")
                .param("c", rich).query(String.class).single()).isEqualTo("HIGH");
    }
}
