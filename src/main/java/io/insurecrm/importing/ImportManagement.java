package io.insurecrm.importing;

import io.insurecrm.importing.source.RowSink;
import io.insurecrm.importing.source.SourceFileException;
import io.insurecrm.importing.source.SourceFiles;
import io.insurecrm.importing.source.SourceFormat;
import io.insurecrm.importing.source.SourceReader;
import io.insurecrm.importing.source.SourceRow;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditActor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import module's facade. An upload is stored, hashed and checked row by row at once (the dry run); staff
 * then commit or cancel. A commit applies the staged rows chunk by chunk, each chunk in one transaction that also
 * records the chunk as done, so a commit that stopped for any reason — an error, a kill -9 — is resumed by
 * committing again and applies every row exactly once.
 */
@Service
public class ImportManagement {

    private static final Logger log = LoggerFactory.getLogger(ImportManagement.class);

    private final ImportJobs jobs;
    private final ImportProfiles profiles;
    private final Map<String, RowHandler> handlers;
    private final ImportSettings settings;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final Executor executor;
    private final Clock clock;
    private final DataQuality quality;
    private final AccessAudit audit;
    private final io.insurecrm.platform.crypto.FieldCipher cipher;
    /**
     * Called inside each chunk's transaction after its rows are applied, before the chunk's counts and the job's
     * progress are written; tests use it to simulate a crash.
     */
    private volatile BiConsumer<Long, Integer> chunkApplied = (job, chunk) -> { };

    ImportManagement(ImportJobs jobs, ImportProfiles profiles, List<RowHandler> handlers, ImportSettings settings,
                     JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                     ApplicationEventPublisher events, MessageSource messages,
                     @Qualifier("applicationTaskExecutor") Executor executor, Clock clock, DataQuality quality,
                     AccessAudit audit, io.insurecrm.platform.crypto.FieldCipher cipher) {
        this.audit = audit;
        this.cipher = cipher;
        this.jobs = jobs;
        this.profiles = profiles;
        this.handlers = handlers.stream().collect(Collectors.toMap(RowHandler::entity, h -> h));
        this.settings = settings;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.messages = messages;
        this.executor = executor;
        this.clock = clock;
        this.quality = quality;
    }

    // ---- profiles ----

    public List<String> profileNames() {
        return profiles.names();
    }

    public java.util.Optional<ImportProfile> findProfile(String name) {
        return profiles.find(name);
    }

    public ImportProfile profile(String name) {
        return profiles.find(name).orElseThrow(() -> new FieldRuleViolation("profile", "import.profile.unknown", name));
    }

    /** Creates or replaces a profile; every mapped field must be one the entity knows. */
    public void saveProfile(ImportProfile profile) {
        RowHandler handler = handlers.get(profile.entity());
        if (handler == null) {
            throw new FieldRuleViolation("entity", "import.profile.entityUnknown", profile.entity());
        }
        for (String field : profile.mapping().values()) {
            if (!handler.fields().contains(field)) {
                throw new FieldRuleViolation("mapping", "import.profile.fieldUnknown", field, String.join(", ", handler.fields()));
            }
        }
        profiles.save(profile, clock.instant());
    }

    // ---- jobs ----

