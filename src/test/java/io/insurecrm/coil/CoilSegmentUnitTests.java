package io.insurecrm.coil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.Role;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.core.context.SecurityContextHolder;

/** The value band estimate, the feature values, the naming of CoIL clusters and the segments an analyst sees. */
class CoilSegmentUnitTests {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theEstimatedPremiumSumsTheBandMidpointsAsPublishedTheOpenBandAtItsLowerBound() {
        CoilValueBandRules first = new CoilValueBandRules(1, 1, List.of(
                new CoilValueBandRules.Band("NONE", 0L, 1L), new CoilValueBandRules.Band("LOW", 1L, 500L),
                new CoilValueBandRules.Band("MIDDLE", 500L, 3000L), new CoilValueBandRules.Band("HIGH", 3000L, 5000L),
                new CoilValueBandRules.Band("TOP", 5000L, null)), "v1", java.time.Instant.EPOCH, "system", true);
        assertThat(CoilValueBandRules.check(first.bands())).isEmpty();
        int[] bands = new int[21];
        assertThat(CoilValueBand.estimate(bands)).isZero();
        assertThat(first.bandOf(0)).isEqualTo(CoilValueBand.NONE);
        bands[CoilProduct.PERSAUT.ordinal()] = 6;   // 1,000–4,999
        bands[CoilProduct.BRAND.ordinal()] = 2;     // 50–99
        assertThat(CoilValueBand.estimate(bands)).isEqualTo(3000 + 75);
        assertThat(first.bandOf(3075)).isEqualTo(CoilValueBand.HIGH);
        bands[CoilProduct.LEVEN.ordinal()] = 9;     // 20,000 and over
        assertThat(CoilValueBand.estimate(bands)).isEqualTo(23075);
        assertThat(first.bandOf(23075)).isEqualTo(CoilValueBand.TOP);
        assertThat(first.bandOf(1)).isEqualTo(CoilValueBand.LOW);
        assertThat(first.bandOf(499)).isEqualTo(CoilValueBand.LOW);
        assertThat(first.bandOf(500)).isEqualTo(CoilValueBand.MIDDLE);
        assertThat(first.bandOf(2999)).isEqualTo(CoilValueBand.MIDDLE);
        assertThat(first.bandOf(4999)).isEqualTo(CoilValueBand.HIGH);
        assertThat(first.bandOf(5000)).isEqualTo(CoilValueBand.TOP);
        assertThatThrownBy(() -> CoilValueBand.midpoint(10)).hasMessageContaining("0-9");
        assertThat(CoilValueBand.sqlMidpoint("b")).isEqualTo("(array[0,25,75,150,350,750,3000,7500,15000,20000])[b + 1]");
    }

    @Test
    void featuresAreInZeroToOneTimesTheirWeightAndTheDisplayReadsHoldingsAndBands() {
        int[] policies = new int[21];
        int[] bands = new int[21];
        policies[CoilProduct.PERSAUT.ordinal()] = 5;
        bands[CoilProduct.PERSAUT.ordinal()] = 9;
        CoilNeedFeature.Inputs in = new CoilNeedFeature.Inputs(policies, bands, 6, 8, 9, 0, 3);
        assertThat(CoilNeedFeature.ALL).hasSize(21 + 4 + 10);
        CoilNeedFeature car = CoilNeedFeature.ALL.get(CoilProduct.PERSAUT.ordinal());
        assertThat(car.value(in)).isEqualTo(1.0);
        assertThat(car.display(in)).isEqualTo(1.0);
        CoilNeedFeature age = CoilNeedFeature.ALL.get(21);
        assertThat(age.code()).isEqualTo("AGE");
        assertThat(age.value(in)).isEqualTo(0.5);
        assertThat(age.display(in)).isEqualTo(6);
        CoilNeedFeature type8 = CoilNeedFeature.ALL.get(21 + 4 + 7);
        assertThat(type8.code()).isEqualTo("TYPE_8");
        assertThat(type8.value(in)).isEqualTo(0.35);
        assertThat(CoilNeedFeature.ALL.get(21 + 4).value(in)).isZero();
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/coil");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static double[] z(Object... codeAndZ) {
        double[] z = new double[CoilNeedFeature.ALL.size()];
        for (int i = 0; i < codeAndZ.length; i += 2) {
            String code = (String) codeAndZ[i];
            int index = CoilNeedFeature.ALL.stream().map(CoilNeedFeature::code).toList().indexOf(code);
            z[index] = ((Number) codeAndZ[i + 1]).doubleValue();
        }
        return z;
    }

