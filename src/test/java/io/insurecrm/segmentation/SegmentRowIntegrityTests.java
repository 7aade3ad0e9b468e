package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The references of placements, rechecks and tags, checked per statement since V78 instead of per row by foreign keys:
 * the same guarantees — rows naming a missing customer or rule set refused, nothing written; deleted customers take
 * their rows with them; a rule set that rows name cannot be deleted. Each statement commits on its own (a refused one
 * ends its transaction), on a customer of the test's own.
 */
@SpringBootTest
class SegmentRowIntegrityTests {

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;

    long customer;
    long valueRules;
    long tagRules;

    @BeforeEach
    void placedCustomer() {
        BookFixtures book = new BookFixtures(jdbc);
        customer = book.individual("完整性", book.agent(book.branch("33")));
        recompute.recompute(customer);
        valueRules = jdbc.sql("select id from segment_rule_set where dimension = 'VALUE' and active").query(Long.class).single();
        tagRules = jdbc.sql("select id from tag_rule_set where active").query(Long.class).single();
    }

    @Test
    void aPlacementOfAMissingCustomerOrRuleSetIsRefusedAndNothingOfTheStatementIsWritten() {
        long before = placements();
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from, valid_to)
                        values (:ok, 'VALUE', 'HIGH', :rules, 'x', :from, :to), (-1, 'VALUE', 'HIGH', :rules, 'x', :from, :to)""")
                .param("ok", customer).param("rules", valueRules).param("from", LocalDate.of(2001, 1, 1))
                .param("to", LocalDate.of(2001, 2, 1)).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("segment_placement refers to a row that does not exist: customer -1");
        assertThat(placements()).isEqualTo(before);
    }

    @Test
    void aPlacementMovedToAMissingRuleSetIsRefused() {
        assertThatThrownBy(() -> jdbc.sql("update segment_placement set rule_set_id = -5 where customer_id = :c and valid_to is null")
                .param("c", customer).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("rule set -5");
    }

    @Test
    void tagsAndRechecksOfAMissingCustomerAreRefused() {
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at)
                        values (-2, 'NEED', 'X', 'MANUAL', 'n', 't', now())""").update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("customer -2");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into customer_tag (customer_id, tag_dimension, tag, source, tag_rule_set_id, reason_key, reason_args,
                                                  created_by, created_at)
                        values (:c, 'NEED', 'X', 'RULE', -3, 'k', '[]', 't', now())""").param("c", customer).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("tag rule set -3");
        assertThatThrownBy(() -> jdbc.sql("insert into segment_recheck (customer_id, due) values (-4, null)").update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("customer -4");
    }

    @Test
    void aStatementOfManyRowsIsRefusedAsOneOfAFewIs() {
        // beyond 100,000 written rows the customers are hashed once instead of looked up row by row (V116)
        long placements = placements();
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from, valid_to)
                        select :c, 'VALUE', 'HIGH', case when n = 100001 then -7 else :rules end, 'x',
                               date '1900-01-01' + n, date '1900-01-02' + n
                          from generate_series(1, 100001) n""").param("c", customer).param("rules", valueRules).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("rule set -7");
        assertThat(placements()).isEqualTo(placements);
        long tags = jdbc.sql("select count(*) from customer_tag").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at,
                                                  removed_by, removed_at)
                        select case when n = 100001 then -6 else :c end, 'NEED', 'X', 'MANUAL', 'n', 't', now(), 't', now()
                          from generate_series(1, 100001) n""").param("c", customer).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("customer -6");
        assertThat(jdbc.sql("select count(*) from customer_tag").query(Long.class).single()).isEqualTo(tags);
    }

    @Test
    void aDeletedCustomerTakesHisPlacementsRechecksAndTagsWithHim() {
        jdbc.sql("""
                insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at)
                values (:c, 'NEED', 'X', 'MANUAL', 'n', 't', now())""").param("c", customer).update();
        assertThat(rowsOf(customer)).isPositive();

        jdbc.sql("delete from customer where id = :c").param("c", customer).update();

        assertThat(rowsOf(customer)).isZero();
    }

    @Test
    void aRuleSetThatRowsNameCannotBeDeleted() {
        assertThatThrownBy(() -> jdbc.sql("delete from segment_rule_set where id = :id").param("id", valueRules).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("cannot be deleted");
        jdbc.sql("""
                insert into customer_tag (customer_id, tag_dimension, tag, source, tag_rule_set_id, reason_key, reason_args,
                                          created_by, created_at)
                values (:c, 'NEED', 'ZZ_TEST', 'RULE', :rules, 'k', '[]', 't', now())""")
                .param("c", customer).param("rules", tagRules).update();
        assertThatThrownBy(() -> jdbc.sql("delete from tag_rule_set where id = :id").param("id", tagRules).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("cannot be deleted");
    }

    private long placements() {
        return jdbc.sql("select count(*) from segment_placement").query(Long.class).single();
    }

    private long rowsOf(long id) {
        return jdbc.sql("""
                select (select count(*) from segment_placement where customer_id = :c)
                     + (select count(*) from segment_recheck where customer_id = :c)
                     + (select count(*) from customer_tag where customer_id = :c)""").param("c", id).query(Long.class).single();
    }
}
