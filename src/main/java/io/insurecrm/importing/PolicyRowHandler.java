package io.insurecrm.importing;

import io.insurecrm.customer.ChineseIdNumber;
import io.insurecrm.customer.IdNumberProtection;
import io.insurecrm.importing.source.SourceFileException;
import io.insurecrm.importing.source.SourceRow;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.policy.PaymentFrequency;
import io.insurecrm.policy.PolicyStatus;
import io.insurecrm.policy.SalesChannel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports policies. The natural key is the policy number; the holder (and the insured, the holder when not given)
 * is named by customer number or resident ID number and must exist — a policy of an unknown customer is an
 * invalid row (an orphan) — the product by its code, the agent by his code. The annual premium is derived from the
 * premium and the payment frequency; a blank end date is the start plus the product's term.
 */
@Component
class PolicyRowHandler implements RowHandler {

    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("policyNumber", "customerNumber", "idNumber",
            "insuredNumber", "insuredIdNumber", "productCode", "premium", "paymentFrequency", "sumInsured", "startDate",
            "endDate", "status", "terminatedOn", "channel", "agentCode"));

    private static final List<String> STAGED_COLUMNS = List.of("job_id", "row_number", "chunk_no", "policy_number",
            "holder_number", "holder_id_number", "holder_id_number_bidx", "insured_number", "insured_id_number",
            "insured_id_number_bidx", "product_code", "premium",
            "payment_frequency", "annual_premium", "sum_insured", "start_date", "end_date", "status", "terminated_on",
            "channel", "agent_code", "source");

    private static final String DIFFERS = """
            (p.holder_id, p.insured_id, p.product_id, p.premium, p.payment_frequency, p.annual_premium, p.sum_insured,
             p.start_date, p.end_date, p.status, p.terminated_on, p.channel, p.agent_id, p.branch_id)
            is distinct from
            (%1$s.holder_id, %1$s.insured_id, %1$s.product_id, %1$s.premium, %1$s.payment_frequency, %1$s.annual_premium,
             %1$s.sum_insured, %1$s.start_date, %1$s.end_date, %1$s.status, %1$s.terminated_on, %1$s.channel,
             %1$s.agent_id, %1$s.branch_id)""";

    /** PostgreSQL work_mem of the dry run's classification (set local to its transaction). */
    private static final String WORK_MEM = "256MB";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Staging staging;
    private final IdNumberProtection idNumbers;

    PolicyRowHandler(JdbcClient jdbc, DataSource dataSource, IdNumberProtection idNumbers) {
        this.jdbc = jdbc;
        this.idNumbers = idNumbers;
        this.dataSource = dataSource;
        this.staging = new Staging(jdbc, "import_staged_policy");
    }

    @Override
    public String entity() {
        return "POLICY";
    }

    @Override
    public Set<String> fields() {
        return FIELDS;
    }

    @Override
    public void checkColumns(Map<String, Integer> fieldColumns) {
        for (String required : List.of("policyNumber", "productCode", "premium", "sumInsured", "startDate", "agentCode")) {
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
        createRawTable();
        CopyBuffer staged = new CopyBuffer(dataSource, "import_raw_policy", STAGED_COLUMNS, 5000);
        return new Stager() {
            @Override
            public void accept(SourceRow row, int ordinal) {
                new PolicyRowCheck(row, fieldColumns, errors, idNumbers).stage(job, ordinal, staged);
            }

            @Override
            public void flush() {
                staged.flush();
            }
        };
    }

    static final Map<String, String> FREQUENCIES = Map.of("年缴", "ANNUAL", "半年缴", "SEMI_ANNUAL", "季缴", "QUARTERLY",
            "月缴", "MONTHLY", "趸缴", "SINGLE");
    static final Map<String, String> STATUSES = Map.of("有效", "ACTIVE", "失效", "LAPSED", "满期", "EXPIRED",
            "退保", "CANCELLED", "终止", "CANCELLED");
    static final Map<String, String> CHANNELS = Map.of("个险", "AGENT", "代理人", "AGENT", "银保", "BANCASSURANCE",
            "网销", "ONLINE", "电销", "TELESALES", "经代", "BROKER");

    private static final class PolicyRowCheck extends RowCheck {

        private final IdNumberProtection idNumbers;

        PolicyRowCheck(SourceRow row, Map<String, Integer> columns, RowErrors errors, IdNumberProtection idNumbers) {
            super(row, columns, errors);
            this.idNumbers = idNumbers;
        }

        void stage(ImportJob job, int ordinal, CopyBuffer staged) {
            String policyNumber = required(text("policyNumber", 40), "policyNumber");
            Long holderNumber = customerNumber("customerNumber");
            String holderId = idNumber("idNumber");
            if (holderNumber == null && holderId == null && ok("customerNumber") && ok("idNumber")) {
                reject(mapped("customerNumber") ? "customerNumber" : "idNumber", "import.error.required", null);
            }
            Long insuredNumber = customerNumber("insuredNumber");
            String insuredId = idNumber("insuredIdNumber");
            String productCode = required(text("productCode", 40), "productCode");
            BigDecimal premium = required(amount("premium"), "premium");
            PaymentFrequency frequency = choice("paymentFrequency", PaymentFrequency.class, FREQUENCIES);
            BigDecimal sumInsured = required(amount("sumInsured"), "sumInsured");
            LocalDate start = required(date("startDate"), "startDate");
            LocalDate end = date("endDate");
            PolicyStatus status = choice("status", PolicyStatus.class, STATUSES);
            LocalDate terminated = date("terminatedOn");
            SalesChannel channel = choice("channel", SalesChannel.class, CHANNELS);
            String agentCode = required(text("agentCode", 50), "agentCode");
            if (start != null && end != null && !end.isAfter(start)) {
                reject("endDate", "import.error.endBeforeStart", null);
            }
            PolicyStatus effective = status == null ? PolicyStatus.ACTIVE : status;
            if (ok("status") && ok("terminatedOn") && effective.isTerminated() != (terminated != null)) {
                reject(terminated == null ? "terminatedOn" : "status", "import.error.terminatedOn", null);
            }
            if (!valid()) {
                return;
            }
            PaymentFrequency paid = frequency == null ? PaymentFrequency.ANNUAL : frequency;
            staged.add(job.id(), row.rowNumber(), ordinal / job.chunkSize(), policyNumber, holderNumber,
                    masked(holderId), idNumbers.blindIndex(holderId), insuredNumber, masked(insuredId),
                    idNumbers.blindIndex(insuredId), productCode, premium, paid.name(),
                    premium.multiply(BigDecimal.valueOf(paid.paymentsPerYear())), sumInsured, start, end, effective.name(),
                    terminated, (channel == null ? SalesChannel.AGENT : channel).name(), agentCode,
                    sealedCells());
        }

        /** The masked form staged for error rows: the clear number is only matched, by its blind index. */
        private static String masked(String idNumber) {
            return idNumber == null ? null : new ChineseIdNumber(idNumber).masked();
        }

        private Long customerNumber(String field) {
            String value = text(field, 19);
            if (value == null) {
                return null;
            }
            try {
                long number = Long.parseLong(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            reject(field, "import.error.customerNumber", null);
            return null;
        }

        private String idNumber(String field) {
            String value = text(field, 18);
            if (value == null) {
                return null;
            }
            String upper = value.toUpperCase(Locale.ROOT);
            String problem = ChineseIdNumber.problemWith(upper);
            if (problem != null) {
                reject(field, "import.error.idNumber", problem);
                return null;
            }
            return upper;
        }
    }

    // ---- set-based ----

    /**
     * The rows that passed the row checks wait in a temporary table of the dry run's transaction (no WAL, gone at its
     * end; the cells as text, parsed as JSON only for a refused row). One statement then finds duplicates within the
     * file, resolves every reference, writes an error for each failed check and stages the rows to create or update —
     * written once, never updated, without a copy of the file's cells (nothing is refused after staging). Unchanged
     * rows are only counted: committing them would write nothing.
     */
    private void createRawTable() {
        jdbc.sql("""
                create temporary table if not exists import_raw_policy (
                    job_id bigint not null, row_number integer not null, chunk_no integer not null,
                    policy_number text not null, holder_number bigint, holder_id_number text, holder_id_number_bidx text,
                    insured_number bigint, insured_id_number text, insured_id_number_bidx text, product_code text not null,
                    premium numeric(14,2) not null, payment_frequency text not null, annual_premium numeric(14,2) not null,
                    sum_insured numeric(16,2) not null, start_date date not null, end_date date, status text not null,
                    terminated_on date, channel text not null, agent_code text not null, source text not null)
                    on commit drop""").update();
        jdbc.sql("truncate import_raw_policy").update();
    }

    @Override
    public Classification classify(ImportJob job, ImportRequester requester, Map<String, String> headers) {
        long jobId = job.id();
        DataScope scope = requester.scope();
        // one big statement: JIT compilation costs seconds and buys nothing here; hashes and the sort of a million
        // rows stay in memory instead of spilling to disk in batches (both only for this transaction)
        jdbc.sql("set local jit = off").update();
        jdbc.sql("set local work_mem = '" + WORK_MEM + "'").update();
        // freshly copied rows: the planner needs the keys' statistics to choose hash joins over a million rows
        jdbc.sql("analyze import_raw_policy (policy_number, holder_number, product_code, agent_code)").update();
        // a customer is looked up by ID number or as a separate insured only when some row names one that way: each
        // such join hashes the whole customer table
        Map<String, Object> named = jdbc.sql("""
                select coalesce(bool_or(holder_id_number_bidx is not null), false) as by_id,
                       coalesce(bool_or(insured_number is not null), false) as insured_by_number,
                       coalesce(bool_or(insured_id_number_bidx is not null), false) as insured_by_id
                  from import_raw_policy""").query().singleRow();
        String holderById = Boolean.TRUE.equals(named.get("by_id"))
                ? "left join customer ci on " + CustomerMatchSql.byIdNumber("ci", "s.holder_id_number_bidx")
                : "left join (select null::bigint as id) ci on false";
        String insuredByNumber = Boolean.TRUE.equals(named.get("insured_by_number"))
                ? "left join customer ih on ih.id = s.insured_number"
                : "left join (select null::bigint as id) ih on false";
        String insuredById = Boolean.TRUE.equals(named.get("insured_by_id"))
                ? "left join customer ii on " + CustomerMatchSql.byIdNumber("ii", "s.insured_id_number_bidx")
                : "left join (select null::bigint as id) ii on false";
        return jdbc.sql("""
                with r as materialized (
                    select z.*,
                           case when z.policy_id is null then 'CREATE'
                                when (z.p_holder_id, z.p_insured_id, z.p_product_id, z.p_premium, z.p_payment_frequency,
                                      z.p_annual_premium, z.p_sum_insured, z.p_start_date, z.p_end_date, z.p_status,
                                      z.p_terminated_on, z.p_channel, z.p_agent_id, z.p_branch_id)
                                     is distinct from
                                     (z.holder_id, z.insured_id, z.product_id, z.premium, z.payment_frequency,
                                      z.annual_premium, z.sum_insured, z.start_date, z.resolved_end, z.status,
                                      z.terminated_on, z.channel, z.agent_id, z.branch_id) then 'UPDATE'
                                else 'UNCHANGED' end as action
                      from (select y.*,
                                   y.row_number > y.first_row or y.holder_id is null or y.holder_id = -1
                                       or y.insured_id is null or y.insured_id = -1 or y.product_id is null
                                       or y.agent_id is null or y.resolved_end <= y.start_date
                                       or coalesce(y.branch_id <> cast(:branch as bigint), false)
                                       or coalesce(y.p_branch_id <> cast(:branch as bigint), false) as rejected
                              from (select x.*,
                                           case when x.insured_number is null and x.insured_id_number is null then x.holder_id
                                                else x.insured_ref end as insured_id
                                      from (select s.ctid as raw_ctid, s.row_number, s.chunk_no, s.policy_number, s.holder_number,
                                                   s.holder_id_number, s.insured_number, s.insured_id_number,
                                                   s.product_code, s.premium, s.payment_frequency, s.annual_premium,
                                                   s.sum_insured, s.start_date, s.end_date, s.status, s.terminated_on,
                                                   s.channel, s.agent_code,
                                                   coalesce(d.first_row, s.row_number) as first_row,
                                                   case when ch.id is not null and ci.id is not null and ch.id <> ci.id then -1
                                                        else coalesce(ch.id, ci.id) end as holder_id,
                                                   case when ih.id is not null and ii.id is not null and ih.id <> ii.id then -1
                                                        else coalesce(ih.id, ii.id) end as insured_ref,
                                                   pr.id as product_id,
                                                   coalesce(s.end_date, s.start_date + make_interval(months => pr.term_months))::date
                                                       as resolved_end,
                                                   a.id as agent_id, a.branch_id,
                                                   p.id as policy_id, p.branch_id as p_branch_id, p.holder_id as p_holder_id,
                                                   p.insured_id as p_insured_id, p.product_id as p_product_id,
                                                   p.premium as p_premium, p.payment_frequency as p_payment_frequency,
                                                   p.annual_premium as p_annual_premium, p.sum_insured as p_sum_insured,
                                                   p.start_date as p_start_date, p.end_date as p_end_date,
                                                   p.status as p_status, p.terminated_on as p_terminated_on,
                                                   p.channel as p_channel, p.agent_id as p_agent_id
                                              from import_raw_policy s
                                              left join customer ch on ch.id = s.holder_number
                                              %1$s
                                              %2$s
                                              %3$s
                                              left join product pr on pr.code = s.product_code
                                              left join agent a on a.code = s.agent_code and a.active
                                              left join policy p on p.policy_number = s.policy_number
                                              left join (select policy_number, min(row_number) as first_row
                                                           from import_raw_policy
                                                          group by policy_number having count(*) > 1) d
                                                     on d.policy_number = s.policy_number) x) y) z),
                refused as (
                    -- a later row with the key of an earlier one is only that; any other row gets every failed check
                    insert into import_row_error (job_id, row_number, column_name, value, reason_key, reason_arg, source)
                    select :job, r.row_number, c.header, c.value, c.reason, c.arg,
                           (select src.source from import_raw_policy src where src.ctid = r.raw_ctid)
                      from r cross join lateral (values
                           (1, r.row_number > r.first_row, 'import.error.duplicateInFile', :policyHeader,
                            r.policy_number, r.first_row::text),
                           (2, r.row_number = r.first_row and r.holder_id = -1, 'import.error.customerMismatch',
                            :holderHeader, null, null),
                           (3, r.row_number = r.first_row and r.holder_id is null, 'import.error.customerUnknown',
                            :holderHeader, coalesce(r.holder_number::text, r.holder_id_number), null),
                           (4, r.row_number = r.first_row and r.insured_id = -1, 'import.error.customerMismatch',
                            :insuredHeader, null, null),
                           (5, r.row_number = r.first_row and r.insured_id is null
                               and (r.insured_number is not null or r.insured_id_number is not null),
                            'import.error.customerUnknown', :insuredHeader,
                            coalesce(r.insured_number::text, r.insured_id_number), null),
                           (6, r.row_number = r.first_row and r.product_id is null, 'import.error.productUnknown',
                            :productHeader, r.product_code, null),
                           (7, r.row_number = r.first_row and r.agent_id is null, 'import.error.agentUnknown',
                            :agentHeader, r.agent_code, null),
                           (8, r.row_number = r.first_row and r.resolved_end <= r.start_date,
                            'import.error.endBeforeStart', :endHeader, null, null),
                           (9, r.row_number = r.first_row and r.branch_id <> cast(:branch as bigint),
                            'import.error.agentOutOfScope', :agentHeader, r.agent_code, null),
                           (10, r.row_number = r.first_row and r.p_branch_id <> cast(:branch as bigint),
                            'import.error.recordOutOfScope', :policyHeader, r.policy_number, null))
                           as c(n, failed, reason, header, value, arg)
                     where r.rejected and c.failed
                     order by r.row_number, c.n),
                staged as (
                    insert into import_staged_policy (job_id, row_number, chunk_no, policy_number, product_code,
                           premium, payment_frequency, annual_premium, sum_insured, start_date, end_date, status,
                           terminated_on, channel, agent_code, holder_id, insured_id, product_id, agent_id, branch_id,
                           policy_id, action)
                    select :job, r.row_number, r.chunk_no, r.policy_number, r.product_code, r.premium,
                           r.payment_frequency, r.annual_premium, r.sum_insured, r.start_date, r.resolved_end, r.status,
                           r.terminated_on, r.channel, r.agent_code, r.holder_id, r.insured_id, r.product_id, r.agent_id,
                           r.branch_id, r.policy_id, r.action
                      from r
                     where not r.rejected and r.action <> 'UNCHANGED'
                    returning action)
                select (select count(*) from staged where action = 'CREATE') as creates,
                       (select count(*) from staged where action = 'UPDATE') as updates,
                       (select count(*) from r where not r.rejected and r.action = 'UNCHANGED') as unchanged
                """.formatted(holderById, insuredByNumber, insuredById))
                .param("job", jobId)
                .param("branch", scope.kind() == DataScope.Kind.BRANCH ? scope.branchId() : null, java.sql.Types.BIGINT)
                .param("policyHeader", headers.get("policyNumber"), java.sql.Types.VARCHAR)
                .param("holderHeader", headers.getOrDefault("customerNumber", headers.get("idNumber")), java.sql.Types.VARCHAR)
                .param("insuredHeader", headers.getOrDefault("insuredNumber", headers.get("insuredIdNumber")),
                        java.sql.Types.VARCHAR)
                .param("productHeader", headers.get("productCode"), java.sql.Types.VARCHAR)
                .param("agentHeader", headers.get("agentCode"), java.sql.Types.VARCHAR)
                .param("endHeader", headers.get("endDate"), java.sql.Types.VARCHAR)
                .query((rs, n) -> new Classification(rs.getInt("creates"), rs.getInt("updates"), rs.getInt("unchanged")))
                .single();
    }

    // ---- commit ----

    /** The staging table is unlogged (V28): after a crash of the database server it is empty. */
    @Override
    public void checkStaged(ImportJob job) {
        long staged = jdbc.sql("select count(*) from import_staged_policy where job_id = :job").param("job", job.id())
                .query(Long.class).single();
        long expected = (long) job.rowsToCreate() + job.rowsToUpdate();
        if (staged != expected) {
            throw new StagedRowsLost(job.id(), staged, expected);
        }
    }

    /** A policy number occurs once among the staged rows (later rows with it were refused): chunks are disjoint. */
    @Override
    public boolean chunksIndependent() {
        return true;
    }

    @Override
    public ChunkResult commitChunk(long jobId, int chunkNo, Instant now) {
        return jdbc.sql("""
                with applied as (
                    insert into policy as p (policy_number, holder_id, insured_id, product_id, premium, payment_frequency,
                                             annual_premium, sum_insured, start_date, end_date, status, terminated_on,
                                             channel, agent_id, branch_id, created_at)
                    select s.policy_number, s.holder_id, s.insured_id, s.product_id, s.premium, s.payment_frequency,
                           s.annual_premium, s.sum_insured, s.start_date, s.end_date, s.status, s.terminated_on,
                           s.channel, s.agent_id, s.branch_id, :now
                      from import_staged_policy s
                     where s.job_id = :job and s.chunk_no = :chunk and s.action <> 'UNCHANGED'
                     order by s.row_number
                    on conflict (policy_number) do update
                       set holder_id = excluded.holder_id, insured_id = excluded.insured_id,
                           product_id = excluded.product_id, premium = excluded.premium,
                           payment_frequency = excluded.payment_frequency, annual_premium = excluded.annual_premium,
                           sum_insured = excluded.sum_insured, start_date = excluded.start_date,
                           end_date = excluded.end_date, status = excluded.status,
                           terminated_on = excluded.terminated_on, channel = excluded.channel,
                           agent_id = excluded.agent_id, branch_id = excluded.branch_id, version = p.version + 1
                     where %s
                    returning (xmax = 0) as inserted, p.holder_id, p.insured_id)
                select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated,
                       (select array_agg(distinct x order by x) from applied, unnest(array[holder_id, insured_id]) x) as customers
                  from applied""".formatted(DIFFERS.formatted("excluded")))
                .param("job", jobId).param("chunk", chunkNo).param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new ChunkResult(rs.getInt("created"), rs.getInt("updated"),
                        Written.of(rs.getArray("customers"), "policies written (holder or insured)")))
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