    /** Stores the file, runs the dry run and returns the job: VALIDATED with its counts, or FAILED saying why. */
    public ImportJob upload(String fileName, InputStream content, String profileName, String encoding, ImportRequester requester) {
        ImportProfile profile = profile(profileName);
        RowHandler handler = handlers.get(profile.entity());
        Path stored;
        SourceFiles.Stored file;
        try {
            Files.createDirectories(settings.folder());
            stored = Files.createTempFile(settings.folder(), "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            file = SourceFiles.store(content, stored, settings.maxFileMegabytes() * 1024 * 1024);
        } catch (SourceFileException e) {
            deleteQuietly(stored);
            throw new FieldRuleViolation("file", e.messageKey(), e.argument());
        }
        String name = fileName == null || fileName.isBlank() ? "upload" : Path.of(fileName).getFileName().toString();
        String guessed = name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? "XLSX" : "CSV";
        long id = jobs.create(handler.entity(), profile.name(), name, guessed, null, file.sha256(), file.bytes(),
                stored.toString(), settings.chunkSize(), requester, clock.instant());
        try {
            dryRun(jobs.get(id), stored, profile, handler, encoding, requester);
        } finally {
            deleteQuietly(stored);
        }
        return jobs.get(id);
    }

    private void dryRun(ImportJob job, Path file, ImportProfile profile, RowHandler handler, String encoding,
                        ImportRequester requester) {
        try {
            SourceFiles.Inspection inspection = SourceFiles.inspect(file, job.fileName(), encoding);
            jobs.setFormat(job.id(), inspection.format().name(),
                    inspection.charset() == null ? null : inspection.charset().name());
            ImportJob current = jobs.get(job.id());
            transaction.executeWithoutResult(status -> stageAndClassify(current, file, inspection, profile, handler, requester));
        } catch (SourceFileException e) {
            log.info("Import job {} refused: {}", job.id(), e.getMessage());
            jobs.failed(job.id(), e.messageKey(), e.argument(), clock.instant());
        } catch (RuntimeException e) {
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            log.error("Dry run of import job {} failed, reference {}", job.id(), reference, e);
            jobs.failed(job.id(), "import.dryRun.failed", reference, clock.instant());
        }
    }

    private void stageAndClassify(ImportJob job, Path file, SourceFiles.Inspection inspection, ImportProfile profile,
                                  RowHandler handler, ImportRequester requester) {
        Map<String, Integer> fieldColumns = new HashMap<>();
        Map<String, String> fieldHeaders = new HashMap<>();
        boolean csv = inspection.format() == SourceFormat.CSV;
        class Sink implements RowSink {
            List<String> header;
            RowErrors errors;
            RowHandler.Stager stager;
            int ordinal;

            @Override
            public void header(List<String> cells) {
                header = cells;
                for (int i = 0; i < cells.size(); i++) {
                    String field = profile.fieldFor(cells.get(i));
                    if (field == null) {
                        continue;
                    }
                    if (fieldColumns.putIfAbsent(field, i) != null) {
                        throw new SourceFileException("import.file.duplicateColumn", cells.get(i));
                    }
                    fieldHeaders.put(field, cells.get(i));
                }
                handler.checkColumns(fieldColumns);
                jobs.setHeader(job.id(), CopyBuffer.jsonArray(cells));
                errors = new RowErrors(dataSource, job.id(), cells, cipher);
                stager = handler.stager(job, fieldColumns, errors);
            }

            @Override
            public void row(SourceRow row) {
                int position = ordinal++;
                boolean extraCells = row.cells().size() > header.size()
                        && row.cells().subList(header.size(), row.cells().size()).stream().anyMatch(c -> !c.isBlank());
                if ((csv && row.cells().size() < header.size()) || extraCells) {
                    errors.add(row, -1, "import.error.cellCount", header.size() + "|" + row.cells().size());
                    return;
                }
                stager.accept(row, position);
            }
        }
        Sink sink = new Sink();
        long started = System.nanoTime();
        int rows = new SourceReader(settings.maxLineChars()).read(file, inspection.format(), inspection.charset(), sink);
        if (rows == 0) {
            throw new SourceFileException("import.file.noRows", null);
        }
        sink.stager.flush();
        sink.errors.flush();
        long read = System.nanoTime();
        RowHandler.Classification counts = handler.classify(job, requester, fieldHeaders);
        RowErrors.sealValuesWrittenInSql(jdbc, cipher, job.id());
        int invalid = jdbc.sql("select count(distinct row_number) from import_row_error where job_id = :job")
                .param("job", job.id()).query(Integer.class).single();
        jobs.validated(job.id(), rows, invalid, counts, (rows + job.chunkSize() - 1) / job.chunkSize(), clock.instant());
        log.info("Import job {} dry run: {} rows read, checked and copied in {} ms, checked against the book and "
                + "classified in {} ms", job.id(), rows, (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
    }

    /** The job if the caller's scope may see it: administrators all, a branch manager his branch's. */
    public ImportJob job(long id, DataScope scope) {
        ImportJob job = jobs.get(id);
        if (!scope.isAll() && (job.scopeBranchId() == null || !job.scopeBranchId().equals(scope.branchId()))) {
            throw ImportJobNotFound.withId(id);
        }
        return job;
    }

    public List<ImportJob> jobs(DataScope scope, int limit) {
        return jobs.latest(scope.isAll() ? null : scope.branchId(), Math.max(1, Math.min(limit, 500)));
    }

    /** An earlier committed job with the same file content, if any: importing it again changes nothing. */
    public java.util.Optional<Long> earlierCommitOfSameFile(ImportJob job) {
        return jdbc.sql("select min(id) from import_job where file_sha256 = :sha and status = 'COMMITTED' and id < :id")
                .param("sha", job.fileSha256()).param("id", job.id()).query(Long.class).optional();
    }

    public Paged<ImportRowError> errors(long id, int page, int size, DataScope scope) {
        job(id, scope);
        int bounded = Paged.boundedSize(size);
        int current = Math.max(0, page);
        long total = jdbc.sql("select count(*) from import_row_error where job_id = :job").param("job", id)
                .query(Long.class).single();
        List<ImportRowError> rows = jdbc.sql("""
                select row_number, column_name, value, reason_key, reason_arg from import_row_error
                 where job_id = :job order by row_number, id limit :limit offset :offset""")
                .param("job", id).param("limit", bounded).param("offset", (long) current * bounded)
                .query((rs, n) -> new ImportRowError(rs.getInt("row_number"), rs.getString("column_name"),
                        cipher.open(rs.getString("value")), rs.getString("reason_key"), rs.getString("reason_arg")))
                .list();
        return new Paged<>(rows, current, bounded, total);
    }

    /** Writes the invalid rows as a file like the input, with an error column, for fixing and importing again. */
    public void writeErrorFile(long id, OutputStream out, Locale locale, DataScope scope) {
        ImportJob job = job(id, scope);
        List<String> header = jobs.header(id);
        transaction.executeWithoutResult(status -> new ErrorFile(jdbc, messages, cipher).write(job, header, out, locale));
    }

    public String errorFileName(ImportJob job) {
        String base = job.fileName().replaceAll("\\.[A-Za-z0-9]+$", "");
        return base + "-errors-" + job.id() + ("XLSX".equals(job.fileFormat()) ? ".xlsx" : ".csv");
    }

    /** Commits (or resumes) the job in this thread and returns it COMMITTED. */
    public ImportJob commit(long id, DataScope scope) {
        AuditActor actor = audit.currentActor();
        ImportJob job = begin(job(id, scope));
        runCommit(job, actor);
        return jobs.get(id);
    }

    /** Marks the job COMMITTING and commits it in the background; the job's progress tells how far it got. */
    public ImportJob startCommit(long id, DataScope scope) {
        // who asks, and from where, is taken on the request's thread: the commit runs on another
        AuditActor actor = audit.currentActor();
        ImportJob job = begin(job(id, scope));
        executor.execute(() -> {
            try {
                runCommit(job, actor);
            } catch (RuntimeException e) {
                log.error("Import job {} stopped while committing; commit it again to resume", id, e);
            }
        });
        return jobs.get(id);
    }

    public ImportJob cancel(long id, DataScope scope) {
        ImportJob job = job(id, scope);
        if (!job.cancellable()) {
            throw new IllegalStateTransitionException("Import job " + id, job.status(), ImportStatus.CANCELLED);
        }
        transaction.executeWithoutResult(status -> {
            handlers.get(job.entity()).discard(id);
            jobs.cancelled(id, job.status(), clock.instant());
        });
        return jobs.get(id);
    }

    private ImportJob begin(ImportJob job) {
        if (!job.committable()) {
            throw new IllegalStateTransitionException("Import job " + job.id(), job.status(), ImportStatus.COMMITTING);
        }
        jobs.committing(job.id(), job.status());
        return jobs.get(job.id());
    }

    private void runCommit(ImportJob job, AuditActor actor) {
        RowHandler handler = handlers.get(job.entity());
        long id = job.id();
        long started = System.nanoTime();
        ImportAudit importAudit = new ImportAudit(job, actor, mappedColumns(job));
        try {
            handler.checkStaged(job);
        } catch (StagedRowsLost lost) {
            // the job cannot finish: it fails (what earlier chunks applied stays) and the rest of its staged rows go
            transaction.executeWithoutResult(status -> {
                handler.discard(id);
                jobs.stagedRowsLost(id, clock.instant());
                ImportJob failed = jobs.get(id);
                if (failed.chunksDone() > 0) {
                    audit.recordInTransaction(actor, AuditAction.IMPORT, null, importAudit.columns(), importAudit.job()
                            + " FAILED (staged rows lost) after " + failed.chunksDone() + " of " + failed.chunksTotal()
                            + " chunks: " + failed.rowsCreated() + " created, " + failed.rowsUpdated() + " updated");
                }
            });
            awaitAuditChained(id);
            throw lost;
        }
        try {
            int workers = handler.chunksIndependent() ? Math.max(1, Math.min(settings.commitWorkers(), job.chunksTotal())) : 1;
            applyChunks(handler, job, workers, importAudit);
            long chunksDone = System.nanoTime();
            transaction.executeWithoutResult(status -> {
                Instant now = clock.instant();
                int recorded = jdbc.sql("select count(*) from import_chunk where job_id = :job and chunk_no >= 0")
                        .param("job", id).query(Integer.class).single();
                if (recorded != job.chunksTotal()) {
                    throw new IllegalStateException("Import job " + id + ": " + recorded + " of " + job.chunksTotal()
                            + " chunks committed; commit again to resume");
                }
                List<RowHandler.Written> linked = claim(id, -1) ? handler.finish(id, now) : List.of();
                handler.discard(id);
                jobs.committed(id, now);
                ImportJob done = jobs.get(id);
                if ("CUSTOMER".equals(done.entity())) {
                    events.publishEvent(new CustomersImported(id, done.rowsCreated(), done.rowsUpdated()));
                }
                events.publishEvent(new RecordsImported(done.entity(), id, done.rowsCreated(), done.rowsUpdated()));
                // the job's own row, then one per customer the last step wrote: pending rows, committed with the job's
                // state and chained by the audit writer afterwards (no chain lock held here)
                audit.recordInTransaction(actor, AuditAction.IMPORT, null, importAudit.columns(), importAudit.job()
                        + " COMMITTED: " + done.rowsCreated() + " created, " + done.rowsUpdated() + " updated, "
                        + done.rowsUnchanged() + " unchanged, " + done.rowsInvalid() + " invalid rows; uploaded by "
                        + done.createdBy());
                importAudit.record(linked, "households");
            });
            awaitAuditChained(id);
            log.info("Import job {} committed: {} chunks ({} worker(s)) in {} ms, finished (staged rows removed, events) in {} ms; {}",
                    id, job.chunksTotal(), workers, (chunksDone - started) / 1_000_000, (System.nanoTime() - chunksDone) / 1_000_000,
                    importAudit.timing());
        } catch (RuntimeException e) {
            jobs.commitStopped(id, "import.commit.stopped", String.valueOf(e.getMessage()));
            recordStopped(importAudit, id, e);
            throw e;
        }
        try {
            quality.take(id);
        } catch (RuntimeException e) {
            log.warn("Data-quality snapshot after import job {} failed; the import itself is committed", id, e);
        }
    }

    /**
     * Applies every chunk not yet recorded, each in its own transaction, with the given number of workers: this thread
     * and {@code workers - 1} threads of its own, taking the next chunk number in turn. Every chunk commits together
     * with its {@code import_chunk} row whichever worker applies it, so a crash leaves whole chunks (not necessarily
     * the first ones) and a resume applies the others. The first failure stops every worker after its current chunk
     * and is thrown once all have stopped.
     */
    private void applyChunks(RowHandler handler, ImportJob job, int workers, ImportAudit importAudit) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            int chunk;
            while (failure.get() == null && (chunk = next.getAndIncrement()) < job.chunksTotal()) {
                try {
                    applyChunk(handler, job.id(), chunk, importAudit);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            Thread helper = new Thread(work, "import-" + job.id() + "-commit-" + i);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        for (Thread helper : helpers) {
            boolean interrupted = false;
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
    }

    /** One chunk in one transaction: claimed (skipped when recorded already), applied, recorded with its counts. */
    private void applyChunk(RowHandler handler, long id, int chunkNo, ImportAudit importAudit) {
        transaction.executeWithoutResult(status -> {
            if (!claim(id, chunkNo)) {
                return;
            }
            RowHandler.ChunkResult result = handler.commitChunk(id, chunkNo, clock.instant());
            chunkApplied.accept(id, chunkNo);
            jdbc.sql("update import_chunk set rows_created = :created, rows_updated = :updated "
                            + "where job_id = :job and chunk_no = :chunk")
                    .param("created", result.created()).param("updated", result.updated())
                    .param("job", id).param("chunk", chunkNo).update();
            // the job's row is locked from here to the commit, which a second worker's chunk then waits for
            jobs.chunkDone(id, result);
            // one audit row per customer the chunk wrote, committed with it as pending rows (no chain lock: audited
            // views do not wait for this commit); the audit writer chains them once committed
            importAudit.record(result.customers(), "chunk " + (chunkNo + 1));
        });
    }

    /**
     * The audit of one commit: who committed it and from where, the job (id, file, entity) and the columns it mapped
     * (snake_case, in the file's order), which stand for the fields written when the handler does not know them.
     */
    private final class ImportAudit {

        private final AuditActor actor;
        private final String job;
        private final List<String> columns;
        /** Time spent appending the audit rows and how many (for the commit's log line), over every worker. */
        private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicInteger rows = new AtomicInteger();

        ImportAudit(ImportJob job, AuditActor actor, List<String> columns) {
            this.actor = actor;
            this.job = "import job " + job.id() + " (" + job.fileName() + ", " + job.entity() + ")";
            this.columns = columns;
        }

        String job() {
            return job;
        }

        List<String> columns() {
            return columns;
        }

        /** One IMPORT row per customer, in the current transaction. */
        void record(List<RowHandler.Written> written, String step) {
            if (written.isEmpty()) {
                return;
            }
            List<AccessAudit.CustomerFields> rows = new ArrayList<>(written.size());
            for (RowHandler.Written w : written) {
                rows.add(new AccessAudit.CustomerFields(w.customerId(), w.changed() == null ? columns : w.changed(), w.detail()));
            }
            long began = System.nanoTime();
            audit.recordForCustomers(actor, AuditAction.IMPORT, rows, job + ", " + step);
            this.nanos.addAndGet(System.nanoTime() - began);
            this.rows.addAndGet(rows.size());
        }

        String timing() {
            return audit.enabled() ? rows.get() + " audit rows recorded (pending) in " + nanos.get() / 1_000_000 + " ms" : "audit off";
        }
    }

    /**
     * Waits until the audit writer has chained the commit's pending audit rows, so the job shows as committed with its
     * rows in the chain. The rows are on record (pending) whatever happens here: a wait that fails only logs.
     */
    private void awaitAuditChained(long id) {
        if (!audit.enabled()) {
            return;
        }
        try {
            audit.chainPending(AUDIT_CHAIN_WAIT);
        } catch (RuntimeException e) {
            log.warn("Import job {}: its audit rows are recorded but not yet chained ({}); the audit writer chains them later",
                    id, e.getMessage());
        }
    }

    private static final java.time.Duration AUDIT_CHAIN_WAIT = java.time.Duration.ofSeconds(60);

    /** A commit that stopped after writing something is on record too (its chunks' customers are already). */
    private void recordStopped(ImportAudit importAudit, long id, RuntimeException e) {
        try {
            ImportJob stopped = jobs.get(id);
            if (stopped.chunksDone() > 0) {
                transaction.executeWithoutResult(status -> audit.recordInTransaction(importAudit.actor, AuditAction.IMPORT,
                        null, importAudit.columns(), importAudit.job() + " stopped after " + stopped.chunksDone() + " of "
                                + stopped.chunksTotal() + " chunks (commit again to resume): " + e.getClass().getSimpleName()));
            }
            awaitAuditChained(id);
        } catch (RuntimeException auditFailed) {
            log.error("Could not record that import job {} stopped", id, auditFailed);
        }
    }

    /** The fields the job's columns were mapped to, as column names (idNumber → id_number), in the file's order. */
    private List<String> mappedColumns(ImportJob job) {
        ImportProfile profile = profiles.find(job.profile()).orElse(null);
        List<String> columns = new ArrayList<>();
        if (profile != null) {
            for (String header : jobs.header(job.id())) {
                String field = profile.fieldFor(header);
                if (field != null && !columns.contains(snakeCase(field))) {
                    columns.add(snakeCase(field));
                }
            }
        }
        return List.copyOf(columns);
    }

    static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Records the chunk as done in the current transaction; false when it is done already (or being done). */
    private boolean claim(long jobId, int chunkNo) {
        return jdbc.sql("""
                insert into import_chunk (job_id, chunk_no, committed_at) values (:job, :chunk, :now)
                on conflict do nothing""")
                .param("job", jobId).param("chunk", chunkNo).param("now", java.sql.Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** For tests: called inside every chunk's transaction once its rows are applied. */
    void onChunkApplied(BiConsumer<Long, Integer> hook) {
        this.chunkApplied = hook == null ? (job, chunk) -> { } : hook;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}", path, e);
        }
    }

    /** The message of a job's failure in the locale. */
    public String failureText(ImportJob job, Locale locale) {
        if (job.failure() == null) {
            return null;
        }
        Object[] args = job.failureArg() == null ? new Object[0] : job.failureArg().split("\\|", -1);
        return messages.getMessage(job.failure(), args, job.failure(), locale);
    }


    /** A row error's reason in the locale. */
    public String reasonText(ImportRowError error, Locale locale) {
        return messages.getMessage(error.reasonKey(), error.reasonArguments(), error.reasonKey(), locale);
    }
}
