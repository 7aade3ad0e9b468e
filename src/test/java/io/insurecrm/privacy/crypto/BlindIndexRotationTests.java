package io.insurecrm.privacy.crypto;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.crypto.CryptoConfiguration;
import io.insurecrm.platform.crypto.CryptoSettings;
import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rotation of the blind index key (ADR 0004, amendment) in a context configured with a next key. The switch rewrites
 * every customer's index, so the test puts the development key's indexes back afterwards for the other test classes
 * sharing the database, and the context (whose cipher switched) is closed.
 */
@SpringBootTest(properties = "crm.crypto.next-blind-index-key=QmxpbmRJbmRleFJvdGF0aW9uVGVzdHNOZXh0S2V5MzI=")
@AutoConfigureMockMvc
@DirtiesContext
class BlindIndexRotationTests {

    @Autowired
    BlindIndexRotation rotation;
    @Autowired
    FieldCipher cipher;
    @Autowired
    EncryptedColumn customerIdNumber;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    private String searchById(String idNumber) throws Exception {
        return mvc.perform(get("/api/customers").param("q", idNumber).with(Staff.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private void registrationRefusesTheDuplicate(String idNumber, long agent, long existing) throws Exception {
        mvc.perform(post("/api/customers").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"INDIVIDUAL\",\"name\":\"重复登记\",\"idNumber\":\"" + idNumber
                                + "\",\"regionCode\":\"33\",\"city\":\"杭州\",\"agentId\":" + agent + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("idNumber"))
                .andExpect(jsonPath("$.errors[0].message").value("该身份证号已属于客户 " + existing));
    }

    private String idNumberOf(long customer) {
        return cipher.open(jdbc.sql("select id_number from customer where id = :id").param("id", customer).query(String.class).single());
    }

    private String nextColumnDigest() {
        return jdbc.sql("select md5(string_agg(id || ':' || coalesce(id_number_bidx_next, '-'), ',' order by id)) from customer")
                .query(String.class).single();
    }

    @Test
    void aCustomerIsFoundByIdNumberBeforeDuringAndAfterTheRotationWhichResumesAndIsIdempotent() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            customers.add(book.individual(BookFixtures.unique("盲索引客户"), agent));
        }
        long customer = customers.get(11);
        String idNumber = idNumberOf(customer);
        String oldFingerprint = cipher.indexKeyFingerprint();
        String newFingerprint = cipher.nextIndexKeyFingerprint();
        assertThat(rotation.rotating()).isTrue();
        assertThat(newFingerprint).isNotNull().isNotEqualTo(oldFingerprint);

        // before: nothing under the next key yet
        assertThat(rotation.status()).extracting(BlindIndexRotation.ColumnStatus::column)
                .containsExactly("customer.id_number", "customer.bank_account");
        assertThat(rotation.status().get(0)).satisfies(s -> assertThat(s.toDo()).isEqualTo(s.values()).isPositive());
        assertThat(searchById(idNumber)).contains("\"id\":" + customer + ",");
        registrationRefusesTheDuplicate(idNumber, agent, customer);

        // during: a run interrupted after its first chunk of 5 rows
        rotation.chunkSize(5);
        long total = rotation.status().get(0).toDo();
        int[] chunks = {0};
        assertThatThrownBy(() -> rotation.run(run -> {
            if (run.running() && ++chunks[0] == 1) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessage("simulated crash");
        assertThat(rotation.currentRun().failure()).isEqualTo("simulated crash");
        assertThat(rotation.status().get(0).toDo()).isEqualTo(total - 5);
        long filled = jdbc.sql("select id from customer where id_number_bidx_next is not null order by id limit 1").query(Long.class).single();
        assertThat(searchById(idNumberOf(filled))).contains("\"id\":" + filled + ",");
        assertThat(searchById(idNumber)).as("not yet filled").contains("\"id\":" + customer + ",");

        // resumed: finishes the rest (and the bank accounts other tests of this JVM stored), every next index is the
        // next key's index of the number
        long bankAccountsToDo = rotation.status().get(1).toDo();
        BlindIndexRotation.Run resumed = rotation.run(run -> { });
        assertThat(resumed.done()).isEqualTo(total - 5 + bankAccountsToDo);
        assertThat(rotation.status().get(1).toDo()).isZero();
        assertThat(rotation.status().get(0).toDo()).isZero();
        for (long id : customers) {
            assertThat(jdbc.sql("select id_number_bidx_next from customer where id = :id").param("id", id).query(String.class).single())
                    .isEqualTo(cipher.nextBlindIndex("customer.id_number", idNumberOf(id)));
        }
        assertThat(searchById(idNumber)).contains("\"id\":" + customer + ",");
        registrationRefusesTheDuplicate(idNumber, agent, customer);
        // the next column alone finds a row too (here: one whose current index is missing)
        long onlyNext = customers.get(5);
        String onlyNextNumber = idNumberOf(onlyNext);
        String savedIndex = jdbc.sql("select id_number_bidx from customer where id = :id").param("id", onlyNext).query(String.class).single();
        jdbc.sql("update customer set id_number_bidx = null where id = :id").param("id", onlyNext).update();
        assertThat(searchById(onlyNextNumber)).contains("\"id\":" + onlyNext + ",");
        jdbc.sql("update customer set id_number_bidx = :b where id = :id").param("b", savedIndex).param("id", onlyNext).update();

        // a second run changes nothing
        String digest = nextColumnDigest();
        assertThat(rotation.run(run -> { }).done()).isZero();
        assertThat(nextColumnDigest()).isEqualTo(digest);

        // a customer registered meanwhile has no next index yet: found, and counted to do
        long late = book.individual(BookFixtures.unique("轮换中登记"), LocalDate.of(1990, 5, 6), false, "33", agent);
        assertThat(rotation.status().get(0).toDo()).isEqualTo(1);
        assertThat(searchById(idNumberOf(late))).contains("\"id\":" + late + ",");

        // a changed ID number loses its next index (trigger), so the job recomputes it
        String other = BookFixtures.idNumber("33", LocalDate.of(1977, 7, 7), true);
        jdbc.sql("update customer set id_number = :n, id_number_bidx = :b where id = :id")
                .param("n", other).param("b", BookFixtures.blindIndex(other)).param("id", customers.get(0)).update();
        assertThat(jdbc.sql("select id_number_bidx_next from customer where id = :id").param("id", customers.get(0))
                .query(String.class).optional().orElse(null)).isNull();

        // a bank account stored meanwhile (current key's index only): found by both lookups, moved by the switch
        String account = "6222" + String.format("%012d", BookFixtures.next());
        jdbc.sql("update customer set bank_account = :v, bank_account_bidx = :b where id = :id")
                .param("v", cipher.seal(account)).param("b", cipher.blindIndex("customer.bank_account", account))
                .param("id", customer).update();
        assertThat(searchById(account)).contains("\"id\":" + customer + ",");

        // the switch fills what is left and makes the next key current
        mvc.perform(post("/api/admin/encryption/blind-index/switch").with(Staff.analyst())).andExpect(status().isForbidden());
        jdbc.sql("update import_job set status = 'CANCELLED' where status in ('UPLOADED','VALIDATED','COMMITTING')").update();
        mvc.perform(post("/api/admin/encryption/blind-index/switch").with(Staff.admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.rotating").value(false)).andExpect(jsonPath("$.currentKey").value(newFingerprint));
        assertThat(cipher.indexKeyFingerprint()).isEqualTo(newFingerprint);
        assertThat(cipher.rotatingIndexKey()).isFalse();
        assertThat(jdbc.sql("select count(*) from customer where id_number_bidx_next is not null").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select fingerprint from blind_index_key where field = 'customer.id_number'").query(String.class).single())
                .isEqualTo(newFingerprint);
        assertThat(jdbc.sql("select id_number_bidx from customer where id = :id").param("id", customer).query(String.class).single())
                .isEqualTo(cipher.blindIndex("customer.id_number", idNumber)).isNotEqualTo(BookFixtures.blindIndex(idNumber));

        // after: found by the new key, the late one and the changed one too, and duplicates still refused
        assertThat(searchById(idNumber)).contains("\"id\":" + customer + ",");
        assertThat(searchById(idNumberOf(late))).contains("\"id\":" + late + ",");
        assertThat(searchById(other)).contains("\"id\":" + customers.get(0) + ",");
        registrationRefusesTheDuplicate(idNumber, agent, customer);
        assertThat(jdbc.sql("select bank_account_bidx from customer where id = :id").param("id", customer).query(String.class).single())
                .isEqualTo(cipher.blindIndex("customer.bank_account", account));
        assertThat(jdbc.sql("select count(*) from customer where bank_account_bidx_next is not null").query(Long.class).single()).isZero();
        assertThat(searchById(account)).contains("\"id\":" + customer + ",");
        assertThat(jdbc.sql("select fingerprint from blind_index_key where field = 'customer.bank_account'").query(String.class).single())
                .isEqualTo(newFingerprint);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'KEY_ROTATION' and reason like :r")
                .param("r", "blind index key switched to " + newFingerprint + "%").query(Long.class).single()).isEqualTo(1);

        // without a next key any more: fill and switch are refused
        mvc.perform(post("/api/admin/encryption/blind-index/fill").with(Staff.admin())).andExpect(status().isConflict());
        mvc.perform(post("/api/admin/encryption/blind-index/switch").with(Staff.admin())).andExpect(status().isConflict());
    }

    @Test
    void theStatusAndTheFillAreOnTheEncryptionPageAndApi() throws Exception {
        mvc.perform(get("/api/admin/encryption/blind-index").with(Staff.admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.columns[0].column").value("customer.id_number"));
        String page = mvc.perform(get("/privacy/encryption").with(Staff.admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"blind-index\"").contains(cipher.indexKeyFingerprint());
    }

    /** Puts the development key's indexes back for the other test classes sharing this database. */
    @AfterEach
    void restoreTheDevelopmentIndexes() {
        FieldCipher dev = CryptoConfiguration.cipherFor(new CryptoSettings(true, Map.of(), null, null, null, null, true, ""));
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("select id, id_number from customer where id_number is not null").query(rs -> {
            rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
        });
        for (Object[] row : rows) {
            String clear = dev.open((String) row[1]);
            jdbc.sql("update customer set id_number_bidx = :b, id_number_bidx_next = null where id = :id and id_number_bidx is distinct from :b")
                    .param("b", dev.blindIndex("customer.id_number", customerIdNumber.indexForm().apply(clear))).param("id", row[0]).update();
        }
        jdbc.sql("update blind_index_key set fingerprint = :fp where field = 'customer.id_number'")
                .param("fp", dev.indexKeyFingerprint()).update();
    }
}
