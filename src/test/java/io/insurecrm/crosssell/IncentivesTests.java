package io.insurecrm.crosssell;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incentives per VALUE tier without a database: which one applies, and every problem of a bad set. */
class IncentivesTests {

    static final Set<String> TIERS = Set.of("POTENTIAL", "MIDDLE", "HIGH");

    static Incentive discount(String code, String tier, ProductLine line, String percent) {
        return new Incentive(code, tier, line, Incentive.Kind.SECOND_CONTRACT_DISCOUNT,
                percent == null ? null : new BigDecimal(percent), null, "第二份保单折扣", "Second contract discount");
    }

    static Incentive points(String code, String tier, ProductLine line, Integer points) {
        return new Incentive(code, tier, line, Incentive.Kind.POINTS, null, points, "体检积分", "Points for a health check");
    }

    static List<String> problems(List<Incentive> incentives) {
        return IncentiveCheck.check(incentives, TIERS).stream()
                .map(p -> p.row() + ":" + p.field() + ":" + p.code().replace("crosssell.incentives.", "")).toList();
    }

    @Test
    void theTiersIncentiveForTheLineWinsOverItsIncentiveForAnyLine() {
        IncentiveSet set = new IncentiveSet(1, 1, java.time.Instant.EPOCH, "test", true, List.of(
                discount("HIGH_ANY", "HIGH", null, "10"),
                points("HIGH_MEDICAL", "HIGH", ProductLine.MEDICAL, 2000),
                points("POTENTIAL_ANY", "POTENTIAL", null, 500)), "test");

        assertThat(set.applying("HIGH", ProductLine.MEDICAL)).map(Incentive::code).hasValue("HIGH_MEDICAL");
        assertThat(set.applying("HIGH", ProductLine.ACCIDENT)).map(Incentive::code).hasValue("HIGH_ANY");
        assertThat(set.applying("POTENTIAL", ProductLine.MEDICAL)).map(Incentive::code).hasValue("POTENTIAL_ANY");
        assertThat(set.applying("MIDDLE", ProductLine.MEDICAL)).isEmpty();
        assertThat(set.applying(null, ProductLine.MEDICAL)).isEmpty();
    }

    @Test
    void aValidSetHasNoProblem() {
        assertThat(problems(List.of(discount("HIGH_ANY", "HIGH", null, "10.5"),
                points("HIGH_MEDICAL", "HIGH", ProductLine.MEDICAL, 2000),
                discount("MIDDLE_ANY", "MIDDLE", null, "5")))).isEmpty();
    }

    @Test
    void everyProblemIsNamedByRowAndField() {
        List<Incentive> bad = new ArrayList<>();
        bad.add(discount("HIGH_ANY", "GOLD", null, "10"));                               // 1 unknown tier
        bad.add(discount("NEG", "HIGH", null, "-5"));                                    // 2 negative discount
        bad.add(discount("HIGH_ANY", "HIGH", ProductLine.MOTOR, "60"));                  // 3 duplicate code, above the maximum
        bad.add(discount("OVER", "HIGH", null, "5"));                                    // 4 overlaps row 2 (HIGH, any line)
        bad.add(discount("ZERO", "MIDDLE", null, "0"));                                  // 5 zero
        bad.add(discount("SCALE", "MIDDLE", ProductLine.MEDICAL, "1.234"));              // 6 three decimals
        bad.add(discount("NO_PERCENT", "MIDDLE", ProductLine.ACCIDENT, null));           // 7 missing discount
        bad.add(points("NO_POINTS", "POTENTIAL", null, null));                           // 8 missing points
        bad.add(points("MANY_POINTS", "POTENTIAL", ProductLine.MEDICAL, 1_000_000));     // 9 out of range
        bad.add(new Incentive("BOTH", "POTENTIAL", ProductLine.ACCIDENT, Incentive.Kind.POINTS, BigDecimal.TEN, 100,
                " ", "x".repeat(201)));                                                  // 10 discount with points, texts
        bad.add(new Incentive("lower case", null, null, null, null, null, "说明", "text")); // 11 code, tier, kind

        assertThat(problems(bad)).containsExactlyInAnyOrder(
                "1:tier:unknownTier",
                "2:discountPercent:negativeDiscount",
                "3:code:duplicateCode", "3:discountPercent:discountRange",
                "4:line:overlap",
                "5:discountPercent:discountRange",
                "6:discountPercent:discountScale",
                "7:discountPercent:missingDiscount",
                "8:points:missingPoints",
                "9:points:pointsRange",
                "10:discountPercent:discountWithPoints", "10:descriptionZh:emptyDescription",
                "10:descriptionEn:longDescription",
                "11:code:codePattern", "11:tier:missingTier", "11:kind:missingKind");
    }

    @Test
    void anUnknownTierNamesTheTiersThereAre() {
        IncentiveProblem problem = IncentiveCheck.check(List.of(discount("GOLD_ANY", "GOLD", null, "10")), TIERS).get(0);

        assertThat(problem.arguments()).containsExactly("GOLD", "HIGH, MIDDLE, POTENTIAL");
    }
}
