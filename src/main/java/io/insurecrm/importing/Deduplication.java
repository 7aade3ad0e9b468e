package io.insurecrm.importing;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Duplicate customers: configurable match rules find candidate pairs set-based over the whole book (blocking keys:
 * ID number body, phone + name, name + birth date, pinyin key + birth date; pairs only within a block), score them
 * (the best match rule plus the evidence rules that hold) and keep the pairs at or above the threshold as candidates
 * with their reasons. The customer import runs the same detection for the customers of the job.
 */
@Service
public class Deduplication {

    private static final Logger log = LoggerFactory.getLogger(Deduplication.class);

    /** Blocks larger than this are skipped (a phone shared by a whole call centre is no evidence). */
    static final int MAX_BLOCK = 20;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final BigDecimal threshold;

    Deduplication(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                  @Value("${crm.dedupe.threshold:0.80}") BigDecimal threshold) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.threshold = threshold;
    }

    public record Rule(String code, String kind, boolean enabled, BigDecimal weight) {
    }

    public record RunResult(int namesKeyed, int pairsScored, int candidates, int newCandidates, long millis) {
    }

    public record Candidate(long id, long customerA, String nameA, String birthA, String phoneA, String cityA,
                            long customerB, String nameB, String birthB, String phoneB, String cityB,
                            BigDecimal score, List<String> reasons, String status, String foundBy, Instant foundAt) {
    }

    public BigDecimal threshold() {
        return threshold;
    }

    public List<Rule> rules() {
        return jdbc.sql("select code, kind, enabled, weight from dedupe_rule order by kind desc, weight desc, code")
                .query((rs, n) -> new Rule(rs.getString("code"), rs.getString("kind"), rs.getBoolean("enabled"),
                        rs.getBigDecimal("weight")))
                .list();
    }

    /** Changes a rule's weight or switches it on or off. */
    public Rule saveRule(String code, boolean enabled, BigDecimal weight) {
        if (weight == null || weight.signum() < 0 || weight.compareTo(BigDecimal.ONE) > 0) {
            throw new FieldRuleViolation("weight", "dedupe.rule.weight", weight);
        }
        int updated = jdbc.sql("update dedupe_rule set enabled = :enabled, weight = :weight, updated_at = :now where code = :code")
                .param("enabled", enabled).param("weight", weight).param("now", java.sql.Timestamp.from(clock.instant()))
                .param("code", code).update();
        if (updated == 0) {
            throw new FieldRuleViolation("code", "dedupe.rule.unknown", code);
        }
        return rules().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    /** The whole book: refreshes name keys, finds and scores pairs, stores the candidates. */
    public RunResult runBatch() {
        return run(null, "BATCH");
    }

    /** Only pairs with at least one customer of the import job (run when the job is committed). */
    RunResult runForImport(long jobId, String customerIdsSql) {
        return run(customerIdsSql, "IMPORT", jobId);
    }

    private RunResult run(String focusSql, String foundBy) {
        return run(focusSql, foundBy, null);
    }

    private RunResult run(String focusSql, String foundBy, Long jobId) {
        long start = System.nanoTime();
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (Rule rule : rules()) {
            weights.put(rule.code(), rule.enabled() ? rule.weight() : null);
        }
        int keyed = refreshNameKeys();
        int[] counts = transaction.execute(status -> detect(focusSql, foundBy, jobId, weights));
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("Duplicate detection ({}): {} names keyed, {} pairs scored, {} candidates ({} new) in {} ms",
                foundBy, keyed, counts[0], counts[1], counts[2], millis);
        return new RunResult(keyed, counts[0], counts[1], counts[2], millis);
    }

    /** Computes the pinyin key of every individual whose name is new or changed since the last run. */
    int refreshNameKeys() {
        return transaction.execute(status -> {
            jdbc.sql("drop table if exists dd_new_key").update();
            jdbc.sql("create temp table dd_new_key (customer_id bigint, name text, pinyin_key text) on commit drop").update();
            StringBuilder text = new StringBuilder(1 << 20);
            int rows = 0;
            long last = 0;
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                // pages by id: the heap holds one page, and the connection is free for COPY between pages
                while (true) {
                    record Name(long id, String name) {
                    }
                    List<Name> page = jdbc.sql("""
                            select c.id, c.name from customer c left join dedupe_name_key k on k.customer_id = c.id
                             where c.kind = 'INDIVIDUAL' and c.id > :last and k.name is distinct from c.name
                             order by c.id limit 20000""")
                            .param("last", last).query((rs, n) -> new Name(rs.getLong(1), rs.getString(2))).list();
                    if (page.isEmpty()) {
                        break;
                    }
                    for (Name name : page) {
                        text.append(name.id()).append(',').append(csv(name.name())).append(',')
                                .append(csv(PinyinKeys.key(name.name()))).append('\n');
                    }
                    copy(connection, text);
                    rows += page.size();
                    last = page.get(page.size() - 1).id();
                }
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            jdbc.sql("""
                    insert into dedupe_name_key (customer_id, name, pinyin_key)
                    select customer_id, name, pinyin_key from dd_new_key
                    on conflict (customer_id) do update set name = excluded.name, pinyin_key = excluded.pinyin_key""")
                    .update();
            return rows;
        });
    }

    private static String csv(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void copy(Connection connection, StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy dd_new_key (customer_id, name, pinyin_key) from stdin (format csv)", new StringReader(text.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("COPY of name keys failed: " + e.getMessage(), e);
        }
        text.setLength(0);
    }

    /** The set-based detection inside one transaction: returns pairs scored, candidates kept, candidates new. */
    private int[] detect(String focusSql, String foundBy, Long jobId, Map<String, BigDecimal> w) {
        jdbc.sql("drop table if exists dd_person, dd_pair, dd_scored").update();
        jdbc.sql("""
                create temp table dd_person on commit drop as
                select c.id, %s as id_body, c.name, k.pinyin_key, c.birth_date, c.phone, c.city, c.region_code, c.gender,
                       c.agent_id
                  from customer c join dedupe_name_key k on k.customer_id = c.id
                 where c.kind = 'INDIVIDUAL'
                   and not exists (select 1 from customer_merge m where m.merged_id = c.id and m.unmerged_at is null)"""
                        .formatted(CustomerMatchSql.idNumberKey("c")))
                .update();
        jdbc.sql("analyze dd_person").update();
        String focus = focusSql == null ? "true" : "a.id in (" + focusSql + ")";
        StringBuilder blocks = new StringBuilder();
        addBlock(blocks, w.get("SAME_ID_NUMBER"), "SAME_ID_NUMBER", List.of("id_body"), focus);
        addBlock(blocks, w.get("SAME_PHONE_AND_NAME"), "SAME_PHONE_AND_NAME", List.of("phone", "name"), focus);
        addBlock(blocks, w.get("SAME_NAME_AND_BIRTH"), "SAME_NAME_AND_BIRTH", List.of("name", "birth_date"), focus);
        addBlock(blocks, w.get("SIMILAR_NAME_AND_BIRTH"), "SIMILAR_NAME_AND_BIRTH", List.of("pinyin_key", "birth_date"), focus);
        if (blocks.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        jdbc.sql("create temp table dd_pair on commit drop as " + blocks).update();
        String evidence = """
                  case when %1$s is not null and a.city = b.city then %1$s else 0 end
                + case when %2$s is not null and a.region_code = b.region_code then %2$s else 0 end
                + case when %3$s is not null and a.gender = b.gender then %3$s else 0 end
                + case when %4$s is not null and a.phone = b.phone then %4$s else 0 end
                + case when %5$s is not null and a.agent_id = b.agent_id then %5$s else 0 end""".formatted(
                sqlNumber(w.get("SAME_CITY")), sqlNumber(w.get("SAME_REGION")), sqlNumber(w.get("SAME_GENDER")),
                sqlNumber(w.get("SAME_PHONE")), sqlNumber(w.get("SAME_AGENT")));
        String evidenceReasons = """
                array_remove(array[case when %s is not null and a.city = b.city then 'SAME_CITY' end,
                                   case when %s is not null and a.region_code = b.region_code then 'SAME_REGION' end,
                                   case when %s is not null and a.gender = b.gender then 'SAME_GENDER' end,
                                   case when %s is not null and a.phone = b.phone then 'SAME_PHONE' end,
                                   case when %s is not null and a.agent_id = b.agent_id then 'SAME_AGENT' end], null)"""
                .formatted(sqlNumber(w.get("SAME_CITY")), sqlNumber(w.get("SAME_REGION")), sqlNumber(w.get("SAME_GENDER")),
                        sqlNumber(w.get("SAME_PHONE")), sqlNumber(w.get("SAME_AGENT")));
        jdbc.sql("""
                create temp table dd_scored on commit drop as
                select p.lo, p.hi, least(1, p.base + %s)::numeric(4,3) as score, p.rules || %s as reasons
                  from (select lo, hi, max(weight) as base, array_agg(rule order by weight desc, rule) as rules
                          from dd_pair group by lo, hi) p
                  join dd_person a on a.id = p.lo
                  join dd_person b on b.id = p.hi""".formatted(evidence, evidenceReasons))
                .update();
        int scored = jdbc.sql("select count(*) from dd_scored").query(Integer.class).single();
        int kept = jdbc.sql("select count(*) from dd_scored where score >= :t").param("t", threshold)
                .query(Integer.class).single();
        int fresh = jdbc.sql("""
                with upserted as (
                    insert into duplicate_candidate as d (customer_a, customer_b, score, reasons, found_by, job_id, found_at)
                    select lo, hi, score, reasons, :foundBy, :job, :now from dd_scored where score >= :t
                    on conflict on constraint duplicate_candidate_pair do update
                       set score = excluded.score, reasons = excluded.reasons
                     where d.status = 'OPEN' and (d.score, d.reasons) is distinct from (excluded.score, excluded.reasons)
                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) from upserted""")
                .param("foundBy", foundBy).param("job", jobId).param("now", java.sql.Timestamp.from(clock.instant()))
                .param("t", threshold).query(Integer.class).single();
        return new int[] {scored, kept, fresh};
    }

    private static String sqlNumber(BigDecimal weight) {
        return weight == null ? "null::numeric" : weight.toPlainString();
    }

    /** Pairs of one blocking key: members of blocks of 2..MAX_BLOCK, every pair once (lo < hi). */
    private static void addBlock(StringBuilder sql, BigDecimal weight, String rule, List<String> keys, String focus) {
        if (weight == null) {
            return;
        }
        String notNull = String.join(" and ", keys.stream().map(k -> "a." + k + " is not null").toList());
        String join = String.join(" and ", keys.stream().map(k -> "b." + k + " = a." + k).toList());
        String partition = String.join(", ", keys);
        if (!sql.isEmpty()) {
            sql.append(" union all ");
        }
        sql.append("""
                select least(a.id, b.id) as lo, greatest(a.id, b.id) as hi, '%1$s'::text as rule, %2$s::numeric as weight
                  from (select p.*, count(*) over (partition by %3$s) as block from dd_person p
                         where %4$s) a
                  join dd_person b on %5$s and b.id <> a.id
                 where a.block between 2 and %6$d and %7$s and %8$s"""
                .formatted(rule, weight.toPlainString(), partition, notNull.replace("a.", "p."), join, MAX_BLOCK, focus,
                        focus.equals("true") ? "a.id < b.id" : "true"));
    }

    // ---- candidates ----

    public Paged<Candidate> candidates(String status, int page, int size) {
        int bounded = Paged.boundedSize(size);
        int current = Math.max(0, page);
        String wanted = status == null || status.isBlank() ? "OPEN" : status;
        long total = jdbc.sql("select count(*) from duplicate_candidate where status = :s").param("s", wanted)
                .query(Long.class).single();
        List<Candidate> rows = jdbc.sql(CANDIDATE_SELECT + " where d.status = :s order by d.score desc, d.id limit :limit offset :offset")
                .param("s", wanted).param("limit", bounded).param("offset", (long) current * bounded)
                .query((rs, n) -> candidate(rs)).list();
        return new Paged<>(rows, current, bounded, total);
    }

    public java.util.Optional<Candidate> candidate(long id) {
        return jdbc.sql(CANDIDATE_SELECT + " where d.id = :id").param("id", id).query((rs, n) -> candidate(rs)).optional();
    }

    /** Every candidate of the status, best first, for the CSV export. */
    public void forEachCandidate(String status, java.util.function.Consumer<Candidate> consumer) {
        jdbc.sql(CANDIDATE_SELECT + " where d.status = :s order by d.score desc, d.id")
                .param("s", status == null || status.isBlank() ? "OPEN" : status)
                .query(rs -> {
                    consumer.accept(candidate(rs));
                });
    }

    public Candidate dismiss(long id, String actor) {
        int updated = jdbc.sql("""
                update duplicate_candidate set status = 'DISMISSED', decided_by = :actor, decided_at = :now
                 where id = :id and status = 'OPEN'""")
                .param("id", id).param("actor", actor).param("now", java.sql.Timestamp.from(clock.instant())).update();
        Candidate candidate = candidate(id)
                .orElseThrow(() -> io.insurecrm.platform.web.NotFoundException.of("dedupe.candidate.notFound", id));
        if (updated == 0) {
            throw new io.insurecrm.platform.web.IllegalStateTransitionException("Duplicate candidate " + id,
                    CandidateStatus.valueOf(candidate.status()), CandidateStatus.DISMISSED);
        }
        return candidate;
    }

    private static final String CANDIDATE_SELECT = """
            select d.id, d.customer_a, a.name as name_a, a.birth_date as birth_a, a.phone as phone_a, a.city as city_a,
                   d.customer_b, b.name as name_b, b.birth_date as birth_b, b.phone as phone_b, b.city as city_b,
                   d.score, d.reasons, d.status, d.found_by, d.found_at
              from duplicate_candidate d join customer a on a.id = d.customer_a join customer b on b.id = d.customer_b""";

    private static Candidate candidate(java.sql.ResultSet rs) throws SQLException {
        return new Candidate(rs.getLong("id"), rs.getLong("customer_a"), rs.getString("name_a"), rs.getString("birth_a"),
                rs.getString("phone_a"), rs.getString("city_a"), rs.getLong("customer_b"), rs.getString("name_b"),
                rs.getString("birth_b"), rs.getString("phone_b"), rs.getString("city_b"), rs.getBigDecimal("score"),
                List.of((String[]) rs.getArray("reasons").getArray()), rs.getString("status"), rs.getString("found_by"),
                rs.getTimestamp("found_at").toInstant());
    }
}
