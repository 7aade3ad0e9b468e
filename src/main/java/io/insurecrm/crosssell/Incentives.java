package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.SegmentRules;
import io.insurecrm.segmentation.ValueBand;
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

    private final JdbcClient jdbc;
    private final SegmentRules segmentRules;
    private final Clock clock;

    Incentives(JdbcClient jdbc, SegmentRules segmentRules, Clock clock) {
        this.jdbc = jdbc;
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
        long id = jdbc.sql("select id from crosssell_incentive_set where active").query(Long.class).single();
        return load(id);
    }

    @Transactional(readOnly = true)
    public List<IncentiveSet> versions() {
        return jdbc.sql("select id from crosssell_incentive_set order by version desc").query(Long.class).list()
                .stream().map(this::load).toList();
    }

    /** Every problem of the proposed incentives; empty when they may be saved. */
    public List<IncentiveProblem> check(List<Incentive> incentives) {
        return IncentiveCheck.check(incentives, tiers());
    }

    /**
     * Saves the incentives as the next version and makes it the active one.
     * @throws InvalidIncentives listing every problem when they are not valid
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public IncentiveSet save(List<Incentive> incentives, String by) {
        List<IncentiveProblem> problems = check(incentives);
        if (!problems.isEmpty()) {
            throw new InvalidIncentives(problems);
        }
        long id = RuleSetVersions.openNext(jdbc, "crosssell_incentive_set", clock.instant(), by);
        for (int i = 0; i < incentives.size(); i++) {
            Incentive in = incentives.get(i);
            jdbc.sql("""
                            insert into crosssell_incentive (incentive_set_id, position, code, tier, line, kind,
                                discount_percent, points, description_zh, description_en)
                            values (:set, :position, :code, :tier, :line, :kind, :discount, :points, :zh, :en)""")
                    .param("set", id).param("position", i + 1).param("code", in.code().strip())
                    .param("tier", in.tier().strip()).param("line", in.line() == null ? null : in.line().name())
                    .param("kind", in.kind().name()).param("discount", in.discountPercent()).param("points", in.points())
                    .param("zh", in.descriptionZh().strip()).param("en", in.descriptionEn().strip())
                    .update();
        }
        return load(id);
    }

    private IncentiveSet load(long id) {
        List<Incentive> incentives = jdbc.sql("select * from crosssell_incentive where incentive_set_id = :id order by position")
                .param("id", id).query(Incentives::incentive).list();
        return jdbc.sql("select * from crosssell_incentive_set where id = :id").param("id", id)
                .query((rs, n) -> new IncentiveSet(rs.getLong("id"), rs.getInt("version"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getBoolean("active"),
                        incentives))
                .single();
    }

    private static Incentive incentive(ResultSet rs, int n) throws SQLException {
        String line = rs.getString("line");
        return new Incentive(rs.getString("code"), rs.getString("tier"), line == null ? null : ProductLine.valueOf(line),
                Incentive.Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("discount_percent"),
                (Integer) rs.getObject("points"), rs.getString("description_zh"), rs.getString("description_en"));
    }
}
