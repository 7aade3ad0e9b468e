package io.insurecrm.coil;

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
 * The versioned CoIL cluster rules ({@code coil_cluster_rule_set}, docs/importing.md): the active version (a run
 * weighs its features and names its clusters by it and records its version), every version, a preview of proposed
 * rules over the current run's stored z profiles and book means, and saving proposed rules as the next version —
 * refused when the form was based on another version than the active one. A run keeps the names it was made with.
 */
@Service
public class CoilClusterRules {

    /** The message key of the rules' label, naming the record in every problem. */
    public static final String RECORD = "coil.clusterRules";
    public static final double WEIGHT_FROM = 0.05;
    public static final double WEIGHT_TO = 5;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CoilClusters clusters;

    CoilClusterRules(JdbcClient jdbc, Clock clock, CoilClusters clusters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.clusters = clusters;
    }

    /** The active version. */
    @Transactional(readOnly = true)
    public CoilClusterRule active() {
        return active(jdbc);
    }

    static CoilClusterRule active(JdbcClient jdbc) {
        return jdbc.sql("select * from coil_cluster_rule_set where active").query(CoilClusterRules::rule).single();
    }

    /** One version (a run reads the one it recorded). */
    static CoilClusterRule version(JdbcClient jdbc, int version) {
        return jdbc.sql("select * from coil_cluster_rule_set where version = :v").param("v", version)
                .query(CoilClusterRules::rule).single();
    }

    /** Every version, newest first. */
    @Transactional(readOnly = true)
    public List<CoilClusterRule> versions() {
        return jdbc.sql("select * from coil_cluster_rule_set order by version desc").query(CoilClusterRules::rule).list();
    }

    /** Every problem of proposed rules (each field named); empty when they may be previewed. */
    public static List<FieldProblem> check(CoilClusterRule.Proposal proposal) {
        List<FieldProblem> problems = new ArrayList<>();
        CoilClusterRule.Proposal p = proposal == null
                ? new CoilClusterRule.Proposal(null, null, null, null, null, null, null) : proposal;
        NamingRuleChecks.check(problems, RECORD, p.minZ(), p.traits(), p.maxTraits());
        RuleChecks.range(problems, RECORD, "commonProduct", p.commonProduct(), 0, 1);
        RuleChecks.range(problems, RECORD, "productWeight", p.productWeight(), WEIGHT_FROM, WEIGHT_TO);
        RuleChecks.range(problems, RECORD, "demographicWeight", p.demographicWeight(), WEIGHT_FROM, WEIGHT_TO);
        RuleChecks.range(problems, RECORD, "mainTypeWeight", p.mainTypeWeight(), WEIGHT_FROM, WEIGHT_TO);
        return problems;
    }

    /** Every problem of proposed rules, their reason and the version they were based on; empty when they may be saved. */
    public static List<FieldProblem> check(CoilClusterRule.Proposal proposal, String reason, Integer basedOn) {
        List<FieldProblem> problems = check(proposal);
        RuleChecks.reason(problems, RECORD, reason);
        RuleChecks.basedOn(problems, RECORD, basedOn);
        return problems;
    }

    /**
     * The current run's clusters named now and under the proposed naming, and whether the weights change (they apply
     * from the next run), nothing saved. @throws InvalidRuleProposal naming every problem of the proposal
     */
    @Transactional(readOnly = true)
    public CoilClusterRulePreview preview(CoilClusterRule.Proposal proposal) {
        List<FieldProblem> problems = check(proposal);
        if (!problems.isEmpty()) {
            throw new InvalidRuleProposal(problems);
        }
        CoilClusterRule active = active();
        boolean weightsChanged = !active.weights().equals(proposal.weights());
        CoilClusterRun run = clusters.current().orElse(null);
        if (run == null) {
            return new CoilClusterRulePreview(null, active.version(), List.of(), List.of(), weightsChanged);
        }
        List<CoilClusters.Cluster> list = clusters.clusters(run.id());
        List<double[]> z = list.stream().map(c -> c.zProfile().stream().mapToDouble(v -> v == null ? 0 : v).toArray()).toList();
        List<List<CoilClusterNaming.Trait>> proposed = CoilClusterNaming.name(z, clusters.bookMeans(run.id()),
                proposal.naming(), proposal.commonProduct());
        return new CoilClusterRulePreview(run, active.version(), list.stream().map(CoilClusters.Cluster::traits).toList(),
                proposed, weightsChanged);
    }

    /**
     * Saves proposed rules as the next version, the active one, and returns it; the next run weighs and names by it.
     * @throws InvalidRuleProposal naming every problem of the rules, the reason or the version they were based on
     * @throws StaleRuleVersion when a version other than {@code basedOn} is active
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public CoilClusterRule save(CoilClusterRule.Proposal proposal, String reason, Integer basedOn, String by) {
        List<FieldProblem> problems = check(proposal, reason, basedOn);
        if (!problems.isEmpty()) {
            throw new InvalidRuleProposal(problems);
        }
        ActiveVersion.require(jdbc, "coil_cluster_rule_set", basedOn, RECORD, StaleRuleVersion.MESSAGE);
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from coil_cluster_rule_set").query(Integer.class).single();
        jdbc.sql("update coil_cluster_rule_set set active = false where active").update();
        return jdbc.sql("""
                        insert into coil_cluster_rule_set (version, min_z, traits, max_traits, common_product, product_weight,
                                                           demographic_weight, main_type_weight, reason, created_at, created_by, active)
                        values (:version, :minZ, :traits, :maxTraits, :common, :product, :demographic, :mainType, :reason, :at,
                                :by, true) returning *""")
                .param("version", next).param("minZ", proposal.minZ()).param("traits", proposal.traits())
                .param("maxTraits", proposal.maxTraits()).param("common", proposal.commonProduct())
                .param("product", proposal.productWeight()).param("demographic", proposal.demographicWeight())
                .param("mainType", proposal.mainTypeWeight()).param("reason", reason.strip())
                .param("at", Timestamp.from(clock.instant())).param("by", by)
                .query(CoilClusterRules::rule).single();
    }

    private static CoilClusterRule rule(ResultSet rs, int n) throws SQLException {
        return new CoilClusterRule(rs.getLong("id"), rs.getInt("version"), rs.getDouble("min_z"), rs.getInt("traits"),
                rs.getInt("max_traits"), rs.getDouble("common_product"), rs.getDouble("product_weight"),
                rs.getDouble("demographic_weight"), rs.getDouble("main_type_weight"), rs.getString("reason"),
                rs.getString("reason_key"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getBoolean("active"));
    }
}
