package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The rule-change trigger end to end: a new rule version saved through {@link SegmentRules} as the editor and the API
 * save it, committed, so that {@link SegmentTriggers} hears {@link SegmentRulesChanged} after commit in the listener's
 * own thread and {@link SegmentBookRuns#runRuleChange} re-places the book. Nothing here calls the run: the test waits
 * for the run row the listener writes (reason {@code rule change: D rules version N}) to finish.
 * <p>
 * The run re-places the whole shared test database, so each test saves the rules it found back as the next version
 * at the end and waits for that run too: every other customer ends in the segment it had, under equal rules.
 */
@SpringBootTest
class SegmentRuleChangeTriggerTests {

    static final Duration PATIENCE = Duration.ofMinutes(3);

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRules rules;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentBookRuns runs;
    @Autowired SegmentQueries queries;
    @Autowired MessageSource messages;
    @Autowired Clock clock;

    /**
     * A customer paying 90,000 a year is MIDDLE under the bands that start HIGH at 100,000; the analyst lowers HIGH to
     * 80,000: the listener's run is a run of VALUE alone, recorded with its dimension, and places him HIGH under the new
     * version, with the new cut point in the reason. His other dimensions keep their rows.
     */
    @Test
    @WithMockUser(roles = "ANALYST")
    void aNewValueVersionSavedAsTheEditorSavesItRePlacesTheBookByThatDimensionAfterCommit() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        DataScope mine = DataScope.ownBook(agent);
        LocalDate today = LocalDate.now(clock);
        long product = book.product("规则变更医疗险", "Rule change medical", "MEDICAL", "BASIC");
        long customer = book.individual("规则变更客户", today.minusYears(40).minusDays(20), true, "33", agent);
        book.policy(customer, product, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "90000");
        recompute.recompute(customer);
        assertThat(segment(customer, today, mine, Dimension.VALUE)).as("before: below HIGH's 100,000").isEqualTo("MIDDLE");
        List<Long> othersBefore = otherRowIds(customer, Dimension.VALUE);
        bookUpToDate(today);

        List<ValueBand> found = rules.active(Dimension.VALUE).bands();
        List<ValueBand> lower = List.of(new ValueBand("POTENTIAL", BigDecimal.ZERO, new BigDecimal("20000")),
                new ValueBand("MIDDLE", new BigDecimal("20000"), new BigDecimal("80000")),
                new ValueBand("HIGH", new BigDecimal("80000"), null));
        try {
            RuleSet saved = rules.saveValueRules(lower, "analyst1", RuleNotes.onActive(rules, Dimension.VALUE));
            SegmentBookRun run = awaitRunOf(Dimension.VALUE, saved.version());

            assertThat(run.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
            assertThat(run.dimension()).as("a run of VALUE alone").isEqualTo("VALUE");
            assertThat(run.ruleChange()).isTrue();
            assertThat(run.startedBy()).isEqualTo("analyst1");
            assertThat(run.chunksDone()).isEqualTo(1);
            assertThat(run.stepNames()).containsExactly("VALUE", "diff", "write", "recheck", "tags");
            assertThat(jdbc.sql("select dimension from segment_book_run where id = :id").param("id", run.id())
                    .query(String.class).single()).isEqualTo("VALUE");
            assertThat(queries.placementsOn(customer, today, mine)).filteredOn(p -> p.dimension() == Dimension.VALUE)
                    .extracting(Placement::segment, Placement::ruleVersion,
                            p -> p.reasonIn(messages, Locale.SIMPLIFIED_CHINESE))
                    .containsExactly(tuple("HIGH", saved.version(), "年缴保费 90,000 ≥ 80,000"));
            assertThat(otherRowIds(customer, Dimension.VALUE)).as("his other dimensions keep their rows")
                    .isEqualTo(othersBefore);
        } finally {
            restore(Dimension.VALUE, () -> rules.saveValueRules(found, "analyst1", RuleNotes.onActive(rules, Dimension.VALUE)));
        }
        assertThat(segment(customer, today, mine, Dimension.VALUE)).as("the bands he had, saved back").isEqualTo("MIDDLE");
    }

    /**
     * When the latest run FAILED (here a rule-change run of VALUE that broke inside its transaction), part of the book
     * may stand on other rules: the next rule change, of LIFE_STAGE, is a chunked whole-book run, recorded without a
     * dimension, and still places the customer as the new rules say (57 is SENIOR from 55).
     */
    @Test
    @WithMockUser(roles = "ANALYST")
    void afterAFailedRunARuleChangeRunsTheWholeBook() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        DataScope mine = DataScope.ownBook(agent);
        LocalDate today = LocalDate.now(clock);
        long customer = book.individual("规则变更长者", today.minusYears(57).minusDays(20), false, "33", agent);
        recompute.recompute(customer);
        Map<String, Object> found = rules.active(Dimension.LIFE_STAGE).rules();
        assertThat(((Number) found.get("seniorFrom")).intValue()).as("the test needs SENIOR above 57").isGreaterThan(57);
        assertThat(segment(customer, today, mine, Dimension.LIFE_STAGE)).isNotEqualTo("SENIOR");

        runs.hook((run, chunk) -> {
            throw new IllegalStateException("broken on purpose");
        });
        try {
            assertThatThrownBy(() -> runs.runRuleChange(Dimension.VALUE, "analyst1", "a run that fails"))
                    .hasMessage("broken on purpose");
        } finally {
            runs.hook((run, chunk) -> { });
        }
        assertThat(runs.latest().orElseThrow().state()).isEqualTo(SegmentBookRun.State.FAILED);

        Map<String, Object> earlier = new HashMap<>(found);
        earlier.put("seniorFrom", 55);
        try {
            RuleSet saved = rules.saveRules(Dimension.LIFE_STAGE, earlier, "analyst1", RuleNotes.onActive(rules, Dimension.LIFE_STAGE));
            SegmentBookRun run = awaitRunOf(Dimension.LIFE_STAGE, saved.version());

            assertThat(run.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
            assertThat(run.dimension()).as("the whole book, not LIFE_STAGE alone").isNull();
            assertThat(run.ruleChange()).isFalse();
            assertThat(run.chunksDone()).isGreaterThanOrEqualTo(1);
            assertThat(run.customersDone()).as("every customer").isEqualTo(run.customersTotal())
                    .isGreaterThanOrEqualTo(1);
            assertThat(queries.placementsOn(customer, today, mine)).filteredOn(p -> p.dimension() == Dimension.LIFE_STAGE)
                    .extracting(Placement::segment, Placement::ruleVersion)
                    .containsExactly(tuple("SENIOR", saved.version()));
        } finally {
            restore(Dimension.LIFE_STAGE, () -> rules.saveRules(Dimension.LIFE_STAGE, found, "analyst1", RuleNotes.onActive(rules, Dimension.LIFE_STAGE)));
        }
        assertThat(segment(customer, today, mine, Dimension.LIFE_STAGE)).isNotEqualTo("SENIOR");
    }

    /**
     * The shared book as a rule change of one dimension finds it in production: placed by a completed run under the
     * active rules. A fresh test database (or one a failed run was left in) is placed by a whole-book run first, as the
     * rule change itself would do (that case is the other test).
     */
    private void bookUpToDate(LocalDate today) {
        boolean upToDate = runs.latest().map(run -> run.state() == SegmentBookRun.State.COMPLETED).orElse(true)
                && recompute.ruleChangeRunnable(Dimension.VALUE, today, recompute.activeRuleSets());
        if (!upToDate) {
            assertThat(runs.runNow("test", "the book up to date before a rule change").state())
                    .isEqualTo(SegmentBookRun.State.COMPLETED);
        }
    }

    /** Saves the rules found before the test back, as the next version, and waits for the listener's run of it. */
    private void restore(Dimension dimension, Supplier<RuleSet> save) {
        SegmentBookRun run = awaitRunOf(dimension, save.get().version());
        assertThat(run.state()).as("the run restoring the %s rules", dimension).isEqualTo(SegmentBookRun.State.COMPLETED);
    }

    /** The run the listener starts for version {@code version} of the dimension's rules, once it has ended. */
    private SegmentBookRun awaitRunOf(Dimension dimension, int version) {
        String reason = "rule change: " + dimension + " rules version " + version;
        return await("the listener's run of " + reason).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("select id from segment_book_run where reason = :reason order by id desc limit 1")
                                .param("reason", reason).query(Long.class).optional().flatMap(runs::find).orElse(null),
                        run -> run != null && !run.running());
    }

    private String segment(long customer, LocalDate day, DataScope scope, Dimension dimension) {
        return queries.placementsOn(customer, day, scope).stream().filter(p -> p.dimension() == dimension)
                .map(Placement::segment).findFirst().orElse(null);
    }

    /** The ids of the customer's current placements in the other dimensions. */
    private List<Long> otherRowIds(long customer, Dimension dimension) {
        return jdbc.sql("""
                        select id from segment_placement
                         where customer_id = :c and dimension <> :d and valid_to is null order by id""")
                .param("c", customer).param("d", dimension.name()).query(Long.class).list();
    }
}
