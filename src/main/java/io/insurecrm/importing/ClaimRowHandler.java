package io.insurecrm.importing;

import io.insurecrm.claim.ClaimStatus;
import io.insurecrm.importing.source.SourceFileException;
import io.insurecrm.importing.source.SourceRow;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports claims. The natural key is the claim number; the policy is named by its number and must exist (a claim
 * of an unknown policy is an invalid row, an orphan); the claimant is the policy's insured. A new claim, and a
 * changed status, is recorded in the claim's status history.
 * <p>
 * The description may carry health details and is stored encrypted (claim/V90): it is sealed here before the row
 * enters the COPY stream, so the staged and the claim columns never hold it in the clear (the staged row's
 * {@code source}, the file's cells kept for the error file, does until the job's rows are discarded — as for ID
 * numbers). Envelopes of equal texts differ, so whether an existing claim's description changed is decided in Java
 * (both opened) at classification; an unchanged one is dropped from the staged row, which keeps the stored one.
 */
@Component
class ClaimRowHandler implements RowHandler {

    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("claimNumber", "policyNumber", "incidentDate",
            "reportedOn", "settledOn", "amountClaimed", "amountPaid", "status", "description"));

    private static final List<String> STAGED_COLUMNS = List.of("job_id", "row_number", "chunk_no", "claim_number",
            "policy_number", "incident_date", "reported_on", "settled_on", "amount_claimed", "amount_paid", "status",
            "description", "source");

    private static final String DIFFERS = """
            (c.policy_id, c.customer_id, c.incident_date, c.reported_on, c.settled_on, c.amount_claimed, c.amount_paid,
             c.status, c.description)
            is distinct from
            (%1$s.policy_id, %1$s.customer_id, %1$s.incident_date, %1$s.reported_on, %1$s.settled_on,
             %1$s.amount_claimed, %1$s.amount_paid, %1$s.status, coalesce(%1$s.description, c.description))""";

    static final Map<String, String> STATUSES = Map.of("已报案", "REPORTED", "报案", "REPORTED", "审核中", "ASSESSING",
            "已核准", "APPROVED", "已赔付", "PAID", "结案", "PAID", "拒赔", "REJECTED");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Staging staging;
    private final FieldCipher cipher;

    ClaimRowHandler(JdbcClient jdbc, DataSource dataSource, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.staging = new Staging(jdbc, "import_staged_claim");
    }

    @Override
    public String entity() {
        return "CLAIM";
    }

    @Override
    public Set<String> fields() {
        return FIELDS;
    }

    @Override
    public void checkColumns(Map<String, Integer> fieldColumns) {
        for (String required : List.of("claimNumber", "policyNumber", "incidentDate", "amountClaimed")) {
            if (!fieldColumns.containsKey(required)) {
                throw new SourceFileException("import.file.missingColumn", required);
            }
        }
    }

    @Override
    public Stager stager(ImportJob job, Map<String, Integer> fieldColumns, RowErrors errors) {
        CopyBuffer staged = new CopyBuffer(dataSource, "import_staged_claim", STAGED_COLUMNS, 5000);
        return new Stager() {
            @Override
            public void accept(SourceRow row, int ordinal) {
                new ClaimRowCheck(row, fieldColumns, errors).stage(job, ordinal, staged, cipher);
            }

            @Override
            public void flush() {
                staged.flush();
            }
        };
    }

    private static final class ClaimRowCheck extends RowCheck {

        ClaimRowCheck(SourceRow row, Map<String, Integer> columns, RowErrors errors) {
            super(row, columns, errors);
        }

        void stage(ImportJob job, int ordinal, CopyBuffer staged, FieldCipher cipher) {
            String claimNumber = required(text("claimNumber", 40), "claimNumber");
            String policyNumber = required(text("policyNumber", 40), "policyNumber");
            LocalDate incident = required(date("incidentDate"), "incidentDate");
            LocalDate reported = date("reportedOn");
            LocalDate settled = date("settledOn");
            BigDecimal claimed = required(amount("amountClaimed"), "amountClaimed");
            BigDecimal paid = amount("amountPaid");
            ClaimStatus status = choice("status", ClaimStatus.class, STATUSES);
            String description = text("description", 2000);
            LocalDate reportedOn = reported == null ? incident : reported;
            if (incident != null && reportedOn != null && reportedOn.isBefore(incident)) {
                reject("reportedOn", "import.error.reportedBeforeIncident", null);
            }
            if (settled != null && reportedOn != null && settled.isBefore(reportedOn)) {
                reject("settledOn", "import.error.settledBeforeReported", null);
            }
            ClaimStatus effective = status == null ? ClaimStatus.REPORTED : status;
            if (ok("settledOn") && ok("status") && effective.isSettled() != (settled != null)) {
                reject(settled == null ? "settledOn" : "status", "import.error.settledOn", null);
            }
            if (paid != null && effective != ClaimStatus.PAID) {
                reject("amountPaid", "import.error.paidOnlyWhenPaid", null);
            }
            if (!valid()) {
                return;
            }
            staged.add(job.id(), row.rowNumber(), ordinal / job.chunkSize(), claimNumber, policyNumber, incident,
                    reportedOn, settled, claimed, paid, effective.name(), cipher.seal(description),
                    sealedCells());
        }
    }

    @Override
    public Classification classify(ImportJob job, ImportRequester requester, Map<String, String> headers) {
        long jobId = job.id();
        DataScope scope = requester.scope();
        staging.analyze();
        staging.duplicatesInFile(jobId, headers.get("claimNumber"), "claim_number");
        staging.dropRejected(jobId);
        jdbc.sql("""
                update import_staged_claim s set policy_id = p.id, customer_id = p.insured_id, branch_id = p.branch_id
                  from policy p where s.job_id = :job and p.policy_number = s.policy_number""")
                .param("job", jobId).update();
        jdbc.sql("update import_staged_claim s set claim_id = c.id from claim c "
                        + "where s.job_id = :job and c.claim_number = s.claim_number")
                .param("job", jobId).update();
        staging.rowError(jobId, headers.get("policyNumber"), "policy_number", "import.error.policyUnknown", "null",
                "s.policy_id is null");
        staging.rowError(jobId, headers.get("claimNumber"), "claim_number", "import.error.claimOtherPolicy", "null",
                "exists (select 1 from claim c where c.id = s.claim_id and c.policy_id <> s.policy_id)");
        if (scope.kind() == DataScope.Kind.BRANCH) {
            staging.rowError(jobId, headers.get("policyNumber"), "policy_number", "import.error.recordOutOfScope", "null",
                    "s.branch_id <> " + scope.branchId());
        }
        staging.dropRejected(jobId);
        staging.keepUnchangedSealed(jobId, "description", "claim", "claim_id", cipher);
        jdbc.sql("""
                update import_staged_claim s
                   set action = case when s.claim_id is null then 'CREATE'
                                     when exists (select 1 from claim c where c.id = s.claim_id and %s) then 'UPDATE'
                                     else 'UNCHANGED' end
                 where s.job_id = :job""".formatted(DIFFERS.formatted("s")))
                .param("job", jobId).update();
        return staging.counts(jobId);
    }

    @Override
    public ChunkResult commitChunk(long jobId, int chunkNo, Instant now) {
        return jdbc.sql("""
                with applied as (
                    insert into claim as c (claim_number, policy_id, customer_id, incident_date, reported_on, settled_on,
                                            amount_claimed, amount_paid, status, description)
                    select s.claim_number, s.policy_id, s.customer_id, s.incident_date, s.reported_on, s.settled_on,
                           s.amount_claimed, s.amount_paid, s.status, s.description
                      from import_staged_claim s
                     where s.job_id = :job and s.chunk_no = :chunk
                     order by s.row_number
                    on conflict (claim_number) do update
                       set policy_id = excluded.policy_id, customer_id = excluded.customer_id,
                           incident_date = excluded.incident_date, reported_on = excluded.reported_on,
                           settled_on = excluded.settled_on, amount_claimed = excluded.amount_claimed,
                           amount_paid = excluded.amount_paid, status = excluded.status,
                           description = coalesce(excluded.description, c.description), version = c.version + 1
                     where %s
                    returning c.id, c.status, c.customer_id, (xmax = 0) as inserted),
                history as (
                    insert into claim_status_change (claim_id, seq, status, changed_at, note)
                    select a.id, coalesce((select max(h.seq) from claim_status_change h where h.claim_id = a.id), 0) + 1,
                           a.status, :now, :note
                      from applied a
                     where a.status is distinct from (select h.status from claim_status_change h where h.claim_id = a.id
                                                        order by h.seq desc limit 1))
                select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated,
                       array_agg(distinct customer_id order by customer_id) as customers
                  from applied""".formatted(DIFFERS.formatted("excluded")))
                .param("job", jobId).param("chunk", chunkNo).param("now", java.sql.Timestamp.from(now))
                // the constant note, sealed like every note (one envelope for the chunk's rows: the same text)
                .param("note", cipher.seal("import"))
                .query((rs, n) -> new ChunkResult(rs.getInt("created"), rs.getInt("updated"),
                        Written.of(rs.getArray("customers"), "claims written (claimant)")))
                .single();
    }

    @Override
    public List<Written> finish(long jobId, Instant now) {
        // nothing links rows of different chunks
        return List.of();
    }

    @Override
    public int discard(long jobId) {
        return staging.discard(jobId);
    }
}
