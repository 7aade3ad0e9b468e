package io.insurecrm.crosssell;

import io.insurecrm.platform.rules.ActiveVersion;
import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The version bookkeeping both versioned rule tables of the module share (gap rules, incentives): the active set,
 * every version, a set with its items in order, and a save that locks the active set, refuses the save when the active
 * version is not the one the proposal was made from, numbers the new one after the highest version, deactivates the
 * old one, inserts the new one active with its reason and its items by position — all in the caller's transaction. Table and column names are constants of the module (never user input).
 *
 * @param <T> an item of a set (a gap rule, an incentive)
 * @param <S> a version of the set
 */
final class RuleSetVersions<T, S> {

    /** A version of the set from its row and its items. */
    @FunctionalInterface
    interface SetOf<T, S> {
        S of(long id, int version, Instant createdAt, String createdBy, boolean active, List<T> items, String reason);
    }

    /** The parameters of an item's insert beyond {@code :set} and {@code :position}. */
    @FunctionalInterface
    interface ItemParams<T> {
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec insert, T item);
    }

    private final JdbcClient jdbc;
    private final String setTable;
    private final String itemTable;
    private final String setColumn;
    private final RowMapper<T> item;
    private final SetOf<T, S> set;

    /**
     * @param setTable  {@code crosssell_gap_rule_set} or {@code crosssell_incentive_set}
     * @param itemTable the items' table, whose {@code setColumn} names the set and {@code position} orders them
     */
    RuleSetVersions(JdbcClient jdbc, String setTable, String itemTable, String setColumn, RowMapper<T> item, SetOf<T, S> set) {
        this.jdbc = jdbc;
        this.setTable = setTable;
        this.itemTable = itemTable;
        this.setColumn = setColumn;
        this.item = item;
        this.set = set;
    }

    /**
     * The problems of a save's reason and of the version it was made from (the checks every rule editor shares), as
     * problems of the set as a whole (row 0) naming the field {@code reason} or {@code basedOnVersion}.
     */
    static List<FieldProblem> noteProblems(String recordKey, String reason, Integer basedOn) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        RuleChecks.reason(problems, recordKey, reason);
        RuleChecks.basedOn(problems, recordKey, basedOn);
        return problems;
    }

    S active() {
        return load(jdbc.sql("select id from " + setTable + " where active").query(Long.class).single());
    }

    /** Every version, newest first. */
    List<S> versions() {
        return jdbc.sql("select id from " + setTable + " order by version desc").query(Long.class).list()
                .stream().map(this::load).toList();
    }

    /**
     * Saves the items as the next version, the active one, with its reason, and returns it: {@code insert} inserts one
     * item with the parameters {@code :set}, {@code :position} (from 1) and those {@code params} binds. The active
     * version is compared with {@code basedOn} under its row's lock.
     * @throws StaleRuleVersion naming the set by {@code recordKey} when the active version is not {@code basedOn}
     */
    S saveNext(List<T> items, String reason, int basedOn, String recordKey, Instant at, String by, String insert,
               ItemParams<T> params) {
        ActiveVersion.require(jdbc, setTable, basedOn, recordKey, "crosssell.rules.stale");
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from " + setTable).query(Integer.class).single();
        jdbc.sql("update " + setTable + " set active = false where active").update();
        long id = jdbc.sql("insert into " + setTable + " (version, reason, created_at, created_by, active) "
                        + "values (:version, :reason, :at, :by, true) returning id")
                .param("version", next).param("reason", reason.strip()).param("at", Timestamp.from(at)).param("by", by)
                .query(Long.class).single();
        for (int i = 0; i < items.size(); i++) {
            params.bind(jdbc.sql(insert).param("set", id).param("position", i + 1), items.get(i)).update();
        }
        return load(id);
    }

    private S load(long id) {
        List<T> items = jdbc.sql("select * from " + itemTable + " where " + setColumn + " = :id order by position")
                .param("id", id).query(item).list();
        return jdbc.sql("select * from " + setTable + " where id = :id").param("id", id)
                .query((rs, n) -> set.of(rs.getLong("id"), rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"), rs.getBoolean("active"), items, rs.getString("reason")))
                .single();
    }
}
