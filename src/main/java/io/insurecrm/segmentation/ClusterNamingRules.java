package io.insurecrm.segmentation;

import io.insurecrm.platform.clustering.NamingRuleChecks;
import io.insurecrm.platform.rules.ActiveVersion;
import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.InvalidRuleProposal;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned naming rule of the need clusters ({@code need_cluster_naming_rule_set}, docs/segmentation.md
 * section Clusters): the active version (a run names its clusters by it and records its version), every version, a preview
 * of a proposal over the current run's stored z profiles, and saving a proposal as the next version — refused when the
 * form was based on another version than the active one. A run keeps the names it was made with: a new version names
 * the next run's clusters.
 */
@Service
public class ClusterNamingRules {

    /** The message key of the rules' label, naming the record in every problem. */
    public static final String RECORD = "segmentation.clusters.naming";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NeedClusters clusters;

    ClusterNamingRules(JdbcClient jdbc, Clock clock, NeedClusters clusters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.clusters = clusters;
    }

    /** The active version. */
    @Transactional(readOnly = true)
    public ClusterNamingRule active() {
        return active(jdbc);
    }

    static ClusterNamingRule active(JdbcClient jdbc) {
        return jdbc.sql("select * from need_cluster_naming_rule_set where active").query(ClusterNamingRules::rule).single();
    }

    /** One version (a run reads the one it recorded). */
    static ClusterNamingRule version(JdbcClient jdbc, int version) {
        return jdbc.sql("select * from need_cluster_naming_rule_set where version = :v").param("v", version)
                .query(ClusterNamingRules::rule).single();
    }

    /** Every version, newest first. */
    @Transactional(readOnly = true)
    public List<ClusterNamingRule> versions() {
        return jdbc.sql("select * from need_cluster_naming_rule_set order by version desc").query(ClusterNamingRules::rule).list();
    }

    /** Every problem of a proposal (fields minZ, traits, maxTraits); empty when it may be previewed. */
    public static List<FieldProblem> check(ClusterNamingRule.Proposal proposal) {
        List<FieldProblem> problems = new ArrayList<>();
        ClusterNamingRule.Proposal p = proposal == null ? new ClusterNamingRule.Proposal(null, null, null) : proposal;
        NamingRuleChecks.check(problems, RECORD, p.minZ(), p.traits(), p.maxTraits());
        return problems;
    }

    /** Every problem of a proposal, its reason and the version it was based on; empty when it may be saved. */
    public static List<FieldProblem> check(ClusterNamingRule.Proposal proposal, String reason, Integer basedOn) {
        List<FieldProblem> problems = check(proposal);
        RuleChecks.reason(problems, RECORD, reason);
        RuleChecks.basedOn(problems, RECORD, basedOn);
        return problems;
    }

    /**
     * The current run's clusters named now and under the proposal, nothing saved (no run: empty lists).
     * @throws InvalidRuleProposal naming every problem of the proposal
     */
    @Transactional(readOnly = true)
    public ClusterNamingPreview preview(ClusterNamingRule.Proposal proposal) {
        List<FieldProblem> problems = check(proposal);
        if (!problems.isEmpty()) {
            throw new InvalidRuleProposal(problems);
        }
        int active = active().version();
        ClusterRun run = clusters.current().orElse(null);
        if (run == null) {
            return new ClusterNamingPreview(null, active, List.of(), List.of());
        }
        List<NeedCluster> list = clusters.clusters(run.id());
        List<double[]> z = list.stream().map(c -> NeedClusterSql.FEATURES.stream().mapToDouble(f -> {
            Double value = c.zProfile().get(f);
            return value == null ? 0 : value;
        }).toArray()).toList();
        return new ClusterNamingPreview(run, active, list.stream().map(NeedCluster::traits).toList(),
                ClusterNaming.name(NeedClusterSql.FEATURES, z, proposal.rule()));
    }

    /**
     * Saves the proposal as the next version, the active one, and returns it; the next run names by it.
     * @throws InvalidRuleProposal naming every problem of the proposal, the reason or the version it was based on
     * @throws StaleRuleVersion when a version other than {@code basedOn} is active
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public ClusterNamingRule save(ClusterNamingRule.Proposal proposal, String reason, Integer basedOn, String by) {
        List<FieldProblem> problems = check(proposal, reason, basedOn);
        if (!problems.isEmpty()) {
            throw new InvalidRuleProposal(problems);
        }
        ActiveVersion.require(jdbc, "need_cluster_naming_rule_set", basedOn, RECORD, StaleRuleVersion.MESSAGE);
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from need_cluster_naming_rule_set").query(Integer.class).single();
        jdbc.sql("update need_cluster_naming_rule_set set active = false where active").update();
        return jdbc.sql("""
                        insert into need_cluster_naming_rule_set (version, min_z, traits, max_traits, reason, created_at,
                                                                  created_by, active)
                        values (:version, :minZ, :traits, :maxTraits, :reason, :at, :by, true) returning *""")
                .param("version", next).param("minZ", proposal.minZ()).param("traits", proposal.traits())
                .param("maxTraits", proposal.maxTraits()).param("reason", reason.strip())
                .param("at", Timestamp.from(clock.instant())).param("by", by)
                .query(ClusterNamingRules::rule).single();
    }

    private static ClusterNamingRule rule(ResultSet rs, int n) throws SQLException {
        return new ClusterNamingRule(rs.getLong("id"), rs.getInt("version"), rs.getDouble("min_z"), rs.getInt("traits"),
                rs.getInt("max_traits"), rs.getString("reason"), rs.getString("reason_key"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getBoolean("active"));
    }
}
