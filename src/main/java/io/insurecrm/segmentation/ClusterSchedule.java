package io.insurecrm.segmentation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Need-cluster runs of the whole book on a schedule (docs/segmentation.md, "Clusters"): at
 * {@code crm.segmentation.clusters.schedule} (a cron in {@code crm.time-zone}; default Sundays 04:00; {@code -} never)
 * a run starts in the background with {@code crm.segmentation.clusters.scheduled-k} clusters, or k chosen by the
 * silhouette criterion when that is unset, recorded as started by the schedule ({@link ClusterRun.Trigger#SCHEDULE}).
 * <p>
 * With several instances, as the nightly segment run ({@link SegmentBookRuns#nightly()}): the instance that fires holds
 * an advisory lock (LOCK_CLASS, 0) on a connection of its own while it decides; an instance finding it held starts
 * nothing. Each firing it handles is recorded in need_cluster_schedule under its slot (the cron time it fired for), so
 * an instance firing later for the same slot, after the run began or even ended, starts nothing either. While a run is
 * in progress (one at a time: the run store refuses a second) the firing is skipped and recorded with that reason.
 */
@Component
public class ClusterSchedule {

    private static final Logger log = LoggerFactory.getLogger(ClusterSchedule.class);

    /** Two-int advisory lock (LOCK_CLASS, 0): an instance is handling a firing of the schedule. */
    static final int LOCK_CLASS = 0xC1A;
    /** A scheduler firing this much before its cron time still fires for that time. */
    private static final Duration EARLY = Duration.ofMinutes(1);

    /** What a firing did. */
    public enum Outcome { STARTED, SKIPPED }

    /** A firing some instance handled: its slot, what it did, the run it started or the run in progress it met. */
    public record Firing(Instant scheduledFor, Outcome outcome, Long runId, Long runningRunId, Instant recordedAt) {
    }

    /**
     * The schedule as configured: the cron (null when disabled), its zone, the k of its runs (null: chosen), the next
     * time it fires (null when disabled) and the latest firing handled (null before the first).
     */
    public record State(String cron, ZoneId zone, Integer k, Instant next, Firing latest) {

        public boolean enabled() {
            return cron != null;
        }

        /** The cron as people read it, when it is a daily or weekly time; null otherwise (the page shows the cron). */
        public Words words() {
            return cron == null ? null : Words.of(cron);
        }
    }

    /**
     * A daily ({@code day} null) or weekly time a cron of the form {@code 0 m h * * d} stands for: {@code day} one of
     * MON–SUN, {@code time} HH:mm.
     */
    public record Words(String day, String time) {

        private static final java.util.regex.Pattern SIMPLE =
                java.util.regex.Pattern.compile("0 (\\d{1,2}) (\\d{1,2}) \\* \\* (\\*|\\?|MON|TUE|WED|THU|FRI|SAT|SUN|[0-7])");
        private static final java.util.List<String> DAYS = java.util.List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

        static Words of(String cron) {
            java.util.regex.Matcher m = SIMPLE.matcher(cron.strip().toUpperCase(java.util.Locale.ROOT));
            if (!m.matches() || Integer.parseInt(m.group(1)) > 59 || Integer.parseInt(m.group(2)) > 23) {
                return null;
            }
            String time = String.format("%02d:%02d", Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            String day = m.group(3);
            if (day.equals("*") || day.equals("?")) {
                return new Words(null, time);
            }
            return new Words(Character.isDigit(day.charAt(0)) ? DAYS.get(Integer.parseInt(day)) : day, time);
        }
    }

    private final NeedClusters clusters;
    private final ClusterSettings settings;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;

    ClusterSchedule(NeedClusters clusters, ClusterSettings settings, JdbcClient jdbc, DataSource dataSource, Clock clock,
                    @Value("${crm.time-zone:Asia/Shanghai}") String zone) {
        this.clusters = clusters;
        this.settings = settings;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** The scheduler's entry point (Spring never calls it when the schedule is {@code -}; neither does it run then). */
    @Scheduled(cron = "${crm.segmentation.clusters.schedule:" + ClusterSettings.DEFAULT_SCHEDULE + "}",
            zone = "${crm.time-zone:Asia/Shanghai}")
    void scheduled() {
        if (!settings.scheduled()) {
            log.info("Scheduled need-cluster run not started: the schedule is disabled (crm.segmentation.clusters.schedule=-)");
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        Instant slot = slot(CronExpression.parse(settings.schedule()), now);
        SegmentBookRuns.Owner owner = SegmentBookRuns.Owner.acquire(dataSource, LOCK_CLASS, false);
        if (owner == null) {
            log.info("Scheduled need-cluster run for {} not started here: another instance is handling the schedule", slot);
            return;
        }
        try {
            if (firing(slot).isPresent()) {
                log.info("Scheduled need-cluster run for {} not started here: another instance handled it", slot);
                return;
            }
            try {
                ClusterRun run = clusters.startScheduled(settings.scheduledK());
                record(owner, slot, Outcome.STARTED, run.id(), null);
                log.info("Scheduled need-cluster run {} started for {} ({})", run.id(), slot,
                        settings.scheduledK() == null ? "k chosen by silhouette" : "k = " + settings.scheduledK());
            } catch (ClusterRunInProgress e) {
                record(owner, slot, Outcome.SKIPPED, null, e.runningId());
                log.info("Scheduled need-cluster run for {} skipped: run {} is in progress", slot, e.runningId());
            }
        } finally {
            owner.close();
        }
    }

    private void record(SegmentBookRuns.Owner owner, Instant slot, Outcome outcome, Long runId, Long runningRunId) {
        owner.side.sql("""
                        insert into need_cluster_schedule (scheduled_for, outcome, run_id, reason, running_run_id, recorded_at)
                        values (:slot, :outcome, :run, :reason, :running, :now)""")
                .param("slot", Timestamp.from(slot)).param("outcome", outcome.name()).param("run", runId)
                .param("reason", outcome == Outcome.SKIPPED ? "RUN_IN_PROGRESS" : null).param("running", runningRunId)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /**
     * The cron time a firing at {@code now} is for: the latest one not after now (looking back a day), or one due
     * within a minute (a scheduler a little early); else now to the minute.
     */
    static Instant slot(CronExpression cron, ZonedDateTime now) {
        ZonedDateTime last = null;
        ZonedDateTime next = cron.next(now.minusDays(1));
        for (int guard = 0; next != null && !next.isAfter(now) && guard < 100_000; guard++) {
            last = next;
            next = cron.next(next);
        }
        if (next != null && Duration.between(now, next).compareTo(EARLY) <= 0) {
            return next.toInstant();
        }
        return (last != null ? last : now.truncatedTo(ChronoUnit.MINUTES)).toInstant();
    }

    /** The firing handled for a slot, if any instance handled it. */
    Optional<Firing> firing(Instant slot) {
        return jdbc.sql(FIRINGS + " where scheduled_for = :slot").param("slot", Timestamp.from(slot)).query(this::mapFiring).optional();
    }

    private static final String FIRINGS = "select scheduled_for, outcome, run_id, running_run_id, recorded_at from need_cluster_schedule";

    private Firing mapFiring(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Firing(rs.getTimestamp("scheduled_for").toInstant(), Outcome.valueOf(rs.getString("outcome")),
                rs.getObject("run_id", Long.class), rs.getObject("running_run_id", Long.class),
                rs.getTimestamp("recorded_at").toInstant());
    }

    /** The schedule, its next time and its latest firing (for the page and the API). */
    public State state() {
        Firing latest = jdbc.sql(FIRINGS + " order by scheduled_for desc limit 1").query(this::mapFiring).optional().orElse(null);
        if (!settings.scheduled()) {
            return new State(null, zone, settings.scheduledK(), null, latest);
        }
        ZonedDateTime next = CronExpression.parse(settings.schedule()).next(ZonedDateTime.now(clock.withZone(zone)));
        return new State(settings.schedule(), zone, settings.scheduledK(), next == null ? null : next.toInstant(), latest);
    }
}
