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
 * server is shared by every application context of the JVM.
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
            EmbeddedPostgres postgres = EmbeddedServers.start(settings);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setMaximumPoolSize(10);
            config.setPoolName("crm-embedded");
            return new HikariDataSource(config);
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

    /** One embedded server per data folder and JVM, stopped when the JVM exits. */
    static final class EmbeddedServers {

        private static EmbeddedPostgres temporary;
        private static EmbeddedPostgres persistent;

        static synchronized EmbeddedPostgres start(DatabaseSettings settings) {
            try {
                if (settings.dataDir() == null || settings.dataDir().isBlank()) {
                    if (temporary == null) {
                        temporary = builder(settings).start();
                        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::closeAll));
                    }
                    return temporary;
                }
                if (persistent == null) {
                    Path dir = Path.of(settings.dataDir()).toAbsolutePath();
                    Files.createDirectories(dir);
                    log.info("Embedded PostgreSQL keeps its data in {}", dir);
                    persistent = builder(settings).setDataDirectory(dir).setCleanDataDirectory(false).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::closeAll));
                }
                return persistent;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }

        private static EmbeddedPostgres.Builder builder(DatabaseSettings settings) {
            return EmbeddedPostgres.builder()
                    .setPort(settings.port())
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "32MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("timezone", "Asia/Shanghai");
        }

        private static synchronized void closeAll() {
            for (EmbeddedPostgres postgres : new EmbeddedPostgres[] {temporary, persistent}) {
                if (postgres != null) {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        log.warn("Embedded PostgreSQL did not stop cleanly", e);
                    }
                }
            }
        }
    }
}
