package io.insurecrm;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class ApplicationStartsTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesTheSchemaOnPostgres() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("select count(*) from region").query(Long.class).single()).isEqualTo(31L);
    }
}
