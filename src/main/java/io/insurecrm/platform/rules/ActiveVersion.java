package io.insurecrm.platform.rules;

import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The check every versioned rule table makes before saving its next version: the active row is locked (two saves
 * made from the same version are decided one after the other) and a save made from any other version than the active
 * one is refused ({@link StaleRuleVersion}), naming who saved the active one and when. The table has the columns
 * version, created_by, created_at and active; its name and condition are constants of the caller, never user input.
 */
public final class ActiveVersion {

    private ActiveVersion() {
    }

    /** {@link #require(JdbcClient, String, String, Map, int, String, String)} for a table with one active row. */
    public static void require(JdbcClient jdbc, String table, int basedOn, String recordKey, String messageCode) {
        require(jdbc, table, "true", Map.of(), basedOn, recordKey, messageCode);
    }

    /**
     * Locks the active row of {@code table} among those {@code condition} selects (bound with {@code params}) and
     * refuses a save based on another version, with the refusal's message {@code messageCode} (rules.stale or one of
     * the same arguments) naming the rules by the label {@code recordKey}.
     */
    public static void require(JdbcClient jdbc, String table, String condition, Map<String, ?> params, int basedOn,
                               String recordKey, String messageCode) {
        record Active(int version, String by, Instant at) {
        }
        Active active = jdbc.sql("select version, created_by, created_at from " + table + " where " + condition
                        + " and active for update")
                .params(params)
                .query((rs, n) -> new Active(rs.getInt("version"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
                .single();
        if (active.version() != basedOn) {
            throw new StaleRuleVersion(recordKey, messageCode, basedOn, active.version(), active.by(), active.at());
        }
    }
}
