package io.insurecrm.importing;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Dedupe benchmark (bench/dedupe.sh, docs/benchmarks.md "Duplicate customers"): on a scratch copy of the 1M book,
 * plants 2% duplicates of four kinds with a truth table, runs the whole-book detection and reports precision and
 * recall of the candidate pairs (score at or above the threshold) against the truth, and the run time.
 * Kinds: HOMOPHONE (one character of the name replaced by another with the same pinyin, as a pinyin input method
 * mistypes; ID number mistyped), SWAPPED (surname moved behind the given name; ID mistyped), NEW_PHONE (same name,
 * another phone; ID mistyped). ID numbers are stored encrypted with a blind index: the originals are opened and the
 * plants sealed, indexed and masked in Java with the book's keys (args[2], default the development key file the demo
 * and bench/load-book.sh write, ./data/crypto-dev-keys.properties). A plant with the same ID number in its legacy
 * 15-digit form is no longer possible: the unique blind index (of the widened number) refuses it at write time.
 * Not a test: run with bench/dedupe.sh.
 */
public final class DedupeBenchmark {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.02;
        String keyFile = args.length > 2 ? args[2] : "data/crypto-dev-keys.properties";
        if (!java.nio.file.Files.exists(java.nio.file.Path.of(keyFile))) {
            throw new IllegalArgumentException("no key file " + keyFile + ": pass the development key file the book was loaded with");
        }
        io.insurecrm.platform.crypto.FieldCipher cipher = io.insurecrm.platform.crypto.CryptoConfiguration.cipherFor(
                new io.insurecrm.platform.crypto.CryptoSettings(true, Map.of(), null, null, null, null, true, keyFile));
        io.insurecrm.customer.IdNumberProtection idNumbers = new io.insurecrm.customer.IdNumberProtection(cipher);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Deduplication deduplication = new Deduplication(jdbc, dataSource, new DataSourceTransactionManager(dataSource),
                Clock.systemUTC(), new BigDecimal("0.80"));

        // a clean slate: earlier planted rows, candidates and name keys go
        jdbc.sql("create table if not exists bench_dedupe_truth (original bigint, duplicate bigint, kind text)").update();
        jdbc.sql("delete from duplicate_candidate").update();
        jdbc.sql("delete from dedupe_name_key").update();
        jdbc.sql("delete from customer where id in (select duplicate from bench_dedupe_truth)").update();
        jdbc.sql("truncate bench_dedupe_truth").update();
        int individuals = jdbc.sql("select count(*) from customer where kind = 'INDIVIDUAL'").query(Integer.class).single();
        int total = jdbc.sql("select count(*) from customer").query(Integer.class).single();
        int planted = (int) Math.round(total * share);

