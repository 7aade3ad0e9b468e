package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Scoring the whole book for every line, fast: the customer ids are cut into ranges, and several connections in
 * parallel each read, per range, one row per analysable customer with his raw attributes and the per-customer
 * aggregates (lines held as a bit mask, lapsed, household), computed once per range; the features and the logits of
 * every line are computed in Java (a model is an intercept plus one folded weight per feature the customer has), and
 * the scores are COPYed into a table of the run's own, {@code crosssell_score_r<run>}. When every range is in, one
 * short transaction attaches that table as the run's partition of {@code crosssell_score} and records the run in
 * {@code crosssell_score_run}: readers see the previous run until then and never half a run; a failed run drops its
 * table and leaves the previous scores as they were. Previous runs' partitions are dropped afterwards.
 *
 * <p>Inside a caller's transaction (tests) the same ranges are processed one after the other on that transaction's
 * connection, so the caller's uncommitted rows are seen, and nothing is committed.
 */
final class BookScoring {

    /** Customer ids per range: a range is one query and one COPY. */
    static final long RANGE_IDS = 50_000;

    private final DataSource dataSource;
    private final Clock clock;
    private final int workers;

    BookScoring(DataSource dataSource, Clock clock, int workers) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.workers = Math.max(1, workers);
    }

    /**
     * One row per analysable customer with an id from the first ? up to the second: id, age in years on the day, gender, marital status,
     * income band, current LIFE_STAGE segment, lines held (bit i = an ACTIVE policy of BookFeatures.LINES[i] as
     * holder or insured), a policy ever lapsed; the household comes from {@link #FAMILY}.
     * Same meaning as {@link BookFeatures#query}, aggregated once per customer.
     */
    static String rangeQuery() {
        StringBuilder bits = new StringBuilder("case pr.line");
        for (int i = 0; i < BookFeatures.LINES.size(); i++) {
            bits.append(" when '").append(BookFeatures.LINES.get(i).name()).append("' then ").append(1 << i);
        }
        bits.append(" else 0 end");
        return """
                with k as (
                         select customer_id from (
                             select distinct on (customer_id) customer_id, granted from consent
                              where purpose = 'ANALYTICS' and customer_id >= ? and customer_id < ?
                              order by customer_id, recorded_at desc, id desc) latest
                          where granted),
                     h as (
                         select x.customer_id, bit_or(case when x.status = 'ACTIVE' then p.bit else 0 end) as holds,
                                bool_or(x.status = 'LAPSED') as lapsed
                           from (select holder_id as customer_id, product_id, status from policy
                                  where holder_id >= ? and holder_id < ?
                                 union all
                                 select insured_id, product_id, status from policy
                                  where insured_id <> holder_id and insured_id >= ? and insured_id < ?) x
                           join (select pr.id, %s as bit from product pr) p on p.id = x.product_id
                          group by x.customer_id)
                select c.id, extract(year from age(cast(? as date), c.birth_date))::int as age, c.gender, c.marital_status,
                       c.income_band, sp.segment, coalesce(h.holds, 0) as holds, coalesce(h.lapsed, false) as lapsed
                  from customer c
                  join k on k.customer_id = c.id
                  left join h on h.customer_id = c.id
                  left join (select customer_id, segment from segment_placement
                              where dimension = 'LIFE_STAGE' and valid_to is null and customer_id >= ? and customer_id < ?) sp
                         on sp.customer_id = c.id
                 where c.kind = 'INDIVIDUAL' and c.id >= ? and c.id < ?
                """.formatted(bits);
    }

    /**
     * The household of the family heads and spouses with an id from the first ? up to the second (1 spouse, 2 child, 4 parent), as in
     * {@link BookFeatures#query}; a query of its own so that each member's household is found through its index.
     */
    static final String FAMILY = """
            select me.customer_id,
                   max(case when o.relationship = 'SPOUSE' or (me.relationship = 'SPOUSE' and o.relationship = 'SELF') then 1 else 0 end)
                   | max(case when o.relationship = 'CHILD' then 2 else 0 end)
                   | max(case when o.relationship = 'PARENT' then 4 else 0 end) as family
              from household_member me
              join household_member o on o.household_id = me.household_id and o.customer_id <> me.customer_id
             where me.relationship in ('SELF', 'SPOUSE') and me.customer_id >= ? and me.customer_id < ?
             group by me.customer_id""";

    /** The 0/1 features of {@link BookFeatures#ALL} of one row of {@link #rangeQuery()}, as the positions set to 1. */
    static int features(Integer age, String gender, String marital, String income, String stage, int holds,
                        boolean lapsed, int family, int[] out) {
        int n = 0;
        if (age != null) {
            out[n++] = age < 25 ? AGE : age <= 34 ? AGE + 1 : age <= 44 ? AGE + 2 : age <= 54 ? AGE + 3 : age <= 64 ? AGE + 4 : AGE + 5;
        }
        if ("MALE".equals(gender)) {
            out[n++] = MALE;
        }
        n = oneOf(MARITAL, marital, out, n);
        n = oneOf(INCOME, income, out, n);
        for (int b = 0; b < 3; b++) {
            if ((family & (1 << b)) != 0) {
                out[n++] = HOUSEHOLD + b;
            }
        }
        n = oneOf(STAGE, stage, out, n);
        for (int i = 0; i < BookFeatures.LINES.size(); i++) {
            if ((holds & (1 << i)) != 0) {
                out[n++] = HOLDS + i;
            }
        }
        if (lapsed) {
            out[n++] = LAPSED;
        }
        return n;
    }

    private static final List<String> NAMES = BookFeatures.names();
    private static final int AGE = NAMES.indexOf("age.lt25");
    private static final int MALE = NAMES.indexOf("gender.male");
    private static final String MARITAL = "marital.";
    private static final String INCOME = "income.";
    private static final String STAGE = "stage.";
    private static final int HOUSEHOLD = NAMES.indexOf("household.spouse");
    private static final int HOLDS = NAMES.indexOf(BookFeatures.holds(BookFeatures.LINES.get(0)));
    private static final int LAPSED = NAMES.indexOf("lapsed");

    private static int oneOf(String group, String value, int[] out, int n) {
        if (value != null) {
            int j = NAMES.indexOf(group + value);
            if (j >= 0) {
                out[n++] = j;
            }
        }
        return n;
    }

    // A line's model folded for 0/1 features: logit = intercept + the sum of weight[j] over the features set.
    record Folded(double intercept, double[] weight) {

        static Folded of(LineModel model) {
            int[] positions = model.positions();
            double[] folded = new double[BookFeatures.ALL.size()];
            double intercept = model.weights()[0];
            for (int j = 0; j < positions.length; j++) {
                double w = model.weights()[j + 1] / model.sds()[j];
                intercept -= w * model.means()[j];
                folded[positions[j]] = w;
            }
            return new Folded(intercept, folded);
        }

        float score(int[] set, int n) {
            double z = intercept;
            for (int k = 0; k < n; k++) {
                z += weight[set[k]];
            }
            return (float) LogisticRegression.sigmoid(Math.max(-40, Math.min(40, z)));
        }
    }

    /** Scores the book with the models (lines in BookFeatures order) and switches to the new run. @return the run id */
    long score(Map<ProductLine, LineModel> models, int version) {
        long start = System.nanoTime();
        List<ProductLine> lines = BookFeatures.LINES.stream().filter(models::containsKey).toList();
        List<Folded> folded = lines.stream().map(line -> Folded.of(models.get(line))).toList();
        int[] bookBits = lines.stream().mapToInt(line -> 1 << BookFeatures.LINES.indexOf(line)).toArray();
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        Connection control = DataSourceUtils.getConnection(dataSource);
        String table;
        long runId;
        try {
            runId = single(control, "select nextval(pg_get_serial_sequence('crosssell_score_run', 'id'))");
            table = "crosssell_score_r" + runId;
            if (!inTransaction) {
                dropLeftovers(control);
            }
            execute(control, "create table " + table + " (customer_id bigint not null, run_id bigint not null check (run_id = "
                    + runId + "), scores real[] not null, holds integer not null)");
            long lo = single(control, "select coalesce(min(id), 0) from customer");
            long hi = single(control, "select coalesce(max(id), -1) + 1 from customer");
            List<long[]> ranges = new ArrayList<>();
            for (long from = lo; from < hi; from += RANGE_IDS) {
                ranges.add(new long[] {from, Math.min(hi, from + RANGE_IDS)});
            }
            AtomicLong customers = new AtomicLong();
            LocalDate today = LocalDate.now(clock);
            try {
                if (inTransaction || workers == 1) {
                    for (long[] range : ranges) {
                        customers.addAndGet(range(control, table, runId, range, today, folded, bookBits, !inTransaction));
                    }
                } else {
                    parallel(ranges, table, runId, today, folded, bookBits, customers);
                }
                execute(control, "alter table " + table + " add primary key (customer_id)");
                if (!inTransaction) {
                    control.setAutoCommit(false);
                }
                execute(control, "alter table crosssell_score attach partition " + table + " for values in (" + runId + ")");
                try (PreparedStatement ps = control.prepareStatement("""
                        insert into crosssell_score_run (id, model_version, lines, scored_at, customers, took_ms)
                        values (?, ?, ?, ?, ?, ?)""")) {
                    ps.setLong(1, runId);
                    ps.setInt(2, version);
                    ps.setArray(3, control.createArrayOf("text", lines.stream().map(Enum::name).toArray()));
                    ps.setTimestamp(4, Timestamp.from(clock.instant()));
                    ps.setLong(5, customers.get());
                    ps.setLong(6, (System.nanoTime() - start) / 1_000_000);
                    ps.executeUpdate();
                }
                if (!inTransaction) {
                    control.commit();
                    control.setAutoCommit(true);
                }
            } catch (SQLException | RuntimeException e) {
                if (!inTransaction) {
                    control.rollback();
                    control.setAutoCommit(true);
                    execute(control, "drop table if exists " + table);
                }
                throw e;
            }
            // the previous runs' scores are no longer read: their partitions go
            for (String old : strings(control, """
                    select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                     where i.inhparent = 'crosssell_score'::regclass and c.relname <> '""" + table + "'")) {
                execute(control, "drop table " + old);
            }
            return runId;
        } catch (SQLException e) {
            throw new IllegalStateException("scoring the book failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(control, dataSource);
        }
    }

    private void parallel(List<long[]> ranges, String table, long runId, LocalDate today, List<Folded> folded,
                          int[] bookBits, AtomicLong customers) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, ranges.size()), r -> {
            Thread t = new Thread(r, "crosssell-scoring");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (long[] range : ranges) {
                done.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return range(c, table, runId, range, today, folded, bookBits, true);
                    }
                }));
            }
            for (Future<Long> f : done) {
                customers.addAndGet(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("scoring failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Scores one id range on the connection and COPYs it into the run's table; commits it when {@code own}. */
    private static long range(Connection c, String table, long runId, long[] range, LocalDate today,
                              List<Folded> folded, int[] bookBits, boolean own) throws SQLException {
        if (own) {
            c.setAutoCommit(false);
        }
        StringBuilder text = new StringBuilder(1 << 20);
        long rows = 0;
        int[] set = new int[BookFeatures.ALL.size()];
        try {
            try (Statement s = c.createStatement()) {
                s.execute("set local work_mem = '" + PropensityModels.WORK_MEM + "'");
            }
            Map<Long, Integer> families = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(FAMILY)) {
                ps.setLong(1, range[0]);
                ps.setLong(2, range[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        families.put(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                // the rest is range against range: merge and hash joins; a nested loop chosen on a low estimate (a
                // table not analysed yet) would cost minutes; and the ranges are the parallelism (no workers of its own)
                s.execute("set local enable_nestloop = off");
                s.execute("set local max_parallel_workers_per_gather = 0");
            }
            try (PreparedStatement ps = c.prepareStatement(rangeQuery())) {
                for (int p = 0; p < 3; p++) {
                    ps.setLong(2 * p + 1, range[0]);
                    ps.setLong(2 * p + 2, range[1]);
                }
                ps.setObject(7, today);
                for (int p = 0; p < 2; p++) {
                    ps.setLong(8 + 2 * p, range[0]);
                    ps.setLong(9 + 2 * p, range[1]);
                }
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int holds = rs.getInt(7);
                        long id = rs.getLong(1);
                        int n = features((Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), holds, rs.getBoolean(8), families.getOrDefault(id, 0), set);
                        text.append(id).append('\t').append(runId).append("\t{");
                        int mask = 0;
                        for (int i = 0; i < folded.size(); i++) {
                            text.append(i == 0 ? "" : ",").append(folded.get(i).score(set, n));
                            if ((holds & bookBits[i]) != 0) {
                                mask |= 1 << i;   // the mask follows crosssell_score_run.lines
                            }
                        }
                        text.append("}\t").append(mask).append('\n');
                        rows++;
                    }
                }
            }
            if (rows > 0) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn("copy " + table + " (customer_id, run_id, scores, holds) from stdin", new StringReader(text.toString()));
            }
            if (own) {
                c.commit();
            }
            return rows;
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            if (own) {
                if (!c.getAutoCommit()) {
                    c.rollback();   // no-op after commit
                }
                c.setAutoCommit(true);
            }
        }
    }

    /** Tables of runs that failed or were cut short (never attached). */
    private static void dropLeftovers(Connection c) throws SQLException {
        for (String table : strings(c, """
                select relname from pg_class
                 where relkind = 'r' and relname ~ '^crosssell_score_r[0-9]+$' and not relispartition
                   and relnamespace = current_schema()::regnamespace""")) {
            execute(c, "drop table " + table);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
