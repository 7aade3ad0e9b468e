package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Duplicate detection, merge and unmerge against PostgreSQL. */
@SpringBootTest
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
class DeduplicationTests {

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired
    io.insurecrm.customer.CustomerManagement customers;

    @Autowired
    io.insurecrm.customer.IdNumberProtection idNumbers;
    @Autowired
    Deduplication deduplication;
    @Autowired
    CustomerMerges merges;
    @Autowired
    JdbcClient jdbc;

    BookFixtures book;
    long agent;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
    }

    @Test
    void pinyinKeysMatchHomophonesAndSwappedOrder() {
        assertThat(PinyinKeys.key("张伟")).isEqualTo("wei zhang");
        assertThat(PinyinKeys.key("章伟")).isEqualTo(PinyinKeys.key("张伟"));
        assertThat(PinyinKeys.key("伟张")).isEqualTo(PinyinKeys.key("张伟"));
        assertThat(PinyinKeys.key("Wei Zhang")).isEqualTo(PinyinKeys.key("张伟"));
        assertThat(PinyinKeys.key("李娜")).isNotEqualTo(PinyinKeys.key("张伟"));
    }

    private long person(String name, LocalDate birth, String phone) {
        long id = book.individual(name, birth, true, "33", agent);
        jdbc.sql("update customer set phone = :p where id = :id").param("p", phone).param("id", id).update();
        return id;
    }

    private Deduplication.Candidate candidateOf(long a, long b) {
        long id = jdbc.sql("select id from duplicate_candidate where customer_a = :a and customer_b = :b")
                .param("a", Math.min(a, b)).param("b", Math.max(a, b)).query(Long.class).optional().orElse(-1L);
        return deduplication.candidate(id).orElse(null);
    }

    @Test
    void theBatchFindsPairsByEachRuleWithScoresAndReasonsAndLeavesDifferentPeopleAlone() {
        LocalDate birth = LocalDate.of(1977, 4, 9 + (int) (BookFixtures.next() % 15));
        String phone = BookFixtures.mobile();
        long original = person("欧阳明轩", birth, phone);
        long homophone = person("欧阳明宣", birth, phone);                 // typo: a homophone, same phone
        long swapped = person("明轩欧阳", birth, null);                    // swapped order, no phone
        long newPhone = person("欧阳明轩", birth, BookFixtures.mobile());   // same name and birth, changed phone
        long stranger = person("司马光辉", birth, BookFixtures.mobile());   // same birth date only
        deduplication.runBatch();

        Deduplication.Candidate typo = candidateOf(original, homophone);
        assertThat(typo).isNotNull();
        assertThat(typo.reasons()).contains("SIMILAR_NAME_AND_BIRTH", "SAME_PHONE", "SAME_CITY");
        assertThat(typo.score()).isEqualByComparingTo("1.000");
        assertThat(candidateOf(original, swapped).reasons()).containsExactly("SIMILAR_NAME_AND_BIRTH", "SAME_CITY",
                "SAME_REGION", "SAME_GENDER", "SAME_AGENT");
        Deduplication.Candidate changed = candidateOf(original, newPhone);
        assertThat(changed.reasons().get(0)).isEqualTo("SAME_NAME_AND_BIRTH");
        assertThat(changed.score()).isGreaterThanOrEqualTo(deduplication.threshold());
        assertThat(candidateOf(original, stranger)).isNull();

        // a second run changes nothing and keeps a dismissed pair dismissed
        deduplication.dismiss(changed.id(), "tester");
        Deduplication.RunResult again = deduplication.runBatch();
        assertThat(again.namesKeyed()).isZero();
        assertThat(deduplication.candidate(changed.id()).orElseThrow().status()).isEqualTo("DISMISSED");
    }

    @Test
    void aLegacyFifteenDigitIdNumberIsTheSameIdNumber() {
        // ID numbers are encrypted (ADR 0004): the same-number rule compares blind indexes, and a legacy 15-digit
        // number is widened to its 18-character form before indexing, so it has the modern number's index; the
        // unique index on id_number_bidx then keeps a second customer with the legacy number out of the book.
        LocalDate birth = LocalDate.of(1966, 2, 3);
        long modern = person("钱学文", birth, null);
        String id18 = jdbc.sql("select id_number from customer where id = :id").param("id", modern).query(String.class).single();
        String id15 = id18.substring(0, 6) + id18.substring(8, 17);
        assertThat(idNumbers.blindIndex(id15)).isEqualTo(idNumbers.blindIndex(id18));
        long legacy = person("钱学文改", LocalDate.of(1966, 2, 3), null);
        assertThatThrownBy(() -> jdbc.sql("update customer set id_number = :n, id_number_bidx = :b where id = :id")
                .param("n", id15).param("b", idNumbers.blindIndex(id15)).param("id", legacy).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void mergeMovesEverythingToTheSurvivorAndUnmergeRestoresBothExactly() throws Exception {
        LocalDate birth = LocalDate.of(1988, 8, 8);
        long survivor = person("诸葛文静", birth, null);
        long merged = person("诸葛文静", birth, BookFixtures.mobile());
        jdbc.sql("update customer set occupation = null, updated_at = now() - interval '1 day' where id = :id")
                .param("id", survivor).update();
        long product = book.product("合并险", "Merge", "ACCIDENT", "BASIC");
        long policy = book.policy(merged, product, "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "100");
        long claim = book.claim(policy, LocalDate.of(2025, 5, 1), "50", "REPORTED");
        long interaction = book.interaction(merged, "CONSULTATION", BookFixtures.at("2025-05-01T10:00"), "ok");
        long household = book.household("诸葛家", merged);
        String beforeSurvivor = row("customer", survivor);
        String beforeMerged = row("customer", merged);
        deduplication.runBatch();
        Deduplication.Candidate candidate = candidateOf(survivor, merged);

        CustomerMerges.Merge merge = merges.mergeCandidate(candidate.id(), survivor, "tester");
        assertThat(merge.state()).isEqualTo(MergeState.MERGED);
        assertThat(jdbc.sql("select holder_id from policy where id = :id").param("id", policy).query(Long.class).single())
                .isEqualTo(survivor);
        assertThat(jdbc.sql("select customer_id from claim where id = :id").param("id", claim).query(Long.class).single())
                .isEqualTo(survivor);
        assertThat(jdbc.sql("select customer_id from interaction where id = :id").param("id", interaction)
                .query(Long.class).single()).isEqualTo(survivor);
        assertThat(jdbc.sql("select customer_id from household_member where household_id = :h").param("h", household)
                .query(Long.class).single()).isEqualTo(survivor);
        // survivorship: the phone from the more recent record, the occupation filled from the merged one
        Map<String, Object> after = jdbc.sql("select phone, occupation from customer where id = :id").param("id", survivor)
                .query().singleRow();
        assertThat(after.get("phone")).isNotNull();
        assertThat(after.get("occupation")).isEqualTo("工程师");
        assertThat(deduplication.candidate(candidate.id()).orElseThrow().status()).isEqualTo("MERGED");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'MERGE' and customer_id in (:ids)")
                .param("ids", List.of(survivor, merged)).query(Integer.class).single()).isEqualTo(2);
        assertThatThrownBy(() -> merges.merge(survivor, merged, null, "tester"))
                .hasMessageContaining("dedupe.merge.alreadyMerged");
        // the merged customer is no longer listed; his own phone finds the survivor; his page shows the survivor
        String mergedPhone = jdbc.sql("select phone from customer where id = :id").param("id", merged).query(String.class).single();
        assertThat(listed("诸葛文静")).containsExactly(survivor);
        assertThat(listed(mergedPhone)).containsExactly(survivor);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/customers/{id}", merged)
                        .with(io.insurecrm.fixtures.Staff.admin()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/customers/" + survivor + "?mergedFrom=" + merged));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/customers/{id}", survivor)
                        .param("mergedFrom", String.valueOf(merged)).with(io.insurecrm.fixtures.Staff.admin()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("客户 " + merged + " 已合并至此客户")));

        merges.unmerge(merge.id(), "tester");
        assertThat(row("customer", survivor)).isEqualTo(beforeSurvivor);
        assertThat(row("customer", merged)).isEqualTo(beforeMerged);
        assertThat(jdbc.sql("select holder_id from policy where id = :id").param("id", policy).query(Long.class).single())
                .isEqualTo(merged);
        assertThat(jdbc.sql("select customer_id from interaction where id = :id").param("id", interaction)
                .query(Long.class).single()).isEqualTo(merged);
        assertThat(jdbc.sql("select customer_id from household_member where household_id = :h").param("h", household)
                .query(Long.class).single()).isEqualTo(merged);
        assertThat(deduplication.candidate(candidate.id()).orElseThrow().status()).isEqualTo("OPEN");
        assertThat(merges.merge(merge.id()).state()).isEqualTo(MergeState.UNMERGED);
        assertThat(listed("诸葛文静")).containsExactlyInAnyOrder(survivor, merged);
        assertThat(listed(mergedPhone)).containsExactly(merged);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'MERGE' and customer_id in (:ids)")
                .param("ids", List.of(survivor, merged)).query(Integer.class).single()).isEqualTo(4);
    }

    private List<Long> listed(String text) {
        return customers.search(new io.insurecrm.customer.CustomerQuery(text, null, null, "id", false, 0, 50),
                io.insurecrm.platform.security.DataScope.all()).content().stream().map(io.insurecrm.customer.CustomerRow::id).toList();
    }

    /** The row as JSON without the version (which moves on with every write). */
    private String row(String table, long id) {
        return jdbc.sql("select (to_jsonb(t) - 'version')::text from " + table + " t where t.id = :id").param("id", id)
                .query(String.class).single();
    }
}
