package io.insurecrm.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept data directory is written as a PostgreSQL server writes it; a throw-away one (the tests) is not. */
class EmbeddedDurabilityTests {

    @Test
    void aKeptDataDirectoryRunsWithFsyncAndSynchronousCommit(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgresAutoConfiguration.EmbeddedServers
                .builder(new DatabaseSettings(dir.resolve("pg").toString(), 0, false)).start()) {
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(server, "data_directory")).isEqualTo(dir.resolve("pg").toAbsolutePath().toString());
        }
    }

    @Test
    void aTemporaryDatabaseKeepsTheFastSettings() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgresAutoConfiguration.EmbeddedServers
                .builder(new DatabaseSettings("", 0, false)).start()) {
            assertThat(setting(server, "fsync")).isEqualTo("off");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("off");
        }
    }

    private static String setting(EmbeddedPostgres server, String name) throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
