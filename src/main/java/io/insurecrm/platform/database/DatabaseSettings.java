package io.insurecrm.platform.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the embedded server keeps its data; empty means a temporary folder removed at close
 * @param port the port to listen on, 0 for any free port
 * @param cleanBeforeMigrate drop every object before Flyway migrates (tests on a shared server only)
 */
@ConfigurationProperties("crm.database")
public record DatabaseSettings(String dataDir, int port, boolean cleanBeforeMigrate) {
}