    @Test
    void clustersAreNamedByHeldProductsThenTheirOtherTraitsInBothLanguages() {
        double[] bookMeans = new double[CoilNeedFeature.ALL.size()];
        bookMeans[CoilProduct.PERSAUT.ordinal()] = 0.5;   // a common product: held less reads as a gap
        List<List<CoilClusterNaming.Trait>> names = CoilClusterNaming.name(List.of(
                z("PERSAUT", 1.2, "BRAND", 0.9, "AGE", 0.4),
                z("PERSAUT", -1.5, "AGE", 0.8, "ZEILPL", -0.9),
                z("TYPE_8", 2.0, "TYPE_3", -1.0, "CHILDREN", 0.7),
                z("AGE", 0.2)), bookMeans);
        assertThat(names.get(0)).extracting(CoilClusterNaming.Trait::feature).containsExactly("PERSAUT", "BRAND");
        assertThat(names.get(1)).as("a rare product held less names nothing")
                .extracting(CoilClusterNaming.Trait::feature).containsExactly("PERSAUT", "AGE");
        assertThat(names.get(2)).as("a main type names only where it is over-represented")
                .extracting(CoilClusterNaming.Trait::feature).containsExactly("TYPE_8", "CHILDREN");
        assertThat(names.get(3)).isEmpty();

        ResourceBundleMessageSource messages = bundles();
        assertThat(CoilClusterNaming.renderAll(names, messages, Locale.SIMPLIFIED_CHINESE))
                .containsExactly("私家车险+火险", "无私家车险，年长社区", "成年子女家庭，有子女家庭多", "接近全书平均");
        assertThat(CoilClusterNaming.renderAll(names, messages, Locale.ENGLISH))
                .containsExactly("Car + Fire", "no Car, older areas", "Family with grown-ups, families with children",
                        "Close to the book average");
        assertThat(CoilClusterNaming.renderAll(List.of(List.of(), List.of()), messages, Locale.ENGLISH))
                .containsExactly("Close to the book average #1", "Close to the book average #2");
    }

    @Test
    void anAnalystGetsNoSegmentOfFewerThanKCustomersAndTheNextSmallestWithIt() {
        CoilSegments segments = new CoilSegments(null,
                List.of(row("1", 60), row("2", 3), row("3", 20)),
                List.of(row("NONE", 10), row("LOW", 40), row("MIDDLE", 0), row("HIGH", 30), row("TOP", 3)), 1, CoilSegments.CURRENCY);
        Staff.signInOnThread(Role.ANALYST, null, null);
        CoilSegments shown = segments.withSmallCellsWithheld(new SmallCellRule(5));
        assertThat(shown.clusters()).extracting(CoilSegments.Row::suppressed).containsExactly(false, true, true);
        assertThat(shown.clusters().get(2).customers()).isNull();
        assertThat(shown.valueBands()).extracting(CoilSegments.Row::suppressed).containsExactly(true, false, false, false, true);
        Staff.signInOnThread(Role.ADMIN, null, null);
        assertThat(segments.withSmallCellsWithheld(new SmallCellRule(5))).isEqualTo(segments);
    }

    private static CoilSegments.Row row(String key, long customers) {
        return new CoilSegments.Row(key, key, key, customers, customers, customers * 2,
                customers == 0 ? null : new BigDecimal("2.00"), BigDecimal.TEN, false, null, null);
    }
}