        record Person(long id, String name, String idNumber, String phone) {
        }
        List<Person> originals = jdbc.sql("""
                select id, name, id_number, phone from customer where kind = 'INDIVIDUAL' and length(name) between 2 and 4
                 order by md5(id::text) limit :n""").param("n", planted)
                .query((rs, n) -> new Person(rs.getLong(1), rs.getString(2), idNumbers.open(rs.getString(3)), rs.getString(4))).list();
        // homophones: characters of the book's names grouped by pinyin
        Map<String, List<Character>> bySound = new HashMap<>();
        jdbc.sql("select distinct substr(name, g, 1) from (select name from customer where kind = 'INDIVIDUAL' limit 200000) c, "
                        + "generate_series(1, 4) g where length(name) >= g")
                .query(String.class).list().forEach(c -> {
                    if (!c.isEmpty() && Character.UnicodeScript.of(c.charAt(0)) == Character.UnicodeScript.HAN) {
                        bySound.computeIfAbsent(PinyinKeys.key(c), k -> new ArrayList<>()).add(c.charAt(0));
                    }
                });
        Random random = new Random(20261201L);
        StringBuilder rows = new StringBuilder();
        String[] kinds = {"HOMOPHONE", "SWAPPED", "NEW_PHONE"};
        int skipped = 0;
        for (int i = 0; i < originals.size(); i++) {
            Person p = originals.get(i);
            String kind = kinds[i % kinds.length];
            String name = p.name();
            String idNumber = mistyped(p.idNumber(), random);
            String phone = p.phone();
            switch (kind) {
                case "HOMOPHONE" -> {
                    String original = name;
                    int at = name.length() - 1 - random.nextInt(Math.min(2, name.length() - 1));
                    List<Character> same = bySound.getOrDefault(PinyinKeys.key(original.substring(at, at + 1)), List.of());
                    List<Character> others = same.stream().filter(c -> c != original.charAt(at)).toList();
                    if (others.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    name = original.substring(0, at) + others.get(random.nextInt(others.size())) + original.substring(at + 1);
                }
                case "SWAPPED" -> name = name.substring(1) + name.charAt(0);
                default -> phone = "13" + (100_000_000 + random.nextInt(899_999_999));
            }
            io.insurecrm.customer.SealedIdNumber sealed = idNumbers.seal(new io.insurecrm.customer.ChineseIdNumber(idNumber));
            rows.append(p.id()).append(',').append(kind).append(",\"").append(name).append("\",").append(sealed.stored())
                    .append(',').append(sealed.blindIndex()).append(',').append(sealed.masked())
                    .append(',').append(phone == null ? "" : phone).append('\n');
        }
        jdbc.sql("drop table if exists bench_dedupe_plant").update();
        jdbc.sql("create unlogged table bench_dedupe_plant (original bigint, kind text, name text, id_number text, id_number_bidx text, "
                + "id_number_masked text, phone text)").update();
        Connection connection = dataSource.getConnection();
        connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy bench_dedupe_plant from stdin (format csv)", new StringReader(rows.toString()));
        jdbc.sql("""
                with added as (
                    insert into customer (kind, name, gender, birth_date, id_number, id_number_bidx, id_number_masked,
                                          occupation, income_band, marital_status,
                                          phone, region_code, city, agent_id, branch_id, created_at, updated_at)
                    select 'INDIVIDUAL', p.name, c.gender, c.birth_date, p.id_number, p.id_number_bidx, p.id_number_masked,
                           c.occupation, c.income_band,
                           c.marital_status, p.phone, c.region_code, c.city, c.agent_id, c.branch_id, now(), now()
                      from bench_dedupe_plant p join customer c on c.id = p.original
                    on conflict do nothing
                    returning id, id_number)
                insert into bench_dedupe_truth (original, duplicate, kind)
                select p.original, a.id, p.kind from added a join bench_dedupe_plant p on p.id_number = a.id_number""")
                .update();
        int truth = jdbc.sql("select count(*) from bench_dedupe_truth").query(Integer.class).single();
        System.out.printf("book: %,d customers (%,d individuals); planted %,d duplicates (%.2f%%; %d homophone plants "
                + "skipped for want of a homophone, the rest lost to ID collisions: %d)%n", total, individuals, truth,
                100.0 * truth / total, skipped, originals.size() - skipped - truth);
        jdbc.sql("select kind, count(*) from bench_dedupe_truth group by kind order by kind").query(rs -> {
            System.out.printf("  %-10s %,d%n", rs.getString(1), rs.getInt(2));
        });
        jdbc.sql("analyze customer").update();

        long start = System.nanoTime();
        Deduplication.RunResult first = deduplication.runBatch();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("first run (name keys for every individual + detection): %.1f s; %,d names keyed, %,d pairs scored, "
                + "%,d candidates%n", seconds, first.namesKeyed(), first.pairsScored(), first.candidates());
        report(jdbc);
        start = System.nanoTime();
        Deduplication.RunResult again = deduplication.runBatch();
        System.out.printf("second run (name keys up to date): %.1f s; %,d names keyed, %,d candidates%n",
                (System.nanoTime() - start) / 1e9, again.namesKeyed(), again.candidates());
        connection.close();
        dataSource.destroy();
    }

    private static void report(JdbcClient jdbc) {
        jdbc.sql("""
                with found as (select customer_a, customer_b from duplicate_candidate where score >= 0.80),
                     truth as (select least(original, duplicate) as a, greatest(original, duplicate) as b, kind
                                 from bench_dedupe_truth)
                select (select count(*) from found) as found,
                       (select count(*) from truth) as planted,
                       (select count(*) from found f join truth t on t.a = f.customer_a and t.b = f.customer_b) as hits""")
                .query(rs -> {
                    long found = rs.getLong("found");
                    long planted = rs.getLong("planted");
                    long hits = rs.getLong("hits");
                    System.out.printf("pairs found %,d, planted %,d, true positives %,d: precision %.4f, recall %.4f%n",
                            found, planted, hits, (double) hits / found, (double) hits / planted);
                });
        jdbc.sql("""
                select t.kind, count(*) as planted, count(d.id) as found
                  from bench_dedupe_truth t
                  left join duplicate_candidate d on d.customer_a = least(t.original, t.duplicate)
                                                 and d.customer_b = greatest(t.original, t.duplicate) and d.score >= 0.80
                 group by t.kind order by t.kind""")
                .query(rs -> {
                    System.out.printf("  recall %-10s %,d / %,d = %.4f%n", rs.getString(1), rs.getLong(3), rs.getLong(2),
                            rs.getDouble(3) / rs.getDouble(2));
                });
        jdbc.sql("""
                select r, count(*) from duplicate_candidate d, unnest(d.reasons[1:1]) r
                 where d.score >= 0.80 and not exists (select 1 from bench_dedupe_truth t
                       where least(t.original, t.duplicate) = d.customer_a and greatest(t.original, t.duplicate) = d.customer_b)
                 group by r order by 2 desc""")
                .query(rs -> {
                    System.out.printf("  false positives by first rule: %s %,d%n", rs.getString(1), rs.getLong(2));
                });
    }

    private static String mistyped(String idNumber, Random random) {
        char[] digits = idNumber.toCharArray();
        int at = 14 + random.nextInt(2);
        digits[at] = (char) ('0' + ((digits[at] - '0' + 1 + random.nextInt(8)) % 10));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits[i] - '0') * WEIGHTS[i];
        }
        digits[17] = CHECK.charAt(sum % 11);
        return new String(digits);
    }
}
