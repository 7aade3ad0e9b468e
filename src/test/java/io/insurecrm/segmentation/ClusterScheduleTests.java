package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Need-cluster runs on a schedule: the scheduled entry point (called directly, never waited for on the wall clock)
 * starts a run recorded as the schedule's, with k chosen or the configured k; it is skipped, with the reason recorded,
 * while a run is in progress; nothing runs when the schedule is {@code -}; a second instance — one finding the
 * schedule's lock held, or one firing for a slot already handled — starts no second run. The page and the API show
 * who started a run and the next scheduled time.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ClusterScheduleTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Sunday 2026-12-06, 04:00:00.250 in Shanghai: the default schedule has just fired. */
    private static final Clock SUNDAY_FOUR = Clock.fixed(Instant.parse("2026-12-05T20:00:00.250Z"), SHANGHAI);
    private static final Instant SLOT = Instant.parse("2026-12-05T20:00:00Z");

    @Autowired NeedClusters clusters;
    @Autowired ClusterSettings settings;
    @Autowired ClusterSchedule schedule;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired MockMvc mvc;

    @BeforeEach
    void aBookToLearnFromAndNoRunInProgress() {
        awaitNoRun();
        jdbc.sql("delete from need_cluster_schedule").update();
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        LocalDate today = LocalDate.now();
        long critical = book.product("定时聚类重疾险", "Scheduled CI", "CRITICAL_ILLNESS", "ADVANCED");
        for (int i = 0; i < 12; i++) {
            long customer = book.individual("定时聚类客户" + BookFixtures.next(), today.minusYears(22 + 4 * i), i % 2 == 0, "33", agent);
            if (i % 3 == 0) {
                book.policy(customer, critical, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "6000");
            }
            jdbc.sql("""
                            insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                            values (:c, 'ANALYTICS', true, 'PAPER_FORM', 'schedule', now(), 'test')""")
                    .param("c", customer).update();
        }
    }

    @AfterEach
    void runsEnded() {
        awaitNoRun();
    }

    private void awaitNoRun() {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
    }

    private ClusterSchedule at(Clock clock, String cron, Integer k) {
        ClusterSettings configured = new ClusterSettings(settings.sampleSize(), settings.seed(), settings.trials(),
                settings.maxIterations(), settings.autoKFrom(), settings.autoKTo(), settings.silhouetteSample(), cron, k);
        return new ClusterSchedule(clusters, configured, jdbc, dataSource, clock, "Asia/Shanghai");
    }

    private long runs() {
        return jdbc.sql("select count(*) from need_cluster_run").query(Long.class).single();
    }

    private long firings() {
        return jdbc.sql("select count(*) from need_cluster_schedule").query(Long.class).single();
    }

    @Test
    void theScheduledEntryStartsARunRecordedAsTheSchedulesWithKChosenAndShowsIt() throws Exception {
        ClusterSchedule sunday = at(SUNDAY_FOUR, ClusterSettings.DEFAULT_SCHEDULE, null);
        long before = runs();

        sunday.scheduled();

        ClusterSchedule.Firing firing = sunday.firing(SLOT).orElseThrow();
        assertThat(firing.outcome()).isEqualTo(ClusterSchedule.Outcome.STARTED);
        assertThat(firing.runningRunId()).isNull();
        assertThat(runs()).isEqualTo(before + 1);
        long runId = firing.runId();
        awaitNoRun();
        ClusterRun run = clusters.run(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(ClusterRun.Status.FINISHED);
        assertThat(run.trigger()).isEqualTo(ClusterRun.Trigger.SCHEDULE);
        assertThat(run.scheduled()).isTrue();
        assertThat(run.startedBy()).isEqualTo(NeedClusters.SCHEDULE_USER);
        assertThat(run.requestedK()).as("k chosen by the silhouette").isNull();
        assertThat(run.kScores()).isNotEmpty().containsKey(run.k());

        ClusterSchedule.State state = sunday.state();
        assertThat(state.enabled()).isTrue();
        assertThat(state.next()).as("a week after the slot").isEqualTo(SLOT.plus(Duration.ofDays(7)));
        assertThat(state.latest()).isEqualTo(firing);

        mvc.perform(get("/api/segments/clusters/runs").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(runId))
                .andExpect(jsonPath("$[0].trigger").value("SCHEDULE"))
                .andExpect(jsonPath("$[0].startedBy").value("system"));
        mvc.perform(get("/api/segments/clusters").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.id").value(runId))
                .andExpect(jsonPath("$.run.trigger").value("SCHEDULE"))
                .andExpect(jsonPath("$.schedule.cron").value(ClusterSettings.DEFAULT_SCHEDULE))
                .andExpect(jsonPath("$.schedule.zone").value("Asia/Shanghai"))
                .andExpect(jsonPath("$.schedule.next").isNotEmpty())
                .andExpect(jsonPath("$.schedule.latest.outcome").value("STARTED"))
                .andExpect(jsonPath("$.schedule.latest.runId").value(runId));
        mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("run by the schedule (system)")))
                .andExpect(content().string(containsString("Scheduled runs: every Sunday at 04:00 (Asia/Shanghai), k chosen by the silhouette; next run ")))
                .andExpect(content().string(containsString("The latest scheduled firing (for 2026-12-06 04:00) started cluster run #" + runId + ".")));
        mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("由 定时任务（system） 运行")))
                .andExpect(content().string(containsString("最近一次定时运行（计划 2026-12-06 04:00）已开始聚类运行 #" + runId + "。")));

        // a second instance firing for the same slot a little later, after the run ended: the slot is taken
        at(Clock.offset(SUNDAY_FOUR, Duration.ofSeconds(40)), ClusterSettings.DEFAULT_SCHEDULE, null).scheduled();
        assertThat(runs()).isEqualTo(before + 1);
        assertThat(firings()).isEqualTo(1);
    }

    @Test
    void skippedWithTheReasonRecordedWhileARunIsInProgress() throws Exception {
        long running = jdbc.sql("""
                        insert into need_cluster_run (status, phase, seed, sample_size, features, started_by, started_at)
                        values ('RUNNING', 'FIT', 1, 100, '{AGE}', 'an analyst', now()) returning id""").query(Long.class).single();
        long before = runs();
        try {
            ClusterSchedule sunday = at(SUNDAY_FOUR, ClusterSettings.DEFAULT_SCHEDULE, 3);
            sunday.scheduled();

            assertThat(runs()).as("no run started").isEqualTo(before);
            assertThat(sunday.firing(SLOT)).hasValueSatisfying(firing -> {
                assertThat(firing.outcome()).isEqualTo(ClusterSchedule.Outcome.SKIPPED);
                assertThat(firing.runId()).isNull();
                assertThat(firing.runningRunId()).isEqualTo(running);
            });
            assertThat(jdbc.sql("select reason from need_cluster_schedule where scheduled_for = :slot")
                    .param("slot", java.sql.Timestamp.from(SLOT)).query(String.class).single()).isEqualTo("RUN_IN_PROGRESS");
            assertThat(clusters.running()).map(ClusterRun::id).contains(running);
            ClusterSchedule.Firing skipped = sunday.firing(SLOT).orElseThrow();
            assertThat(sunday.state().latest()).isEqualTo(skipped);
            // the page reads the bean's schedule: the same table, so it shows this firing as the latest
            mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(
                            "The latest scheduled firing (for 2026-12-06 04:00) was skipped: cluster run #" + running + " had not ended.")));
            mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "zh-CN"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(
                            "最近一次定时运行（计划 2026-12-06 04:00）已跳过：聚类运行 #" + running + " 当时尚未结束。")));
        } finally {
            jdbc.sql("update need_cluster_run set status = 'FAILED', error = 'test' where id = :id").param("id", running).update();
        }
    }

    @Test
    void aDashDisablesTheSchedule() {
        long before = runs();
        ClusterSchedule off = at(SUNDAY_FOUR, ClusterSettings.DISABLED, null);

        off.scheduled();

        assertThat(runs()).isEqualTo(before);
        assertThat(firings()).isZero();
        ClusterSchedule.State state = off.state();
        assertThat(state.enabled()).isFalse();
        assertThat(state.cron()).isNull();
        assertThat(state.next()).isNull();
    }

    @Test
    void aSecondInstanceFindingTheLockHeldStartsNoRunAndTheScheduleRunsOnceItIsFree() {
        long before = runs();
        ClusterSchedule sunday = at(SUNDAY_FOUR, ClusterSettings.DEFAULT_SCHEDULE, 3);
        SegmentBookRuns.Owner firstInstance = SegmentBookRuns.Owner.acquire(dataSource, ClusterSchedule.LOCK_CLASS, false);
        assertThat(firstInstance).isNotNull();
        try {
            sunday.scheduled();

            assertThat(runs()).isEqualTo(before);
            assertThat(firings()).as("the instance holding the lock records the firing, not this one").isZero();
        } finally {
            firstInstance.close();
        }

        sunday.scheduled();

        assertThat(runs()).isEqualTo(before + 1);
        ClusterSchedule.Firing firing = sunday.firing(SLOT).orElseThrow();
        assertThat(firing.outcome()).isEqualTo(ClusterSchedule.Outcome.STARTED);
        awaitNoRun();
        ClusterRun run = clusters.run(firing.runId()).orElseThrow();
        assertThat(run.requestedK()).as("crm.segmentation.clusters.scheduled-k").isEqualTo(3);
        assertThat(run.k()).isEqualTo(3);
        assertThat(run.trigger()).isEqualTo(ClusterRun.Trigger.SCHEDULE);
    }

    @Test
    void byDefaultSundaysAtFourInShanghaiWithKChosen() {
        assertThat(settings.schedule()).isEqualTo("0 0 4 * * SUN");
        assertThat(settings.scheduledK()).isNull();
        ClusterSchedule.State state = schedule.state();
        assertThat(state.enabled()).isTrue();
        ZonedDateTime next = state.next().atZone(SHANGHAI);
        assertThat(next.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(next.toLocalTime()).isEqualTo(java.time.LocalTime.of(4, 0));
        assertThat(state.next()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(7)));
    }

    @Test
    void aDailyOrWeeklyCronReadsAsWordsAndAnyOtherStaysACron() {
        assertThat(ClusterSchedule.Words.of("0 0 4 * * SUN")).isEqualTo(new ClusterSchedule.Words("SUN", "04:00"));
        assertThat(ClusterSchedule.Words.of("0 30 23 * * 1")).isEqualTo(new ClusterSchedule.Words("MON", "23:30"));
        assertThat(ClusterSchedule.Words.of("0 5 2 * * *")).isEqualTo(new ClusterSchedule.Words(null, "02:05"));
        assertThat(ClusterSchedule.Words.of("0 0 4 1 * *")).as("monthly: shown as the cron").isNull();
        assertThat(ClusterSchedule.Words.of("0 0 4 * * MON-FRI")).isNull();
        assertThat(ClusterSchedule.Words.of("0 0 25 * * *")).isNull();
    }

    @Test
    void aFiringIsForTheCronTimeItFiredAtOrJustBefore() {
        CronExpression sundays = CronExpression.parse(ClusterSettings.DEFAULT_SCHEDULE);
        ZonedDateTime four = ZonedDateTime.of(2026, 12, 6, 4, 0, 0, 0, SHANGHAI);
        assertThat(ClusterSchedule.slot(sundays, four)).isEqualTo(four.toInstant());
        assertThat(ClusterSchedule.slot(sundays, four.plusSeconds(40))).isEqualTo(four.toInstant());
        assertThat(ClusterSchedule.slot(sundays, four.minusNanos(5_000_000))).as("a scheduler a little early").isEqualTo(four.toInstant());
        ZonedDateTime wednesday = ZonedDateTime.of(2026, 12, 9, 10, 17, 33, 0, SHANGHAI);
        assertThat(ClusterSchedule.slot(sundays, wednesday)).as("called off schedule: now to the minute")
                .isEqualTo(wednesday.withSecond(0).toInstant());
        CronExpression hourly = CronExpression.parse("0 0 * * * *");
        assertThat(ClusterSchedule.slot(hourly, four.plusMinutes(75))).isEqualTo(four.plusHours(1).toInstant());
    }

    @Test
    void aBadScheduleOrScheduledKIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ClusterSettings(50_000, 1, 3, 100, 2, 8, 2000, "every sunday", null))
                .hasMessageContaining("crm.segmentation.clusters.schedule").hasMessageContaining("every sunday");
        assertThatThrownBy(() -> new ClusterSettings(50_000, 1, 3, 100, 2, 8, 2000, "", null))
                .hasMessageContaining("crm.segmentation.clusters.schedule");
        assertThatThrownBy(() -> new ClusterSettings(50_000, 1, 3, 100, 2, 8, 2000, "0 0 4 * * SUN", 13))
                .hasMessageContaining("crm.segmentation.clusters.scheduled-k").hasMessageContaining("13");
        assertThat(List.of(new ClusterSettings(50_000, 1, 3, 100, 2, 8, 2000, "-", 2).scheduled(),
                new ClusterSettings(50_000, 1, 3, 100, 2, 8, 2000, "0 30 2 * * MON-FRI", 12).scheduled())).containsExactly(false, true);
    }
}
