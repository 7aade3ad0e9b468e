package io.insurecrm.importing;

import io.insurecrm.importing.source.SourceFileException;
import io.insurecrm.importing.source.SourceRow;
import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports customer interactions. The natural key is the core system's own id of the interaction (external id),
 * kept in {@code import_interaction_key}; the customer is named by customer number or resident ID number and must
 * exist (an interaction of an unknown customer is an invalid row, an orphan). Times without a zone are local
 * times of the application's clock zone.
 * <p>
 * The outcome may carry health or family details and is stored encrypted (interaction/V93): it is sealed here before
 * the row enters the COPY stream, and an existing interaction's outcome equal to the file's (both opened) is kept with
 * its envelope ({@link Staging#keepUnchangedSealed}), as for claim descriptions.
 */
@Component
class InteractionRowHandler implements RowHandler {

    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("externalId", "customerNumber", "idNumber", "type",
            "channel", "occurredAt", "outcome", "npsScore", "agentCode"));

    private static final List<String> STAGED_COLUMNS = List.of("job_id", "row_number", "chunk_no", "external_id",
            "customer_number", "customer_id_number", "customer_id_number_bidx", "type", "channel", "occurred_at", "outcome", "nps_score",
            "agent_code", "source");

    private static final String DIFFERS = """
            (i.customer_id, i.type, i.channel, i.occurred_at, i.outcome, i.nps_score, i.agent_id)
            is distinct from
            (%1$s.customer_id, %1$s.type, %1$s.channel, %1$s.occurred_at, coalesce(%1$s.outcome, i.outcome),
             %1$s.nps_score, coalesce(%1$s.agent_id, i.agent_id))""";

    static final Map<String, String> TYPES = Map.of("咨询", "CONSULTATION", "投诉", "COMPLAINT", "服务请求", "SERVICE_REQUEST",
            "保全", "SERVICE_REQUEST", "回访", "SURVEY", "满意度调查", "SURVEY", "转介绍", "REFERRAL", "活动", "EVENT_ATTENDANCE");
    static final Map<String, String> CHANNELS = Map.of("电话", "PHONE", "柜面", "BRANCH", "网点", "BRANCH", "APP", "APP",
            "微信", "WECHAT", "邮件", "EMAIL", "拜访", "VISIT", "上门", "VISIT", "活动", "EVENT");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Staging staging;
    private final ZoneId zone;
    private final io.insurecrm.customer.IdNumberProtection idNumbers;
    private final FieldCipher cipher;

    InteractionRowHandler(JdbcClient jdbc, DataSource dataSource, java.time.Clock clock,
                          io.insurecrm.customer.IdNumberProtection idNumbers, FieldCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.idNumbers = idNumbers;
        this.dataSource = dataSource;
        this.zone = clock.getZone();
        this.staging = new Staging(jdbc, "import_staged_interaction");
    }

    @Override
    public String entity() {
        return "INTERACTION";
    }

    @Override
    public Set<String> fields() {
        return FIELDS;
    }

    @Override
    public void checkColumns(Map<String, Integer> fieldColumns) {
        for (String required : List.of("externalId", "type", "channel", "occurredAt")) {
            if (!fieldColumns.containsKey(required)) {
                throw new SourceFileException("import.file.missingColumn", required);
            }
        }
        if (!fieldColumns.containsKey("customerNumber") && !fieldColumns.containsKey("idNumber")) {
            throw new SourceFileException("import.file.missingColumn", "customerNumber");
        }
    }

    @Override
    public Stager stager(ImportJob job, Map<String, Integer> fieldColumns, RowErrors errors) {
        CopyBuffer staged = new CopyBuffer(dataSource, "import_staged_interaction", STAGED_COLUMNS, 5000);
        return new Stager() {
            @Override
            public void accept(SourceRow row, int ordinal) {
                new InteractionRowCheck(row, fieldColumns, errors).stage(job, ordinal, staged);
            }

            @Override
            public void flush() {
                staged.flush();
            }
        };
    }

    private final class InteractionRowCheck extends RowCheck {

        InteractionRowCheck(SourceRow row, Map<String, Integer> columns, RowErrors errors) {
            super(row, columns, errors);
        }

        void stage(ImportJob job, int ordinal, CopyBuffer staged) {
            String externalId = required(text("externalId", 64), "externalId");
            Long customerNumber = null;
            String number = text("customerNumber", 19);
            if (number != null) {
                try {
                    customerNumber = Long.parseLong(number);
                } catch (NumberFormatException e) {
                    reject("customerNumber", "import.error.customerNumber", null);
                }
            }
            String idNumber = text("idNumber", 18);
            if (idNumber != null) {
                idNumber = idNumber.toUpperCase(Locale.ROOT);
                String problem = io.insurecrm.customer.ChineseIdNumber.problemWith(idNumber);
                if (problem != null) {
                    reject("idNumber", "import.error.idNumber", problem);
                    idNumber = null;
                }
            }
            if (customerNumber == null && idNumber == null && ok("customerNumber") && ok("idNumber")) {
                reject(mapped("customerNumber") ? "customerNumber" : "idNumber", "import.error.required", null);
            }
            InteractionType type = required(choice("type", InteractionType.class, TYPES), "type");
            InteractionChannel channel = required(choice("channel", InteractionChannel.class, CHANNELS), "channel");
            LocalDateTime occurred = required(dateTime("occurredAt"), "occurredAt");
            String outcome = text("outcome", 2000);
            Integer nps = integer("npsScore", 0, 10);
            if (nps != null && type != null && type != InteractionType.SURVEY) {
                reject("npsScore", "import.error.npsOnlyForSurveys", null);
            }
            String agentCode = text("agentCode", 50);
            if (!valid()) {
                return;
            }
            staged.add(job.id(), row.rowNumber(), ordinal / job.chunkSize(), externalId, customerNumber,
                    idNumber == null ? null : new io.insurecrm.customer.ChineseIdNumber(idNumber).masked(),
                    idNumbers.blindIndex(idNumber), type.name(), channel.name(), occurred.atZone(zone).toOffsetDateTime(), cipher.seal(outcome), nps, agentCode,
                    sealedCells());
        }
    }

    @Override
    public Classification classify(ImportJob job, ImportRequester requester, Map<String, String> headers) {
        long jobId = job.id();
        DataScope scope = requester.scope();
        staging.analyze();
        staging.duplicatesInFile(jobId, headers.get("externalId"), "external_id");
        staging.dropRejected(jobId);
        staging.resolveCustomer(jobId, "customer_number", "customer_id_number", "customer_id");
        jdbc.sql("update import_staged_interaction s set branch_id = c.branch_id from customer c "
                        + "where s.job_id = :job and c.id = s.customer_id")
                .param("job", jobId).update();
        jdbc.sql("update import_staged_interaction s set agent_id = a.id from agent a "
                        + "where s.job_id = :job and a.code = s.agent_code and a.active")
                .param("job", jobId).update();
        jdbc.sql("update import_staged_interaction s set interaction_id = k.interaction_id from import_interaction_key k "
                        + "where s.job_id = :job and k.external_id = s.external_id")
                .param("job", jobId).update();
        String customerHeader = headers.getOrDefault("customerNumber", headers.get("idNumber"));
        staging.rowError(jobId, customerHeader, "null", "import.error.customerMismatch", "null", "s.customer_id = -1");
        staging.rowError(jobId, customerHeader, "coalesce(s.customer_number::text, s.customer_id_number)",
                "import.error.customerUnknown", "null", "s.customer_id is null");
        staging.rowError(jobId, headers.get("agentCode"), "agent_code", "import.error.agentUnknown", "null",
                "s.agent_code is not null and s.agent_id is null");
        if (scope.kind() == DataScope.Kind.BRANCH) {
            staging.rowError(jobId, customerHeader, "null", "import.error.customerOutOfScope", "null",
                    "s.branch_id <> " + scope.branchId());
        }
        staging.dropRejected(jobId);
        staging.keepUnchangedSealed(jobId, "outcome", "interaction", "interaction_id", cipher);
        jdbc.sql("""
                update import_staged_interaction s
                   set action = case when s.interaction_id is null then 'CREATE'
                                     when exists (select 1 from interaction i where i.id = s.interaction_id and %s) then 'UPDATE'
                                     else 'UNCHANGED' end
                 where s.job_id = :job""".formatted(DIFFERS.formatted("s")))
                .param("job", jobId).update();
        return staging.counts(jobId);
    }

    @Override
    public ChunkResult commitChunk(long jobId, int chunkNo, Instant now) {
        record Applied(int count, List<Written> customers) {
        }
        Applied updated = jdbc.sql("""
                with changed as (
                update interaction i
                   set customer_id = s.customer_id, type = s.type, channel = s.channel, occurred_at = s.occurred_at,
                       outcome = coalesce(s.outcome, i.outcome), nps_score = s.nps_score,
                       agent_id = coalesce(s.agent_id, i.agent_id), version = i.version + 1
                  from import_staged_interaction s
                  join import_interaction_key k on k.external_id = s.external_id
                 where s.job_id = :job and s.chunk_no = :chunk and i.id = k.interaction_id and %s
                returning i.customer_id)
                select count(*) as n, array_agg(distinct customer_id order by customer_id) as customers from changed"""
                        .formatted(DIFFERS.formatted("s")))
                .param("job", jobId).param("chunk", chunkNo)
                .query((rs, n) -> new Applied(rs.getInt("n"), Written.of(rs.getArray("customers"), "interactions written")))
                .single();
        Applied created = jdbc.sql("""
                with fresh as (
                    select nextval(pg_get_serial_sequence('interaction', 'id')) as id, s.*
                      from import_staged_interaction s
                     where s.job_id = :job and s.chunk_no = :chunk
                       and not exists (select 1 from import_interaction_key k where k.external_id = s.external_id)),
                added as (
                    insert into interaction (id, customer_id, type, channel, occurred_at, outcome, nps_score, agent_id)
                    select id, customer_id, type, channel, occurred_at, outcome, nps_score, agent_id from fresh
                    returning id, customer_id),
                keyed as (
                    insert into import_interaction_key (external_id, interaction_id, job_id)
                    select f.external_id, a.id, :job from fresh f join added a on a.id = f.id
                    returning interaction_id)
                select (select count(*) from keyed) as n,
                       (select array_agg(distinct customer_id order by customer_id) from added) as customers""")
                .param("job", jobId).param("chunk", chunkNo)
                .query((rs, n) -> new Applied(rs.getInt("n"), Written.of(rs.getArray("customers"), "interactions written")))
                .single();
        java.util.Map<Long, Written> customers = new java.util.LinkedHashMap<>();
        for (Written w : updated.customers()) {
            customers.putIfAbsent(w.customerId(), w);
        }
        for (Written w : created.customers()) {
            customers.putIfAbsent(w.customerId(), w);
        }
        return new ChunkResult(created.count(), updated.count(), List.copyOf(customers.values()));
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
