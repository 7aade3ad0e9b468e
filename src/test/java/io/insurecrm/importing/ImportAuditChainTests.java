package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditVerification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large import audited in its chunks' transactions while other accesses are recorded by the group writer at the same
 * time: the chain stays linear and verifies intact, with exactly one IMPORT row per customer.
 */
@SpringBootTest(properties = "crm.import.chunk-size=2500")
class ImportAuditChainTests {

    static final int CUSTOMERS = 10_000;

    @Autowired
    ImportManagement imports;
    @Autowired
    AccessAudit audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theChainVerifiesIntactAfterALargeImportInterleavedWithOtherAccesses() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        String agent = jdbc.sql("select code from agent where id = :id").param("id", book.agent(book.branch("33")))
                .query(String.class).single();
        StringBuilder csv = new StringBuilder("姓名,身份证号,省份,城市,代理人工号\n");
        for (int i = 0; i < CUSTOMERS; i++) {
            csv.append("链").append(i).append(',')
                    .append(BookFixtures.idNumber("33", LocalDate.of(1960 + i % 40, 1 + i % 12, 1 + i % 28), i % 2 == 0))
                    .append(",浙江省,杭州,").append(agent).append('\n');
        }
        ImportJob job = imports.upload("large.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "customers", "AUTO", ImportRequester.commandLine());
        assertThat(job.rowsToCreate()).isEqualTo(CUSTOMERS);

        // views recorded by the group writer while the chunks append their rows under the same lock
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger views = new AtomicInteger();
        Thread viewer = new Thread(() -> {
            while (importing.get() || views.get() < 20) {
                audit.record(AuditAction.VIEW_CUSTOMER, null, List.of("profile"), "concurrent view " + views.incrementAndGet());
            }
        });
        viewer.start();
        try {
            assertThat(imports.commit(job.id(), DataScope.all()).rowsCreated()).isEqualTo(CUSTOMERS);
        } finally {
            importing.set(false);
            viewer.join();
        }

        assertThat(jdbc.sql("select count(*) from audit_event where action = 'IMPORT' and customer_id is not null "
                        + "and reason like :r").param("r", "import job " + job.id() + " (%")
                .query(Integer.class).single()).isEqualTo(CUSTOMERS);
        assertThat(jdbc.sql("select count(distinct customer_id) from audit_event where action = 'IMPORT' and reason like :r")
                .param("r", "import job " + job.id() + " (%").query(Integer.class).single()).isEqualTo(CUSTOMERS);
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as(String.valueOf(verification)).isTrue();
        assertThat(verification.checked()).isGreaterThanOrEqualTo(CUSTOMERS + views.get());
    }
}
