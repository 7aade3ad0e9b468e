package io.insurecrm.coil;

import io.insurecrm.platform.rules.ActiveVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.insurecrm.platform.rules.StaleRuleVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned CoIL value band rules ({@code coil_value_band_rule_set}): the active version, every version, a preview
 * of proposed bands over the whole book (a migration matrix, one set-based statement: the book is about 10,000
 * customers) and saving proposed bands as the next version, the active one. The segment figures
 * ({@link CoilClusters#segments}) read the active version.
 */
@Service
public class CoilValueBandRuleSets {

    public static final int MAX_REASON = 500;
    /** The message key of the rules' label, naming the record when a save is refused. */
    public static final String RECORD = "coil.bands.record";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every customer of the book with his estimated annual premium, as the CTE {@code per_customer}. */
    static final String PER_CUSTOMER = """
            with per_customer as (
                select c.source, c.row_number, coalesce(sum(h.policies), 0) as policies,
                       coalesce(sum(%s), 0) as premium
                  from coil_customer c left join coil_holding h using (source, row_number)
                 group by c.source, c.row_number)
            """.formatted(CoilValueBand.sqlMidpoint("h.premium_band"));

    /**
     * SQL: the band of the estimate {@code pc.premium} under the bands bound as {@code :<prefix>Codes} and
     * {@code :<prefix>Froms} ({@link #codes}, {@link #froms}): valid bands are contiguous from 0 and ordered by their
     * lower bounds, so the band is the one whose lower bound is the last not above the estimate ({@code width_bucket}),
     * one array lookup per customer instead of a join (a join to a set-returning function made the planner's estimate
     * grow past the JIT threshold: 250–300 ms instead of 15–20 ms on this book).
     */
    static String bandOf(String prefix) {
        return "(cast(:" + prefix + "Codes as text[]))[width_bucket(pc.premium, cast(:" + prefix + "Froms as bigint[]))]";
    }

    /** The band codes of valid bands, in the order of their amounts. */
    static String[] codes(List<CoilValueBandRules.Band> bands) {
        return bands.stream().map(CoilValueBandRules.Band::band).toArray(String[]::new);
    }

    /** The lower bounds of valid bands, ascending. */
    static Long[] froms(List<CoilValueBandRules.Band> bands) {
        return bands.stream().map(CoilValueBandRules.Band::from).toArray(Long[]::new);
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CoilValueBandRuleSets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The active version. */
    @Transactional(readOnly = true)
    public CoilValueBandRules active() {
        return jdbc.sql("select * from coil_value_band_rule_set where active").query(CoilValueBandRuleSets::rules).single();
    }

    /** Every version, newest first. */
    @Transactional(readOnly = true)
    public List<CoilValueBandRules> versions() {
        return jdbc.sql("select * from coil_value_band_rule_set order by version desc").query(CoilValueBandRuleSets::rules).list();
    }

    /** Every problem of proposed bands and the reason for saving them; empty when they may be saved. */
    public static List<CoilBandProblem> check(List<CoilValueBandRules.Band> bands, String reason) {
        List<CoilBandProblem> problems = new ArrayList<>(CoilValueBandRules.check(bands));
        if (reason == null || reason.isBlank()) {
            problems.add(CoilBandProblem.of("reason", "reasonMissing"));
        } else if (reason.strip().length() > MAX_REASON) {
            problems.add(CoilBandProblem.of("reason", "reasonTooLong", MAX_REASON));
        }
        return problems;
    }

    /** As {@link #check(List, String)}, and a problem when the form does not name the version it was based on. */
    public static List<CoilBandProblem> check(List<CoilValueBandRules.Band> bands, String reason, Integer basedOn) {
        List<CoilBandProblem> problems = check(bands, reason);
        if (basedOn == null || basedOn < 1) {
            problems.add(CoilBandProblem.of("basedOnVersion", "basedOnMissing"));
        }
        return problems;
    }

    /**
     * How many customers of the book would move from which band of the active rules to which proposed band; nothing
     * saved. @throws InvalidCoilValueBands naming every problem of the bands
     */
    @Transactional(readOnly = true)
    public CoilBandPreview preview(List<CoilValueBandRules.Band> proposed) {
        List<CoilValueBandRules.Band> bands = CoilValueBandRules.valid(proposed);
        CoilValueBandRules active = active();
        List<CoilValueBand> from = active.bands().stream().map(CoilValueBandRules.Band::code).toList();
        List<CoilValueBand> to = bands.stream().map(CoilValueBandRules.Band::code).toList();
        long[][] counts = new long[from.size()][to.size()];
        jdbc.sql(PER_CUSTOMER + "select " + bandOf("active") + " as from_band, " + bandOf("proposed") + " as to_band, "
                        + "count(*) as customers\n  from per_customer pc group by 1, 2")
                .param("activeCodes", codes(active.bands())).param("activeFroms", froms(active.bands()))
                .param("proposedCodes", codes(bands)).param("proposedFroms", froms(bands))
                .query((rs, n) -> counts[from.indexOf(CoilValueBand.valueOf(rs.getString("from_band")))]
                        [to.indexOf(CoilValueBand.valueOf(rs.getString("to_band")))] += rs.getLong("customers"))
                .list();
        return new CoilBandPreview(active.version(), from, to, counts);
    }

    /**
     * Saves the bands as the next version, the active one, and returns it; refused when the form was based on an older
     * version than the active one.
     * @throws InvalidCoilValueBands naming every problem of the bands, the reason and the version they were based on
     * @throws StaleRuleVersion when a version other than {@code basedOn} is active (naming who saved it when)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public CoilValueBandRules save(List<CoilValueBandRules.Band> proposed, String reason, Integer basedOn, String by) {
        List<CoilBandProblem> problems = check(proposed, reason, basedOn);
        if (!problems.isEmpty()) {
            throw new InvalidCoilValueBands(problems);
        }
        List<CoilValueBandRules.Band> bands = CoilValueBandRules.valid(proposed);
        ActiveVersion.require(jdbc, "coil_value_band_rule_set", basedOn, RECORD, StaleRuleVersion.MESSAGE);
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from coil_value_band_rule_set").query(Integer.class).single();
        jdbc.sql("update coil_value_band_rule_set set active = false where active").update();
        return jdbc.sql("""
                        insert into coil_value_band_rule_set (version, bands, reason, created_at, created_by, active)
                        values (:version, cast(:bands as jsonb), :reason, :at, :by, true) returning *""")
                .param("version", next).param("bands", json(bands)).param("reason", reason.strip())
                .param("at", Timestamp.from(clock.instant())).param("by", by)
                .query(CoilValueBandRuleSets::rules).single();
    }

    static String json(List<CoilValueBandRules.Band> bands) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CoilValueBandRules.Band b : bands) {
            Map<String, Object> band = new LinkedHashMap<>();
            band.put("band", b.band());
            band.put("from", b.from());
            band.put("to", b.to());
            list.add(band);
        }
        return JSON.writeValueAsString(list);
    }

    private static CoilValueBandRules rules(ResultSet rs, int n) throws SQLException {
        List<CoilValueBandRules.Band> bands = List.of(JSON.readValue(rs.getString("bands"), CoilValueBandRules.Band[].class));
        return new CoilValueBandRules(rs.getLong("id"), rs.getInt("version"),
                bands.stream().sorted(java.util.Comparator.comparingLong(CoilValueBandRules.Band::from)).toList(),
                rs.getString("reason"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getBoolean("active"), rs.getString("reason_key"));
    }
}
