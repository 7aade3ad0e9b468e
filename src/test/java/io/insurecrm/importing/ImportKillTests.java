package io.insurecrm.importing;

import com.zaxxer.hikari.HikariDataSource;
import io.insurecrm.InsureCrmApplication;
import io.insurecrm.fixtures.BookFixtures;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real crash: the application runs as a child JVM (the same classes as the jar, on this test's database) and
 * imports and commits a policy file from its command line; when the job's progress shows some chunks done the
 * child is killed with SIGKILL ({@link Process#destroyForcibly()}: no shutdown hook, no rollback from Java — the
 * database only sees the connection drop). A second child resumes the job ({@code --crm.import.resume}); then every
 * row of the file is in {@code policy} exactly once and the job is COMMITTED.
 */
@SpringBootTest
class ImportKillTests {

    private static final int ROWS = 30_000;
    private static final int CHUNK = 250;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void aCommitKilledWithSigkillMidwayIsResumedAndAppliesEveryRowExactlyOnce() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String agentCode = jdbc.sql("select code from agent where id = :id").param("id", agent).query(String.class).single();
        long holder = book.individual("被杀进程投保人", agent);
        long product = book.product("断电测试险", "Kill test", "CRITICAL_ILLNESS", "ADVANCED");
        String productCode = jdbc.sql("select code from product where id = :id").param("id", product)
                .query(String.class).single();
        String prefix = BookFixtures.unique("KILL") + "-";
        StringBuilder csv = new StringBuilder(ImportPoliciesClaimsInteractionsTests.POLICY_HEADER);
        for (int i = 0; i < ROWS; i++) {
            csv.append(prefix).append(i).append(',').append(holder).append(",,").append(productCode)
                    .append(",100,年缴,500000,2025-01-01,,有效,,").append(agentCode).append('\n');
        }
        Path file = dir.resolve(prefix + "policies.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        Process first = child(dir.resolve("first.log"), "--crm.import.file=" + file, "--crm.import.profile=policies",
                "--crm.import.commit=true");
        long job = awaitJob(first, file.getFileName().toString(), dir.resolve("first.log"));
        int chunksTotal = jdbc.sql("select chunks_total from import_job where id = :id").param("id", job)
                .query(Integer.class).single();
        assertThat(chunksTotal).isEqualTo(ROWS / CHUNK);
        awaitChunksDone(first, job, 3, dir.resolve("first.log"));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        int done = jdbc.sql("select count(*) from import_chunk where job_id = :id").param("id", job)
                .query(Integer.class).single();
        long applied = policies(prefix);
        assertThat(jdbc.sql("select status from import_job where id = :id").param("id", job).query(String.class).single())
                .isEqualTo("COMMITTING");
        assertThat(done).as("killed midway").isBetween(3, chunksTotal - 1);
        assertThat(applied).as("every recorded chunk applied whole, nothing of the chunk in flight")
                .isEqualTo((long) done * CHUNK);

        Process second = child(dir.resolve("second.log"), "--crm.import.resume=" + job);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("resume finished").isTrue();
        assertThat(second.exitValue()).as(log(dir.resolve("second.log"))).isZero();

        assertThat(jdbc.sql("select status from import_job where id = :id").param("id", job).query(String.class).single())
                .isEqualTo("COMMITTED");
        assertThat(jdbc.sql("select rows_created from import_job where id = :id").param("id", job)
                .query(Integer.class).single()).isEqualTo(ROWS);
        assertThat(policies(prefix)).isEqualTo(ROWS);
        assertThat(jdbc.sql("""
                select count(distinct policy_number) from policy
                 where policy_number like :prefix and substr(policy_number, length(:plain) + 1)::int between 0 and :last""")
                .param("prefix", prefix + "%").param("plain", prefix).param("last", ROWS - 1)
                .query(Long.class).single()).as("every row of the file, once").isEqualTo(ROWS);
        assertThat(jdbc.sql("select count(*) from import_staged_policy where job_id = :id").param("id", job)
                .query(Long.class).single()).isZero();
    }

    private long policies(String prefix) {
        return jdbc.sql("select count(*) from policy where policy_number like :p").param("p", prefix + "%")
                .query(Long.class).single();
    }

    /** The application's main class on this JVM's classpath less the test classes, on this test's database. */
    private Process child(Path log, String... arguments) throws IOException {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, InsureCrmApplication.class.getName(),
                "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                "--spring.datasource.username=postgres", "--server.port=0",
                // the command line needs no web server; beans it does not use are never created (a faster start)
                "--spring.main.web-application-type=none", "--spring.main.lazy-initialization=true",
                "--spring.flyway.enabled=false", "--crm.database.clean-before-migrate=false",
                "--crm.crypto.dev-key-file=" + dir.resolve("keys.properties"), "--crm.crypto.encrypt-on-start=false",
                "--crm.demo.customers=0", "--crm.demo.staff-users=false", "--crm.metrics.refresh-on-start=false",
                "--crm.segmentation.recompute-on-start=false", "--crm.loyalty.evaluate-on-start=false",
                "--crm.engagement.dispatch=false", "--crm.engagement.scan=false",
                "--crm.import.dir=" + dir.resolve("uploads"), "--crm.import.chunk-size=" + CHUNK,
                "--logging.level.root=WARN"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return process;
    }

    private long awaitJob(Process child, String fileName, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as(() -> "child exited early: " + log(log)).isTrue();
            var job = jdbc.sql("select id from import_job where file_name = :name and status = 'COMMITTING'")
                    .param("name", fileName).query(Long.class).optional();
            if (job.isPresent()) {
                return job.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not start committing: " + log(log));
    }

    private void awaitChunksDone(Process child, long job, int chunks, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as(() -> "child exited before it was killed: " + log(log)).isTrue();
            int done = jdbc.sql("select chunks_done from import_job where id = :id").param("id", job)
                    .query(Integer.class).single();
            if (done >= chunks) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no progress: " + log(log));
    }

    private static String log(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
