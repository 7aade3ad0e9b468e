package io.insurecrm.coil;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import io.insurecrm.platform.security.CurrentStaff;
import org.postgresql.PGConnection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the CoIL 2000 files and sums the book up. A load COPYs both files into a temporary table, then upserts
 * customers and holdings with set-based SQL that writes only what differs: loading the same files again changes
 * nothing. Each load is one transaction.
 */
@Service
public class CoilBook {

    public static final String CITATION = "P. van der Putten and M. van Someren (eds), CoIL Challenge 2000: "
            + "The Insurance Company Case, Sentient Machine Research / Leiden LIACS technical report 2000-09; "
            + "UCI Machine Learning Repository, \"Insurance Company Benchmark (COIL 2000)\". Research and evaluation use only.";
    static final String TRAIN_FILE = "ticdata2000.txt";
    static final String EVAL_FILE = "ticeval2000.txt";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final CoilSettings settings;
    private final ApplicationEventPublisher events;

    CoilBook(JdbcClient jdbc, DataSource dataSource, CoilSettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** What a load read and changed. */
    public record LoadResult(int trainRows, int evalRows, int customersWritten, int holdingsWritten, int holdingsRemoved) {
    }

    /** Loads both files from the configured folder. */
    @Transactional
    public LoadResult load() {
        return load(settings.folder());
    }

    @Transactional
    public LoadResult load(Path dir) {
        Path train = dir.resolve(TRAIN_FILE);
        Path eval = dir.resolve(EVAL_FILE);
        for (Path file : List.of(train, eval)) {
            if (!Files.isReadable(file)) {
                throw new CoilFileRefused("cannot read " + file.toAbsolutePath());
            }
        }
        try (Reader trainReader = new InputStreamReader(Files.newInputStream(train), StandardCharsets.US_ASCII);
             Reader evalReader = new InputStreamReader(Files.newInputStream(eval), StandardCharsets.US_ASCII)) {
            return load(trainReader, evalReader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the TRAIN file (86 columns) and the EVAL file (85 columns) from readers; for tests and other sources. */
    @Transactional
    public LoadResult load(Reader train, Reader eval) throws IOException {
        jdbc.sql("drop table if exists coil_load").update();
        jdbc.sql("create temporary table coil_load (source text not null, row_number integer not null, v smallint[] not null) "
                + "on commit drop").update();
        int trainRows = copy(train, "TRAIN", 86);
        int evalRows = copy(eval, "EVAL", 85);
        int customers = jdbc.sql("""
                insert into coil_customer as c (source, row_number, mostype, maanthui, mgemomv, mgemleef, moshoofd,
                                                demographics, caravan)
                select source, row_number, v[1], v[2], v[3], v[4], v[5], v[1:43],
                       case when source = 'TRAIN' then v[86] end
                  from coil_load
                on conflict (source, row_number) do update
                   set mostype = excluded.mostype, maanthui = excluded.maanthui, mgemomv = excluded.mgemomv,
                       mgemleef = excluded.mgemleef, moshoofd = excluded.moshoofd, demographics = excluded.demographics,
                       caravan = excluded.caravan
                 where (c.mostype, c.maanthui, c.mgemomv, c.mgemleef, c.moshoofd, c.demographics, c.caravan)
                       is distinct from (excluded.mostype, excluded.maanthui, excluded.mgemomv, excluded.mgemleef,
                                         excluded.moshoofd, excluded.demographics, excluded.caravan)""").update();
        jdbc.sql("""
                delete from coil_customer c
                 where not exists (select 1 from coil_load l where l.source = c.source and l.row_number = c.row_number)""")
                .update();
        String[] codes = Arrays.stream(CoilProduct.values()).map(Enum::name).toArray(String[]::new);
        int removed = jdbc.sql("""
                delete from coil_holding h using coil_load l
                 where l.source = h.source and l.row_number = h.row_number
                   and l.v[64 + array_position(cast(:codes as text[]), h.product)] = 0
                   and l.v[43 + array_position(cast(:codes as text[]), h.product)] = 0""")
                .param("codes", codes).update();
        int holdings = jdbc.sql("""
                insert into coil_holding as h (source, row_number, product, policies, premium_band)
                select l.source, l.row_number, p.code, l.v[64 + p.k], l.v[43 + p.k]
                  from coil_load l
                 cross join unnest(cast(:codes as text[])) with ordinality as p(code, k)
                 where l.v[64 + p.k] > 0 or l.v[43 + p.k] > 0
                on conflict (source, row_number, product) do update
                   set policies = excluded.policies, premium_band = excluded.premium_band
                 where (h.policies, h.premium_band) is distinct from (excluded.policies, excluded.premium_band)""")
                .param("codes", codes).update();
        // heard after commit: a need-cluster run over the book as loaded (CoilClusters)
        events.publishEvent(new CoilBookLoaded(CurrentStaff.username(),
                customers, holdings, removed));
        return new LoadResult(trainRows, evalRows, customers, holdings, removed);
    }

    private int copy(Reader source, String name, int columns) throws IOException {
        StringBuilder text = new StringBuilder(1 << 20);
        int rows = CoilFileReader.read(source, columns, (row, values) -> {
            text.append(name).append(',').append(row).append(",\"{");
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(values[i]);
            }
            text.append("}\"\n");
        });
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy coil_load (source, row_number, v) from stdin (format csv)", new StringReader(text.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of the CoIL file failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return rows;
    }

    /** Customers, holders, policies and 客均合同 for TRAIN, EVAL and both; holdings per product and per main type. */
    @Transactional(readOnly = true)
    public CoilSummary summary() {
        List<CoilSummary.Book> books = jdbc.sql("""
                with per_customer as (
                    select c.source, c.caravan, coalesce(sum(h.policies), 0) as policies
                      from coil_customer c left join coil_holding h using (source, row_number)
                     group by c.source, c.row_number, c.caravan)
                select coalesce(source, 'ALL') as source, count(*) as customers,
                       count(*) filter (where policies > 0) as holders, coalesce(sum(policies), 0) as policies,
                       round(sum(policies)::numeric / nullif(count(*) filter (where policies > 0), 0), 2) as per_holder,
                       count(*) filter (where caravan = 1) as caravan_holders, bool_or(caravan is not null) as labelled
                  from per_customer group by rollup (source) order by source nulls last""")
                .query((rs, n) -> new CoilSummary.Book(rs.getString("source"), rs.getLong("customers"), rs.getLong("holders"),
                        rs.getLong("policies"), rs.getBigDecimal("per_holder"),
                        rs.getBoolean("labelled") ? rs.getLong("caravan_holders") : null))
                .list();
        long customers = books.stream().filter(b -> b.source().equals("ALL")).mapToLong(CoilSummary.Book::customers)
                .findFirst().orElse(0);
        var byProduct = jdbc.sql("""
                select product, count(*) filter (where policies > 0) as customers, sum(policies) as policies
                  from coil_holding group by product""")
                .query((rs, n) -> new long[] {CoilProduct.valueOf(rs.getString("product")).ordinal(),
                        rs.getLong("customers"), rs.getLong("policies")})
                .list().stream().collect(Collectors.toMap(r -> (int) r[0], r -> r));
        List<CoilSummary.ProductHoldings> products = Arrays.stream(CoilProduct.values()).map(p -> {
            long[] row = byProduct.getOrDefault(p.ordinal(), new long[] {p.ordinal(), 0, 0});
            BigDecimal share = customers == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(row[1]).divide(BigDecimal.valueOf(customers), 4, java.math.RoundingMode.HALF_UP);
            return new CoilSummary.ProductHoldings(p.name(), p.english(), p.chinese(), row[1], row[2], share);
        }).toList();
        List<CoilSummary.MainTypeFigures> mainTypes = jdbc.sql("""
                with per_customer as (
                    select c.moshoofd, coalesce(sum(h.policies), 0) as policies
                      from coil_customer c left join coil_holding h using (source, row_number)
                     group by c.source, c.row_number, c.moshoofd)
                select moshoofd, count(*) as customers, count(*) filter (where policies > 0) as holders,
                       sum(policies) as policies,
                       round(sum(policies)::numeric / nullif(count(*) filter (where policies > 0), 0), 2) as per_holder
                  from per_customer group by moshoofd order by moshoofd""")
                .query((rs, n) -> {
                    CustomerMainType type = CustomerMainType.of(rs.getInt("moshoofd"));
                    return new CoilSummary.MainTypeFigures(type.code(), type.english(), type.chinese(),
                            rs.getLong("customers"), rs.getLong("holders"), rs.getLong("policies"),
                            rs.getBigDecimal("per_holder"));
                })
                .list();
        return new CoilSummary(books, products, mainTypes, CITATION);
    }
}
