package io.insurecrm.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL in-process when no {@code spring.datasource.url} is set, so a first run needs nothing
 * installed. The data stays in {@code crm.database.data-dir} between runs; in tests (no data dir) one temporary
 * server is shared by every application context of the JVM and removed when the last one closes.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(DatabaseSettings.class)
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);
    private static final AtomicBoolean cleaned = new AtomicBoolean();

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
    static class Embedded {

        @Bean
        @ConditionalOnMissingBean(DataSource.class)
        DataSource dataSource(DatabaseSettings settings) {
            EmbeddedPostgres postgres = EmbeddedServers.acquire(settings);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setMaximumPoolSize(10);
            config.setPoolName("crm-embedded");
            return new EmbeddedDataSource(config);
        }
    }

    /** A pool on the embedded server that lets the server stop once the last pool on it is closed. */
    static final class EmbeddedDataSource extends HikariDataSource {

        private final AtomicBoolean released = new AtomicBoolean();

        EmbeddedDataSource(HikariConfig config) {
            super(config);
        }

        @Override
        public void close() {
            super.close();
            if (released.compareAndSet(false, true)) {
                EmbeddedServers.release();
            }
        }
    }

    /** Tests on a shared server start from an empty schema once per JVM; everywhere else Flyway only migrates. */
    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy(DatabaseSettings settings) {
        return flyway -> {
            if (settings.cleanBeforeMigrate() && cleaned.compareAndSet(false, true)) {
                log.info("Cleaning the database before migrating (crm.database.clean-before-migrate)");
                flyway.clean();
            }
            flyway.migrate();
        };
    }

    /**
     * One embedded server per JVM, shared by every application context (tests cache several). It stops when the
     * last connection pool on it closes — after the contexts, never under them — or, as a fallback, at JVM exit.
     */
    static final class EmbeddedServers {

        private static EmbeddedPostgres server;
        private static int pools;
        private static boolean hooked;

        static synchronized EmbeddedPostgres acquire(DatabaseSettings settings) {
            try {
                if (server == null) {
                    if (kept(settings)) {
                        Path dir = Path.of(settings.dataDir()).toAbsolutePath();
                        Files.createDirectories(dir);
                        log.info("Embedded PostgreSQL keeps its data in {} (fsync and synchronous commit on)", dir);
                    }
                    server = builder(settings).start();
                    if (!hooked) {
                        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopWhenUnused, "embedded-postgres-stop"));
                        hooked = true;
                    }
                }
                pools++;
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }

        static synchronized void release() {
            pools--;
            if (pools <= 0) {
                stop();
            }
            EmbeddedServers.class.notifyAll();
        }

        /** At JVM exit Spring closes the contexts in its own hook: give their pools a moment to close first. */
        private static synchronized void stopWhenUnused() {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (pools > 0 && System.nanoTime() < deadline) {
                try {
                    EmbeddedServers.class.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stop();
        }

        private static void stop() {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
                server = null;
            }
        }

        /**
         * The server's settings. The library starts PostgreSQL with {@code -F} (no fsync) and
         * {@code synchronous_commit=off}, made for throw-away test databases: a crash of the machine could then lose
         * committed work or leave the data directory corrupt. A kept data directory (the app's default,
         * {@code ./data/postgres}) turns both back on, as a PostgreSQL server has them (a {@code -c} after {@code -F}
         * wins); a temporary one (the tests) keeps the library's settings.
         */
        static EmbeddedPostgres.Builder builder(DatabaseSettings settings) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setPort(settings.port())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "32MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("timezone", "Asia/Shanghai");
            if (kept(settings)) {
                builder.setDataDirectory(Path.of(settings.dataDir()).toAbsolutePath()).setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on");
            }
            return builder;
        }

        private static boolean kept(DatabaseSettings settings) {
            return settings.dataDir() != null && !settings.dataDir().isBlank();
        }
    }
}
