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
        CopyBuffer staged = new CopyBuffer(dataSource, "import_staged_policy", STAGED_COLUMNS, 5000);
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
                    CopyBuffer.jsonArray(row.cells()));
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

    @Override
    public Classification classify(ImportJob job, ImportRequester requester, Map<String, String> headers) {
        long jobId = job.id();
        DataScope scope = requester.scope();
        staging.analyze();
        staging.duplicatesInFile(jobId, headers.get("policyNumber"), "policy_number");
        staging.dropRejected(jobId);
        // one pass resolves every reference and classifies the row (a pass over a million staged rows costs
        // seconds: six separate updates cost six times as much)
        jdbc.sql("""
                update import_staged_policy s
                   set holder_id = r.holder_id, insured_id = r.insured_id, product_id = r.product_id,
                       end_date = r.end_date, agent_id = r.agent_id, branch_id = r.branch_id, policy_id = r.policy_id,
                       action = case when r.policy_id is null then 'CREATE'
                                     when (r.p_holder_id, r.p_insured_id, r.p_product_id, r.p_premium, r.p_payment_frequency,
                                           r.p_annual_premium, r.p_sum_insured, r.p_start_date, r.p_end_date, r.p_status,
                                           r.p_terminated_on, r.p_channel, r.p_agent_id, r.p_branch_id)
                                          is distinct from
                                          (r.holder_id, r.insured_id, r.product_id, s.premium, s.payment_frequency,
                                           s.annual_premium, s.sum_insured, s.start_date, r.end_date, s.status,
                                           s.terminated_on, s.channel, r.agent_id, r.branch_id) then 'UPDATE'
                                     else 'UNCHANGED' end
                  from (select x.row_number, x.holder_id,
                               case when x.insured_number is null and x.insured_id_number is null then x.holder_id
                                    else x.insured_id end as insured_id,
                               x.product_id, x.end_date, x.agent_id, x.branch_id, x.policy_id,
                               x.p_holder_id, x.p_insured_id, x.p_product_id, x.p_premium, x.p_payment_frequency,
                               x.p_annual_premium, x.p_sum_insured, x.p_start_date, x.p_end_date, x.p_status,
                               x.p_terminated_on, x.p_channel, x.p_agent_id, x.p_branch_id
                          from (select s2.row_number, s2.insured_number, s2.insured_id_number,
                                       case when ch.id is not null and ci.id is not null and ch.id <> ci.id then -1
                                            else coalesce(ch.id, ci.id) end as holder_id,
                                       case when ih.id is not null and ii.id is not null and ih.id <> ii.id then -1
                                            else coalesce(ih.id, ii.id) end as insured_id,
                                       pr.id as product_id,
                                       coalesce(s2.end_date, s2.start_date + make_interval(months => pr.term_months)) as end_date,
                                       a.id as agent_id, a.branch_id, p.id as policy_id,
                                       p.holder_id as p_holder_id, p.insured_id as p_insured_id, p.product_id as p_product_id,
                                       p.premium as p_premium, p.payment_frequency as p_payment_frequency,
                                       p.annual_premium as p_annual_premium, p.sum_insured as p_sum_insured,
                                       p.start_date as p_start_date, p.end_date as p_end_date, p.status as p_status,
                                       p.terminated_on as p_terminated_on, p.channel as p_channel,
                                       p.agent_id as p_agent_id, p.branch_id as p_branch_id
                                  from import_staged_policy s2
                                  left join customer ch on ch.id = s2.holder_number
                                  left join customer ci on %1$s
                                  left join customer ih on ih.id = s2.insured_number
                                  left join customer ii on %2$s
                                  left join product pr on pr.code = s2.product_code
                                  left join agent a on a.code = s2.agent_code and a.active
                                  left join policy p on p.policy_number = s2.policy_number
                                 where s2.job_id = :job) x) r
                 where s.job_id = :job and s.row_number = r.row_number""".formatted(
                        CustomerMatchSql.byIdNumber("ci", "s2.holder_id_number_bidx"),
                        CustomerMatchSql.byIdNumber("ii", "s2.insured_id_number_bidx")))
                .param("job", jobId).update();
        String holderHeader = headers.getOrDefault("customerNumber", headers.get("idNumber"));
        String holderValue = "coalesce(s.holder_number::text, s.holder_id_number)";
        staging.rowError(jobId, holderHeader, "null", "import.error.customerMismatch", "null", "s.holder_id = -1");
        staging.rowError(jobId, holderHeader, holderValue, "import.error.customerUnknown", "null", "s.holder_id is null");
        String insuredHeader = headers.getOrDefault("insuredNumber", headers.get("insuredIdNumber"));
        staging.rowError(jobId, insuredHeader, "null", "import.error.customerMismatch", "null", "s.insured_id = -1");
        staging.rowError(jobId, insuredHeader, "coalesce(s.insured_number::text, s.insured_id_number)",
                "import.error.customerUnknown", "null",
                "s.insured_id is null and (s.insured_number is not null or s.insured_id_number is not null)");
        staging.rowError(jobId, headers.get("productCode"), "product_code", "import.error.productUnknown", "null",
                "s.product_id is null");
        staging.rowError(jobId, headers.get("agentCode"), "agent_code", "import.error.agentUnknown", "null",
                "s.agent_id is null");
        staging.rowError(jobId, headers.get("endDate"), "null", "import.error.endBeforeStart", "null",
                "s.end_date <= s.start_date");
        if (scope.kind() == DataScope.Kind.BRANCH) {
            staging.rowError(jobId, headers.get("agentCode"), "agent_code", "import.error.agentOutOfScope", "null",
                    "s.branch_id <> " + scope.branchId());
            staging.rowError(jobId, headers.get("policyNumber"), "policy_number", "import.error.recordOutOfScope", "null",
                    "exists (select 1 from policy p where p.id = s.policy_id and p.branch_id <> " + scope.branchId() + ")");
        }
        staging.dropRejected(jobId);
        return staging.counts(jobId);
    }

    // ---- commit ----

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
                     where s.job_id = :job and s.chunk_no = :chunk
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
                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated
                  from applied""".formatted(DIFFERS.formatted("excluded")))
                .param("job", jobId).param("chunk", chunkNo).param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new ChunkResult(rs.getInt("created"), rs.getInt("updated")))
                .single();
    }

    @Override
    public void finish(long jobId, Instant now) {
        // nothing links rows of different chunks
    }

    @Override
    public int discard(long jobId) {
        return staging.discard(jobId);
    }
}
