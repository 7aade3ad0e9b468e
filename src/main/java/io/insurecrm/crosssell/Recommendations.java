package io.insurecrm.crosssell;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.product.ProductLine;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.Placement;
import io.insurecrm.segmentation.SegmentQueries;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Next-best products of a customer and ranked target lists per product line, from the latest trained models, with the
 * incentive of the customer's VALUE tier.
 */
@Service
@Transactional(readOnly = true)
public class Recommendations {

    static final int REASONS = 3;
    public static final int MAX_TARGETS = 5_000;

    private final JdbcClient jdbc;
    private final PropensityModels models;
    private final ConsentRegistry consents;
    private final Incentives incentives;
    private final SegmentQueries segments;
    private final Clock clock;

    Recommendations(JdbcClient jdbc, PropensityModels models, ConsentRegistry consents, Incentives incentives,
                    SegmentQueries segments, Clock clock) {
        this.jdbc = jdbc;
        this.models = models;
        this.consents = consents;
        this.incentives = incentives;
        this.segments = segments;
        this.clock = clock;
    }

    /** The lines the customer does not hold, best first (at most {@code limit}). @throws NotFoundException outside the scope */
    public NextBest forCustomer(long customerId, DataScope scope, int limit) {
        String kind = jdbc.sql("select c.kind from customer c where c.id = :id and " + DataScope.predicate("c"))
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(String.class).optional()
                .orElseThrow(() -> NotFoundException.of("customer.notFound", customerId));
        Map<ProductLine, LineModel> latest = models.latest();
        if (latest.isEmpty()) {
            return NextBest.none(NextBest.Status.NOT_TRAINED);
        }
        if (!"INDIVIDUAL".equals(kind)) {
            return NextBest.none(NextBest.Status.NOT_APPLICABLE);
        }
        if (!consents.isGranted(customerId, ConsentPurpose.ANALYTICS)) {
            return NextBest.none(NextBest.Status.NO_ANALYTICS_CONSENT);
        }
        PropensityModels.Data data = models.features("c0.id = :id", Map.of("id", customerId));
        if (data.ids().length == 0) {
            return NextBest.none(NextBest.Status.NO_ANALYTICS_CONSENT);
        }
        String tier = segments.placementsOn(customerId, LocalDate.now(clock), scope).stream()
                .filter(p -> p.dimension() == Dimension.VALUE).map(Placement::segment).findFirst().orElse(null);
        IncentiveSet offers = incentives.active();
        List<NextBest.Recommendation> ranked = new ArrayList<>();
        for (LineModel model : latest.values()) {
            int bit = 1 << BookFeatures.LINES.indexOf(model.line());
            if ((data.holds()[0] & bit) != 0) {
                continue;
            }
            Propensity p = model.explain(data.x()[0], REASONS);
            ranked.add(new NextBest.Recommendation(model.line(), p.score(), p.reasons(),
                    offers.applying(tier, model.line()).orElse(null)));
        }
        ranked.sort(Comparator.comparingDouble(NextBest.Recommendation::score).reversed()
                .thenComparing(NextBest.Recommendation::line));
        LineModel any = latest.values().iterator().next();
        return new NextBest(NextBest.Status.OK, any.version(), any.trainedAt(), tier, ranked.subList(0, Math.min(limit, ranked.size())));
    }

    /** Up to {@code limit} (at most {@value #MAX_TARGETS}) customers for the line, best first. */
    public TargetList targets(ProductLine line, int limit, DataScope scope) {
        record Run(long id, int version, List<String> lines, Timestamp at) {
        }
        Optional<Run> run = jdbc.sql("select id, model_version, lines, scored_at from crosssell_score_run order by id desc limit 1")
                .query((rs, n) -> new Run(rs.getLong(1), rs.getInt(2), GapRules.strings(rs.getArray(3)), rs.getTimestamp(4)))
                .optional();
        if (run.isEmpty()) {
            return new TargetList(line, NextBest.Status.NOT_TRAINED, null, null, List.of());
        }
        int index = run.get().lines().indexOf(line.name());
        if (index < 0) {
            return new TargetList(line, NextBest.Status.NOT_APPLICABLE, run.get().version(), run.get().at().toInstant(), List.of());
        }
        record Row(long id, String name, String city, double score, String tier) {
        }
        List<Row> rows = jdbc.sql("""
                        select s.customer_id, c.name, c.city, s.scores[:k] as score,
                               (select v.segment from segment_placement v where v.customer_id = s.customer_id
                                   and v.dimension = 'VALUE' and v.valid_to is null) as tier
                          from crosssell_score s
                          join customer c on c.id = s.customer_id
                         where s.run_id = :run and s.holds & :bit = 0 and""" + " " + DataScope.predicate("c") + """

                           and coalesce((select m.granted from consent m
                                          where m.customer_id = s.customer_id and m.purpose = 'MARKETING'
                                          order by m.recorded_at desc, m.id desc limit 1), false)
                         order by s.scores[:k] desc, s.customer_id
                         limit :limit""")
                .param("k", index + 1).param("run", run.get().id()).param("bit", 1 << index)
                .param("limit", Math.max(1, Math.min(limit, MAX_TARGETS)))
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5))).list();
        LineModel model = models.latest().get(line);
        Map<Long, List<Propensity.Reason>> reasons = new HashMap<>();
        if (model != null && !rows.isEmpty()) {
            PropensityModels.Data data = models.features("c0.id = any(:ids)",
                    Map.of("ids", rows.stream().map(Row::id).toArray(Long[]::new)));
            for (int i = 0; i < data.ids().length; i++) {
                reasons.put(data.ids()[i], model.explain(data.x()[i], REASONS).reasons());
            }
        }
        IncentiveSet offers = incentives.active();
        List<TargetList.Target> targets = new ArrayList<>();
        for (Row r : rows) {
            targets.add(new TargetList.Target(targets.size() + 1, r.id(), r.name(), r.city(), r.score(),
                    reasons.getOrDefault(r.id(), List.of()), r.tier(), offers.applying(r.tier(), line).orElse(null)));
        }
        return new TargetList(line, NextBest.Status.OK, run.get().version(), run.get().at().toInstant(), targets);
    }
}
