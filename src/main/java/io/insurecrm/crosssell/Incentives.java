package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.SegmentRules;
import io.insurecrm.segmentation.ValueBand;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned cross-sell incentives per VALUE tier: the active set, every version, and saving a new version
 * (validated first against the tiers of the segmentation module's active VALUE rules).
 */
@Service
public class Incentives {

    /** The message key of the incentives' label, naming the record when a save is refused. */
    public static final String RECORD = "crosssell.incentives.record";

    private final RuleSetVersions<Incentive, IncentiveSet> sets;
    private final SegmentRules segmentRules;
    private final Clock clock;

    Incentives(JdbcClient jdbc, SegmentRules segmentRules, Clock clock) {
        this.sets = new RuleSetVersions<>(jdbc, "crosssell_incentive_set", "crosssell_incentive", "incentive_set_id",
                Incentives::incentive, IncentiveSet::new);
        this.segmentRules = segmentRules;
        this.clock = clock;
    }

    /** The VALUE tiers an incentive may name: the segments of the active VALUE rules, lowest band first. */
    public Set<String> tiers() {
        Set<String> tiers = new LinkedHashSet<>();
        segmentRules.active(Dimension.VALUE).bands().stream().map(ValueBand::segment).forEach(tiers::add);
        return tiers;
    }

    @Transactional(readOnly = true)
    public IncentiveSet active() {
        return sets.active();
    }

    @Transactional(readOnly = true)
    public List<IncentiveSet> versions() {
        return sets.versions();
    }

    /** Every problem of the proposed incentives; empty when they may be saved. */
    public List<IncentiveProblem> check(List<Incentive> incentives) {
        return IncentiveCheck.check(incentives, tiers());
    }

    /** The problems of a save's reason and of the version it was made from (row 0, field reason or basedOnVersion). */
    public static List<IncentiveProblem> noteProblems(String reason, Integer basedOnVersion) {
        return RuleSetVersions.noteProblems(RECORD, reason, basedOnVersion).stream()
                .map(p -> new IncentiveProblem(0, p.field(), p.code(), p.arguments())).toList();
    }

    /**
     * Saves the incentives as the next version and makes it the active one, with the reason; the check against the
     * active version runs under the active row's lock.
     * @throws InvalidIncentives listing every problem of the incentives, the reason and the version they were made from
     * @throws StaleRuleVersion when the active version is not {@code basedOnVersion} (naming who saved it when)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public IncentiveSet save(List<Incentive> incentives, String reason, Integer basedOnVersion, String by) {
        List<IncentiveProblem> problems = new java.util.ArrayList<>(check(incentives));
        problems.addAll(noteProblems(reason, basedOnVersion));
        if (!problems.isEmpty()) {
            throw new InvalidIncentives(problems);
        }
        return sets.saveNext(incentives, reason, basedOnVersion, RECORD, clock.instant(), by, """
                        insert into crosssell_incentive (incentive_set_id, position, code, tier, line, kind,
                            discount_percent, points, description_zh, description_en)
                        values (:set, :position, :code, :tier, :line, :kind, :discount, :points, :zh, :en)""",
                (insert, in) -> insert.param("code", in.code().strip())
                        .param("tier", in.tier().strip()).param("line", in.line() == null ? null : in.line().name())
                        .param("kind", in.kind().name()).param("discount", in.discountPercent()).param("points", in.points())
                        .param("zh", in.descriptionZh().strip()).param("en", in.descriptionEn().strip()));
    }

    private static Incentive incentive(ResultSet rs, int n) throws SQLException {
        String line = rs.getString("line");
        return new Incentive(rs.getString("code"), rs.getString("tier"), line == null ? null : ProductLine.valueOf(line),
                Incentive.Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("discount_percent"),
                (Integer) rs.getObject("points"), rs.getString("description_zh"), rs.getString("description_en"));
    }
}
