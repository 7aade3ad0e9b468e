package io.insurecrm.crosssell;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The version bookkeeping both versioned rule tables of the module share (gap rules, incentives): a save locks the
 * active set, numbers the new one after the highest version, deactivates the old one and inserts the new one active,
 * all in the caller's transaction.
 */
final class RuleSetVersions {

    private RuleSetVersions() {
    }

    /**
     * Opens the next version of the set table as the active one and returns its id.
     * @param table {@code crosssell_gap_rule_set} or {@code crosssell_incentive_set} (a constant, never user input)
     */
    static long openNext(JdbcClient jdbc, String table, Instant at, String by) {
        jdbc.sql("select id from " + table + " where active for update").query(Long.class).optional();
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from " + table).query(Integer.class).single();
        jdbc.sql("update " + table + " set active = false where active").update();
        return jdbc.sql("insert into " + table + " (version, created_at, created_by, active) values (:version, :at, :by, true) returning id")
                .param("version", next).param("at", Timestamp.from(at)).param("by", by)
                .query(Long.class).single();
    }
}
