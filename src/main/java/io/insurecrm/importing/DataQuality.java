package io.insurecrm.importing;

import tools.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The data-quality report: completeness per customer field, invalid values (phone, ID number, credit code, birth
 * date), duplicate candidates, orphan rows refused by imports (a policy or interaction of an unknown customer, a
 * claim of an unknown policy) — as a snapshot taken after every committed import run (and on demand), so the
 * report shows a trend over imports.
 */
@Service
public class DataQuality {

    /** Customer fields whose completeness is measured: field → SQL condition of the customers it applies to. */
    static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("phone", "true");
        FIELDS.put("occupation", "kind = 'INDIVIDUAL'");
        FIELDS.put("income_band", "kind = 'INDIVIDUAL'");
        FIELDS.put("marital_status", "kind = 'INDIVIDUAL'");
        FIELDS.put("industry", "kind = 'CORPORATE'");
        FIELDS.put("company_size", "kind = 'CORPORATE'");
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final BigDecimal threshold;

    DataQuality(JdbcClient jdbc, Clock clock, @Value("${crm.dedupe.threshold:0.80}") BigDecimal threshold) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.threshold = threshold;
    }

    public record Snapshot(long id, Long jobId, Instant takenAt, Map<String, Object> figures) {

        /** A figure by dotted path, e.g. completeness.phone or invalid.phone; null when absent. */
        public Object figure(String path) {
            Object current = figures;
            for (String part : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(part);
            }
            return current;
        }
    }

    /** Measures the book now and stores the figures as a snapshot (of the import job, if any). */
    public Snapshot take(Long jobId) {
        StringBuilder completeness = new StringBuilder();
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            completeness.append(completeness.isEmpty() ? "" : ", ").append("'").append(field.getKey()).append("', ")
                    .append("round(count(%1$s) filter (where %2$s)::numeric / greatest(count(*) filter (where %2$s), 1), 4)"
                            .formatted(field.getKey(), field.getValue()));
        }
        String figures = jdbc.sql("""
                select jsonb_build_object(
                    'customers', count(*),
                    'individuals', count(*) filter (where kind = 'INDIVIDUAL'),
                    'corporates', count(*) filter (where kind = 'CORPORATE'),
                    'completeness', jsonb_build_object(%s),
                    'invalid', jsonb_build_object(
                        'phone', count(*) filter (where phone is not null
                                 and phone !~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$'),
                        -- the ID number is encrypted (ADR 0004): its shape is checked on the stored mask
                        -- (18 characters, digits where shown); the full check runs on every write (ChineseIdNumber)
                        'id_number', count(*) filter (where kind = 'INDIVIDUAL'
                                 and coalesce(id_number_masked, '') !~ '^[0-9]{3}[*]{11}[0-9]{3}[0-9X]$'),
                        'credit_code', count(*) filter (where kind = 'CORPORATE' and credit_code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
                        'birth_date', count(*) filter (where kind = 'INDIVIDUAL'
                                 and (birth_date > current_date or birth_date < date '1900-01-01'))),
                    'duplicates', (select jsonb_build_object(
                        'open', count(*) filter (where status = 'OPEN'),
                        'probable', count(*) filter (where status = 'OPEN' and score >= :t),
                        'merged', count(*) filter (where status = 'MERGED'),
                        'dismissed', count(*) filter (where status = 'DISMISSED')) from duplicate_candidate),
                    'orphans', (select jsonb_build_object(
                        'ofThisRun', count(*) filter (where job_id = :job),
                        'allRuns', count(*)) from import_row_error
                        where reason_key in ('import.error.customerUnknown', 'import.error.policyUnknown')),
                    'policies', (select count(*) from policy),
                    'claims', (select count(*) from claim),
                    'interactions', (select count(*) from interaction))::text
                  from customer""".formatted(completeness))
                .param("t", threshold).param("job", jobId).query(String.class).single();
        long id = jdbc.sql("insert into data_quality_snapshot (job_id, taken_at, figures) values (:job, :at, cast(:f as jsonb)) returning id")
                .param("job", jobId).param("at", java.sql.Timestamp.from(clock.instant())).param("f", figures)
                .query(Long.class).single();
        return snapshot(id);
    }

    public java.util.Optional<Snapshot> latest() {
        return jdbc.sql("select id from data_quality_snapshot order by taken_at desc, id desc limit 1").query(Long.class)
                .optional().map(this::snapshot);
    }

    /** The latest snapshots, oldest first (the trend). */
    public List<Snapshot> trend(int limit) {
        List<Snapshot> snapshots = new ArrayList<>(jdbc.sql("""
                select id, job_id, taken_at, figures::text as figures from data_quality_snapshot
                 order by taken_at desc, id desc limit :limit""")
                .param("limit", Math.max(1, Math.min(limit, 500))).query((rs, n) -> snapshot(rs)).list());
        java.util.Collections.reverse(snapshots);
        return snapshots;
    }

    private Snapshot snapshot(long id) {
        return jdbc.sql("select id, job_id, taken_at, figures::text as figures from data_quality_snapshot where id = :id")
                .param("id", id).query((rs, n) -> snapshot(rs)).single();
    }

    @SuppressWarnings("unchecked")
    private Snapshot snapshot(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> figures = json.readValue(rs.getString("figures"), LinkedHashMap.class);
        return new Snapshot(rs.getLong("id"), (Long) rs.getObject("job_id", Long.class),
                rs.getTimestamp("taken_at").toInstant(), figures);
    }
}
