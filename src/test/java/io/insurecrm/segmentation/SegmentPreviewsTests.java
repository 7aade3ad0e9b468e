package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What-if previews as background jobs ({@link SegmentPreviews}): their states, the limits per user and per instance, how
 * long results are kept, and a preview whose rules were saved or superseded meanwhile. Each test has an instance of its
 * own (two running at most, three kept, no waiting for the result in start) on a clock it moves; the preview's SQL runs
 * on a thread of its own, so the customers it counts are committed (three customers of an agent of their own, in whose
 * scope the previews run, made once for the class). A hook holds a preview RUNNING until the test lets it go.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentPreviewsTests {

    static final Duration LONG_ENOUGH = Duration.ofSeconds(60);

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRules rules;
    @Autowired CustomerTags tags;
    @Autowired SegmentRecompute recompute;
    @Autowired PlatformTransactionManager transactions;

    final MovingClock clock = new MovingClock();
    CountDownLatch release;
    SegmentPreviews previews;
    DataScope mine;
    Map<String, Object> youngUnder25;

    @BeforeAll
    void threeCustomersOfTheirOwnAgent() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        mine = DataScope.ownBook(agent);
        LocalDate today = LocalDate.now();
        long medical = book.product("预览作业医疗险", "Preview job medical", "MEDICAL", "BASIC");
        long young = book.individual("作业青年", today.minusYears(30).minusDays(10), true, "33", agent);
        jdbc.sql("update customer set marital_status = 'SINGLE' where id = :id").param("id", young).update();
        book.policy(young, medical, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "3000");
        long senior = book.individual("作业老人", today.minusYears(65).minusDays(10), false, "33", agent);
        long corporate = book.corporate("作业公司", "33", agent);
        recompute.recompute(List.of(young, senior, corporate));
        youngUnder25 = Map.of("youngUnder", 25, "seniorFrom", 70, "smallChildUnder", 6);
    }

    @BeforeEach
    void anInstanceOfItsOwn() {
        release = new CountDownLatch(1);
        previews = new SegmentPreviews(rules, tags, clock, 2, Duration.ofMinutes(30), 3, Duration.ZERO);
    }

    @AfterEach
    void letEverythingGo() {
        release.countDown();
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        previews.destroy();
    }

    /** Previews wait for {@link #release} before their SQL runs. */
    void holdPreviews() {
        previews.hook(id -> {
            try {
                assertThat(release.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    SegmentPreview done(SegmentPreview preview, String user) {
        return previews.await(preview.set(), preview.id(), user, LONG_ENOUGH).orElseThrow();
    }

    @Test
    void aPreviewRunsInTheBackgroundThenIsDoneWithTheMatrixOfTheCallersScope() {
        holdPreviews();
        SegmentPreview started = previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana");
        assertThat(started.state()).isEqualTo(SegmentPreview.State.RUNNING);
        assertThat(started.cells()).isNull();
        assertThat(started.startedBy()).isEqualTo("ana");

        clock.advance(Duration.ofSeconds(7));
        SegmentPreview running = previews.find("LIFE_STAGE", started.id(), "ana").orElseThrow();
        assertThat(running.state()).isEqualTo(SegmentPreview.State.RUNNING);
        assertThat(running.elapsedSeconds()).isEqualTo(7);

        release.countDown();
        SegmentPreview done = done(started, "ana");
        assertThat(done.state()).isEqualTo(SegmentPreview.State.DONE);
        assertThat(done.cells()).containsExactlyInAnyOrder(
                new MigrationCell("CORPORATE", "CORPORATE", 1),
                new MigrationCell("SENIOR", "ESTABLISHED", 1),
                new MigrationCell("YOUNG_SINGLE", "ESTABLISHED", 1));
        assertThat(done.finishedAt()).isEqualTo(clock.instant());
        assertThat(done.elapsed()).isEqualTo(Duration.ofSeconds(7));
        assertThat(done.rulesNow()).isEqualTo(SegmentPreview.RulesNow.UNCHANGED);
        assertThat(done.baseVersion()).isEqualTo(rules.active(Dimension.LIFE_STAGE).version()).isEqualTo(done.activeVersion());

        clock.advance(Duration.ofMinutes(5));
        assertThat(previews.find("LIFE_STAGE", started.id(), "ana").orElseThrow().elapsed())
                .as("a finished preview's time stays what it took").isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void tagRulePreviewsAndValueBandPreviewsRunTheSameWay() {
        SegmentPreview tagPreview = done(previews.startTags(Map.of("tags", List.of(Map.of("tagDimension", "NEED",
                "tag", "SENIOR_WATCH", "whenDimension", "LIFE_STAGE", "whenSegments", List.of("SENIOR")))), mine, "ana"), "ana");
        assertThat(tagPreview.set()).isEqualTo(SegmentPreviews.TAGS);
        assertThat(tagPreview.tags()).contains(new TagPreview("NEED", "SENIOR_WATCH", 0, 1, 1, 0));
        assertThat(tagPreview.cells()).isNull();

        SegmentPreview value = done(previews.startValueBands(List.of(new ValueBand("POTENTIAL", BigDecimal.ZERO, new BigDecimal("1000")),
                new ValueBand("HIGH", new BigDecimal("1000"), null)), mine, "ana"), "ana");
        assertThat(value.set()).isEqualTo("VALUE");
        assertThat(value.state()).isEqualTo(SegmentPreview.State.DONE);
        assertThat(value.cells().stream().filter(c -> "HIGH".equals(c.to())).mapToLong(MigrationCell::customers).sum())
                .as("the young customer's 3,000 a year").isEqualTo(1);
    }

    @Test
    void invalidRulesAreRefusedAtOnceAndNothingStarts() {
        assertThatThrownBy(() -> previews.start(Dimension.RISK, Map.of("claimYears", 0), mine, "ana"))
                .isInstanceOf(InvalidSegmentRules.class)
                .satisfies(e -> assertThat(((InvalidSegmentRules) e).problems()).isNotEmpty());
        assertThatThrownBy(() -> previews.startTags(Map.of(), mine, "ana")).isInstanceOf(InvalidSegmentRules.class);
        assertThatThrownBy(() -> previews.startValueBands(List.of(new ValueBand("HIGH", BigDecimal.TEN, null)), mine, "ana"))
                .isInstanceOf(InvalidSegmentRules.class);
        holdPreviews();
        assertThat(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana").state())
                .as("nothing of the refused ones runs: ana may start one").isEqualTo(SegmentPreview.State.RUNNING);
    }

    @Test
    void onePreviewRunsPerUserAndTwoInAll() {
        holdPreviews();
        SegmentPreview ana = previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana");

        assertThatThrownBy(() -> previews.startTags(Map.of("tags", List.of(Map.of("tagDimension", "NEED", "tag", "SENIOR_WATCH",
                "whenDimension", "LIFE_STAGE", "whenSegments", List.of("SENIOR")))), mine, "ana"))
                .isInstanceOfSatisfying(SegmentPreviews.Refused.class, refused -> {
                    assertThat(refused.tooMany()).isFalse();
                    assertThat(refused.key()).isEqualTo("segmentation.preview.ownRunning");
                    assertThat(refused.runningSet()).isEqualTo("LIFE_STAGE");
                    assertThat(refused.runningId()).isEqualTo(ana.id());
                });
        SegmentPreview bo = previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "bo");
        assertThatThrownBy(() -> previews.start(Dimension.RISK, rules.active(Dimension.RISK).rules(), mine, "cy"))
                .isInstanceOfSatisfying(SegmentPreviews.Refused.class, refused -> {
                    assertThat(refused.tooMany()).isTrue();
                    assertThat(refused.key()).isEqualTo("segmentation.preview.tooMany");
                    assertThat(refused.args()).containsExactly(2);
                });

        release.countDown();
        assertThat(done(ana, "ana").state()).isEqualTo(SegmentPreview.State.DONE);
        assertThat(done(bo, "bo").state()).isEqualTo(SegmentPreview.State.DONE);
        assertThat(done(previews.start(Dimension.RISK, rules.active(Dimension.RISK).rules(), mine, "cy"), "cy").state())
                .as("once they are done, cy's runs").isEqualTo(SegmentPreview.State.DONE);
    }

    @Test
    void aPreviewIsItsAuthorsAlone() {
        SegmentPreview ana = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana"), "ana");
        assertThat(previews.find("LIFE_STAGE", ana.id(), "ana")).isPresent();
        assertThat(previews.find("LIFE_STAGE", ana.id(), "bo")).isEmpty();
        assertThat(previews.find("RISK", ana.id(), "ana")).as("under another dimension").isEmpty();
        assertThat(previews.find("LIFE_STAGE", "no-such-preview", "ana")).isEmpty();
    }

    @Test
    void aFailedPreviewSaysWhy() {
        previews.hook(id -> {
            throw new IllegalStateException("the database went away");
        });
        SegmentPreview failed = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana"), "ana");
        assertThat(failed.state()).isEqualTo(SegmentPreview.State.FAILED);
        assertThat(failed.failure()).isEqualTo("the database went away");
        assertThat(failed.cells()).isNull();
        previews.hook(id -> { });
        assertThat(done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana"), "ana").state())
                .as("a failed preview does not hold its user").isEqualTo(SegmentPreview.State.DONE);
    }

    @Test
    void finishedPreviewsAreKeptThirtyMinutesAndThreeAtMost() {
        SegmentPreview first = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana"), "ana");
        clock.advance(Duration.ofMinutes(1));
        SegmentPreview second = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "bo"), "bo");
        SegmentPreview third = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "cy"), "cy");
        assertThat(previews.find("LIFE_STAGE", first.id(), "ana")).isPresent();
        SegmentPreview fourth = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "di"), "di");
        assertThat(previews.find("LIFE_STAGE", first.id(), "ana")).as("the oldest beyond three").isEmpty();
        assertThat(previews.find("LIFE_STAGE", second.id(), "bo")).isPresent();

        clock.advance(Duration.ofMinutes(29).plusSeconds(30));
        assertThat(previews.find("LIFE_STAGE", fourth.id(), "di")).as("29.5 minutes after").isPresent();
        clock.advance(Duration.ofSeconds(31));
        assertThat(previews.find("LIFE_STAGE", second.id(), "bo")).as("30.5 minutes after").isEmpty();
        assertThat(previews.find("LIFE_STAGE", third.id(), "cy")).isEmpty();
        assertThat(previews.find("LIFE_STAGE", fourth.id(), "di")).isEmpty();
    }

    @Test
    void aRunningPreviewIsNeverForgotten() {
        holdPreviews();
        SegmentPreview running = previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana");
        clock.advance(Duration.ofHours(2));
        assertThat(previews.find("LIFE_STAGE", running.id(), "ana").orElseThrow().elapsed()).isEqualTo(Duration.ofHours(2));
        release.countDown();
        assertThat(done(running, "ana").state()).isEqualTo(SegmentPreview.State.DONE);
    }

    /** Rules saved after the preview was asked for, in a transaction rolled back: these rules, then others. */
    @Test
    void aPreviewSaysWhenItsRulesWereActivatedOrSupersededMeanwhile() {
        SegmentPreview preview = done(previews.start(Dimension.LIFE_STAGE, youngUnder25, mine, "ana"), "ana");
        int base = preview.baseVersion();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            activate("{\"smallChildUnder\": 6, \"youngUnder\": 25, \"seniorFrom\": 70}", base + 1000);
            SegmentPreview activated = previews.find("LIFE_STAGE", preview.id(), "ana").orElseThrow();
            assertThat(activated.rulesNow()).as("the same rules, in another order").isEqualTo(SegmentPreview.RulesNow.ACTIVATED);
            assertThat(activated.activeVersion()).isEqualTo(base + 1000);
            assertThat(activated.baseVersion()).isEqualTo(base);

            activate("{\"youngUnder\": 30, \"seniorFrom\": 70, \"smallChildUnder\": 6}", base + 1001);
            SegmentPreview superseded = previews.find("LIFE_STAGE", preview.id(), "ana").orElseThrow();
            assertThat(superseded.rulesNow()).isEqualTo(SegmentPreview.RulesNow.SUPERSEDED);
            assertThat(superseded.activeVersion()).isEqualTo(base + 1001);
            assertThat(superseded.cells()).as("the result stays").isEqualTo(preview.cells());
            status.setRollbackOnly();
        });
        assertThat(previews.find("LIFE_STAGE", preview.id(), "ana").orElseThrow().rulesNow())
                .isEqualTo(SegmentPreview.RulesNow.UNCHANGED);
    }

    private void activate(String rulesJson, int version) {
        jdbc.sql("update segment_rule_set set active = false where dimension = 'LIFE_STAGE' and active").update();
        jdbc.sql("""
                        insert into segment_rule_set (dimension, version, rules, created_at, created_by, active)
                        values ('LIFE_STAGE', :version, cast(:rules as jsonb), now(), 'test', true)""")
                .param("version", version).param("rules", rulesJson).update();
    }

    @Test
    void rulesCompareEqualWhateverTheNumbersTypes() {
        assertThat(SegmentPreviews.normalised(Map.of("a", 5, "b", List.of(Map.of("c", new BigDecimal("1.50"))))))
                .isEqualTo(SegmentPreviews.normalised(Map.of("b", List.of(Map.of("c", 1.5)), "a", 5.0)));
        assertThat(SegmentPreviews.normalised(Map.of("a", 5))).isNotEqualTo(SegmentPreviews.normalised(Map.of("a", "5")));
        assertThat(SegmentPreviews.normalised(Map.of("a", 0))).isEqualTo(SegmentPreviews.normalised(Map.of("a", -0.0)));
    }

    static final class MovingClock extends Clock {

        private volatile Instant now = Instant.parse("2026-12-02T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
