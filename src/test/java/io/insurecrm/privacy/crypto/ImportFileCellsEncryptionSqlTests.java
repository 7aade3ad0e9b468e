package io.insurecrm.privacy.crypto;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.TestCiphers;
import io.insurecrm.importing.ImportJob;
import io.insurecrm.importing.ImportManagement;
import io.insurecrm.importing.ImportRequester;
import io.insurecrm.importing.ImportRowError;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file's cells an import keeps in its error rows (importing/V94): rows from before V94 (clear JSON text) are
 * sealed by the start-up run and still read; key rotation moves them. What a dry run writes is in ImportManagementTests.
 */
@SpringBootTest
class ImportFileCellsEncryptionSqlTests {

    @Autowired
    ImportManagement imports;
    @Autowired
    FieldCipher appCipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    List<EncryptedColumn> appColumns;

    /** A job with one error row, its cells then written back in the clear as before V94. */
    private long aJobWithAClearErrorRow(String idNumber) {
        String csv = "姓名,身份证号,手机号,省份,城市,代理人工号\n旧错误行," + idNumber + ",12345,浙江省,杭州,\n";
        ImportJob job = imports.upload("legacy.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "customers", "AUTO", ImportRequester.commandLine());
        jdbc.sql("update import_row_error set source = :s, value = '12345' where job_id = :id and reason_key = 'import.error.phone'")
                .param("s", "[\"旧错误行\", \"" + idNumber + "\", \"12345\", \"浙江省\", \"杭州\", \"\"]")
                .param("id", job.id()).update();
        return job.id();
    }

    private FieldReencryption batchOver(FieldCipher cipher, String view) {
        List<EncryptedColumn> columns = appColumns.stream().filter(c -> c.table().equals("import_row_error"))
                .map(c -> new EncryptedColumn(view, c.valueColumn(), c.blindIndexColumn(), c.field())).toList();
        assertThat(columns).extracting(EncryptedColumn::valueColumn).containsExactlyInAnyOrder("source", "value");
        return new FieldReencryption(jdbc, cipher, columns, transactions, Clock.systemUTC());
    }

    private void withView(long jobId, String view, Runnable body) {
        jdbc.sql("create view " + view + " as select id, source, value from import_row_error where job_id = " + jobId
                + " and reason_key = 'import.error.phone'").update();
        try {
            body.run();
        } finally {
            jdbc.sql("drop view if exists " + view).update();
        }
    }

    private List<String> stored(long jobId) {
        return jdbc.sql("select source || ' ' || value from import_row_error where job_id = :id and reason_key = 'import.error.phone'")
                .param("id", jobId).query(String.class).list();
    }

    @Test
    void clearCellsFromBeforeSealingAreReadThenSealedByTheStartUpRunAndMovedByARotation() {
        String idNumber = BookFixtures.idNumber("33", java.time.LocalDate.of(1977, 7, 7), true);
        long job = aJobWithAClearErrorRow(idNumber);
        assertThat(imports.errors(job, 0, 10, DataScope.all()).content()).extracting(ImportRowError::value).contains("12345");
        assertThat(new FieldReencryption(jdbc, appCipher, appColumns, transactions, Clock.systemUTC()).anyClear())
                .as("the start-up check sees them").isTrue();
        String view = "import_cells_" + job;
        withView(job, view, () -> {
            new EncryptionOnStart(batchOver(appCipher, view), appCipher).afterSingletonsInstantiated();
            assertThat(stored(job)).singleElement().satisfies(row -> assertThat(row).doesNotContain(idNumber)
                    .doesNotContain("12345").startsWith("v1:" + appCipher.activeKeyId() + ":"));
            assertThat(imports.errors(job, 0, 10, DataScope.all()).content()).extracting(ImportRowError::value)
                    .contains("12345");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            imports.writeErrorFile(job, file, Locale.SIMPLIFIED_CHINESE, DataScope.all());
            assertThat(file.toString(StandardCharsets.UTF_8)).contains("旧错误行," + idNumber + ",12345,");

            FieldCipher k1 = TestCiphers.rotated("k1");
            FieldCipher k2 = TestCiphers.rotated("k2");
            jdbc.sql("update " + view + " set source = :s, value = :v").param("s", k1.seal("[\"x\"]"))
                    .param("v", k1.seal("12345")).update();
            FieldReencryption rotation = batchOver(k2, view);
            assertThat(rotation.run(FieldReencryption.Scope.ALL, r -> { }).done()).isEqualTo(2);
            assertThat(stored(job)).singleElement().satisfies(row -> assertThat(row).startsWith("v1:k2:").contains(" v1:k2:"));
            assertThat(rotation.run(FieldReencryption.Scope.ALL, r -> { }).done()).as("a rerun changes nothing").isZero();
        });
    }
}
