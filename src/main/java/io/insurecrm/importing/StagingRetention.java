package io.insurecrm.importing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps an import's copy of the file's personal data no longer than needed (PIPL art. 19). Staged rows are deleted
 * when a job is committed or cancelled; what stays is the cells of its error rows (for the error file) and the staged
 * rows of a job uploaded and then left alone. A retention period after a job finished, its error rows keep their row
 * number, column and reason but no longer the cells read from the file (the row and the offending cell) (the error file then shows the reasons with
 * empty cells); a job left uploaded or validated for that long is cancelled (its staged rows deleted) and purged.
 * The job's counts stay. Runs nightly, one job per transaction; a job purged once is not touched again, so a second
 * run changes nothing.
 */
@Service
public class StagingRetention {

    private static final Logger log = LoggerFactory.getLogger(StagingRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ImportSettings settings;
    private final ImportJobs importJobs;
    private final Map<String, RowHandler> handlers;

    StagingRetention(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, ImportSettings settings,
                     ImportJobs importJobs, List<RowHandler> handlers) {
        this.importJobs = importJobs;
        this.handlers = handlers.stream().collect(Collectors.toMap(RowHandler::entity, h -> h));
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.settings = settings;
    }

    /** What a purge did: jobs purged, of them jobs left unfinished and cancelled, staged rows deleted, error rows emptied. */
    public record Purge(int jobs, int abandoned, long stagedRows, long errorRows) {
    }

    @Scheduled(cron = "${crm.import.retention-cron:0 50 2 * * *}", zone = "${crm.time-zone:Asia/Shanghai}")
    void nightly() {
        Purge purge = purge();
        if (purge.jobs() > 0) {
            log.info("Import staging purged for {} job(s) older than {} days ({} left unfinished, now cancelled): "
                            + "{} staged rows deleted, {} error rows emptied",
                    purge.jobs(), settings.retentionDays(), purge.abandoned(), purge.stagedRows(), purge.errorRows());
        }
    }

    /**
     * Purges every job that finished more than the retention period ago, and cancels and purges every job uploaded
     * that long ago and neither committed nor cancelled since. A job being committed is left alone.
     */
    public Purge purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(Duration.ofDays(settings.retentionDays())));
        record Due(long id, String entity, ImportStatus status) {
        }
        List<Due> jobs = jdbc.sql("""
                        select id, entity, status from import_job
                         where purged_at is null
                           and (status in ('COMMITTED', 'CANCELLED', 'FAILED') and finished_at < :before
                                or status in ('UPLOADED', 'VALIDATED') and created_at < :before)
                         order by id""")
                .param("before", before)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("entity"), ImportStatus.valueOf(rs.getString("status"))))
                .list();
        int abandoned = 0;
        long staged = 0;
        long errors = 0;
        for (Due job : jobs) {
            long[] counts = transaction.execute(status -> purge(job.id(), handlers.get(job.entity()), job.status()));
            abandoned += (int) counts[2];
            staged += counts[0];
            errors += counts[1];
        }
        return new Purge(jobs.size(), abandoned, staged, errors);
    }

    private long[] purge(long job, RowHandler handler, ImportStatus status) {
        long staged = handler.discard(job);
        boolean abandoned = !status.isFinished();
        if (abandoned) {
            importJobs.cancelled(job, status, clock.instant());
        }
        // the cells read from the file: the whole row (source) and the offending cell (value)
        long errors = jdbc.sql("""
                        update import_row_error set source = null, value = null
                         where job_id = :job and (source is not null or value is not null)""")
                .param("job", job).update();
        jdbc.sql("update import_job set purged_at = :now where id = :job and purged_at is null")
                .param("job", job).param("now", Timestamp.from(clock.instant())).update();
        return new long[] {staged, errors, abandoned ? 1 : 0};
    }
}
