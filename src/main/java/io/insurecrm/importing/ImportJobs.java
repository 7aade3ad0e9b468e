package io.insurecrm.importing;

import io.insurecrm.platform.web.IllegalStateTransitionException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code import_job} table. Every status change is guarded: it names the status it leaves. */
@Repository
class ImportJobs {

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(String entity, String profile, String fileName, String format, String encoding, String sha256, long bytes,
                String storedPath, int chunkSize, ImportRequester requester, Instant now) {
        return jdbc.sql("""
                insert into import_job (entity, profile, file_name, file_format, encoding, file_sha256, file_bytes,
                                        stored_path, status, chunk_size, created_by, scope_kind, scope_branch_id, created_at)
                values (:entity, :profile, :fileName, :format, :encoding, :sha, :bytes, :path, 'UPLOADED', :chunkSize,
                        :createdBy, :scopeKind, :scopeBranch, :now)
                returning id""")
                .param("entity", entity).param("profile", profile).param("fileName", fileName).param("format", format)
                .param("encoding", encoding).param("sha", sha256).param("bytes", bytes).param("path", storedPath)
                .param("chunkSize", chunkSize).param("createdBy", requester.username())
                .param("scopeKind", requester.scope().isAll() ? "ALL" : "BRANCH")
                .param("scopeBranch", requester.scope().branchId())
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    Optional<ImportJob> find(long id) {
        return jdbc.sql("select * from import_job where id = :id").param("id", id).query(ImportJobs::map).optional();
    }

    ImportJob get(long id) {
        return find(id).orElseThrow(() -> ImportJobNotFound.withId(id));
    }

    List<ImportJob> latest(Long branchId, int limit) {
        return jdbc.sql("""
                select * from import_job where (cast(:branch as bigint) is null or scope_branch_id = :branch)
                 order by id desc limit :limit""")
                .param("branch", branchId).param("limit", limit).query(ImportJobs::map).list();
    }

    void setFormat(long id, String format, String encoding) {
        jdbc.sql("update import_job set file_format = :format, encoding = :encoding where id = :id")
                .param("id", id).param("format", format).param("encoding", encoding).update();
    }

    void setHeader(long id, String headerJson) {
        jdbc.sql("update import_job set header = cast(:header as jsonb) where id = :id").param("id", id)
                .param("header", headerJson).update();
    }

    List<String> header(long id) {
        return jdbc.sql("select value from import_job, jsonb_array_elements_text(header) with ordinality as h(value, n) "
                        + "where id = :id order by n")
                .param("id", id).query(String.class).list();
    }

    void validated(long id, int total, int invalid, RowHandler.Classification counts, int chunksTotal, Instant now) {
        move(id, ImportStatus.UPLOADED, ImportStatus.VALIDATED, """
                rows_total = :total, rows_invalid = :invalid, rows_to_create = :create, rows_to_update = :update,
                rows_unchanged = :unchanged, chunks_total = :chunks, validated_at = :now""",
                spec -> spec.param("total", total).param("invalid", invalid).param("create", counts.create())
                        .param("update", counts.update()).param("unchanged", counts.unchanged())
                        .param("chunks", chunksTotal).param("now", Timestamp.from(now)));
    }

    void failed(long id, String failureKey, String argument, Instant now) {
        jdbc.sql("""
                update import_job set status = 'FAILED', failure = :failure, failure_arg = :arg, finished_at = :now,
                       version = version + 1
                 where id = :id and status = 'UPLOADED'""")
                .param("id", id).param("failure", failureKey).param("arg", argument).param("now", Timestamp.from(now))
                .update();
    }

    /** Commit stopped with an error: the job stays COMMITTING (resumable) and says why. */
    void commitStopped(long id, String failureKey, String argument) {
        jdbc.sql("update import_job set failure = :failure, failure_arg = :arg where id = :id and status = 'COMMITTING'")
                .param("id", id).param("failure", failureKey).param("arg", argument).update();
    }

    /** The staged rows of a COMMITTING job were lost (see {@link StagedRowsLost}): FAILED, with the chunks it applied. */
    void stagedRowsLost(long id, Instant now) {
        move(id, ImportStatus.COMMITTING, ImportStatus.FAILED,
                "failure = 'import.commit.stagedRowsLost', failure_arg = chunks_done::text, finished_at = :now",
                spec -> spec.param("now", Timestamp.from(now)));
    }

    void committing(long id, ImportStatus from) {
        move(id, from, ImportStatus.COMMITTING, "failure = null, failure_arg = null", spec -> spec);
    }

    void chunkDone(long id, RowHandler.ChunkResult result) {
        jdbc.sql("""
                update import_job set chunks_done = chunks_done + 1, rows_created = rows_created + :created,
                       rows_updated = rows_updated + :updated
                 where id = :id and status = 'COMMITTING'""")
                .param("id", id).param("created", result.created()).param("updated", result.updated()).update();
    }

    void committed(long id, Instant now) {
        move(id, ImportStatus.COMMITTING, ImportStatus.COMMITTED, "chunks_done = chunks_total + 1, finished_at = :now",
                spec -> spec.param("now", Timestamp.from(now)));
    }

    void cancelled(long id, ImportStatus from, Instant now) {
        move(id, from, ImportStatus.CANCELLED, "finished_at = :now", spec -> spec.param("now", Timestamp.from(now)));
    }

    private void move(long id, ImportStatus from, ImportStatus to, String set,
                      java.util.function.UnaryOperator<JdbcClient.StatementSpec> params) {
        if (!from.canGoTo(to)) {
            throw new IllegalStateTransitionException("Import job " + id, from, to);
        }
        int updated = params.apply(jdbc.sql("update import_job set status = :to, version = version + 1, " + set
                        + " where id = :id and status = :from")
                .param("id", id).param("from", from.name()).param("to", to.name())).update();
        if (updated != 1) {
            throw new IllegalStateTransitionException("Import job " + id, get(id).status(), to);
        }
    }

    private static ImportJob map(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getLong("id"), rs.getString("entity"), rs.getString("profile"), rs.getString("file_name"),
                rs.getString("file_format"), rs.getString("encoding"), rs.getString("file_sha256"), rs.getLong("file_bytes"),
                ImportStatus.valueOf(rs.getString("status")), rs.getString("failure"), rs.getString("failure_arg"),
                rs.getInt("rows_total"), rs.getInt("rows_invalid"), rs.getInt("rows_to_create"), rs.getInt("rows_to_update"),
                rs.getInt("rows_unchanged"), rs.getInt("rows_created"), rs.getInt("rows_updated"), rs.getInt("chunk_size"),
                rs.getInt("chunks_total"), rs.getInt("chunks_done"), rs.getString("created_by"),
                (Long) rs.getObject("scope_branch_id"), instant(rs, "created_at"), instant(rs, "validated_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
