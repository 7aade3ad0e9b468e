package io.insurecrm.coil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The checks of proposed CoIL value bands: each problem names its field, the band and the reason, in both languages. */
class CoilValueBandCheckTests {

    private static CoilValueBandRules.Band band(String code, Long from, Long to) {
        return new CoilValueBandRules.Band(code, from, to);
    }

    private static List<CoilValueBandRules.Band> today() {
        return new ArrayList<>(List.of(band("NONE", 0L, 1L), band("LOW", 1L, 500L), band("MIDDLE", 500L, 3000L),
                band("HIGH", 3000L, 5000L), band("TOP", 5000L, null)));
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/coil");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static String text(CoilBandProblem problem, Locale locale) {
        return bundles().getMessage(problem.code(), problem.arguments().toArray(), locale);
    }

    @Test
    void todaysBoundsAndAnyOrderOfTheRowsAndFewerBandsAreValid() {
        assertThat(CoilValueBandRules.check(today())).isEmpty();
        assertThat(CoilValueBandRules.check(List.of(band("TOP", 6000L, null), band("low", 1L, 800L), band("MIDDLE", 800L, 6000L),
                band(" NONE ", 0L, 1L)))).isEmpty();
        assertThat(CoilValueBandRules.check(List.of(band("LOW", 0L, 1000L), band("TOP", 1000L, null)))).isEmpty();
        assertThat(CoilValueBandRules.valid(List.of(band("TOP", 6000L, null), band("low", 0L, 6000L))))
                .containsExactly(band("LOW", 0L, 6000L), band("TOP", 6000L, null));
    }

    @Test
    void anOverlapNamesBothBandsAndTheAmounts() {
        List<CoilValueBandRules.Band> bands = today();
        bands.set(2, band("MIDDLE", 400L, 3000L));
        List<CoilBandProblem> problems = CoilValueBandRules.check(bands);
        assertThat(problems).extracting(CoilBandProblem::field).containsExactly("bands[3].from");
        assertThat(text(problems.get(0), Locale.ENGLISH)).isEqualTo("Value bands LOW and MIDDLE overlap on 400–500");
        assertThat(text(problems.get(0), Locale.SIMPLIFIED_CHINESE)).isEqualTo("价值档 LOW 与 MIDDLE 在 400–500 重叠");
        bands.set(2, band("MIDDLE", 500L, 3000L));
        bands.set(3, band("HIGH", 3000L, null));
        problems = CoilValueBandRules.check(bands);
        assertThat(text(problems.get(0), Locale.ENGLISH)).isEqualTo("Value bands HIGH and TOP overlap on 5,000–∞");
    }

    @Test
    void aGapNamesTheAmountsAndTheBandsAroundIt() {
        List<CoilValueBandRules.Band> bands = today();
        bands.set(3, band("HIGH", 3500L, 5000L));
        List<CoilBandProblem> problems = CoilValueBandRules.check(bands);
        assertThat(problems).extracting(CoilBandProblem::field).containsExactly("bands[4].from");
        assertThat(text(problems.get(0), Locale.ENGLISH)).isEqualTo("No value band covers 3,000–3,500 (between MIDDLE and HIGH)");
        assertThat(text(problems.get(0), Locale.SIMPLIFIED_CHINESE)).isEqualTo("没有价值档覆盖 3,000–3,500（MIDDLE 与 HIGH 之间）");

        problems = CoilValueBandRules.check(List.of(band("LOW", 1L, 500L), band("TOP", 500L, null)));
        assertThat(problems).extracting(CoilBandProblem::field).containsExactly("bands[1].from");
        assertThat(text(problems.get(0), Locale.ENGLISH)).isEqualTo("No value band starts at 0: the lowest band, LOW, starts at 1");
    }

    @Test
    void anUnknownCodeIsNamedWithTheKnownOnesAndAFieldOfItsRow() {
        List<CoilValueBandRules.Band> bands = today();
        bands.set(1, band("GOLD", 1L, 500L));
        List<CoilBandProblem> problems = CoilValueBandRules.check(bands);
        assertThat(problems).extracting(CoilBandProblem::field).containsExactly("bands[2].band");
        assertThat(text(problems.get(0), Locale.ENGLISH))
                .isEqualTo("Value band 2 has the code \"GOLD\", which is not a band: the bands are NONE, LOW, MIDDLE, HIGH, TOP");
        assertThat(text(problems.get(0), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("第 2 个价值档的代码“GOLD”不是已有的档：可用的档为 NONE, LOW, MIDDLE, HIGH, TOP");
        bands.set(1, band("LOW", 1L, 500L));
        bands.set(4, band("low", 5000L, null));
        assertThat(CoilValueBandRules.check(bands)).extracting(CoilBandProblem::field, CoilBandProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bands[5].band", "coil.bands.duplicateBand"));
    }

    @Test
    void aTopBandWithAnUpperBoundIsRefused() {
        List<CoilValueBandRules.Band> bands = today();
        bands.set(4, band("TOP", 5000L, 100000L));
        List<CoilBandProblem> problems = CoilValueBandRules.check(bands);
        assertThat(problems).extracting(CoilBandProblem::field).containsExactly("bands[5].to");
        assertThat(text(problems.get(0), Locale.ENGLISH))
                .isEqualTo("The top value band TOP ends at 100,000: the top band must have no upper bound (leave to empty)");
        assertThat(text(problems.get(0), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("最高的价值档 TOP 止于 100,000：最高档不能有上限（止留空）");
    }

    @Test
    void bandsAreRefusedOutOfOrderEmptyNegativeOrWithoutFromAndNoneIsOnlyTheCustomersWithoutPremium() {
        assertThat(CoilValueBandRules.check(List.of(band("LOW", 0L, 1000L), band("MIDDLE", 5000L, null), band("HIGH", 1000L, 5000L))))
                .extracting(CoilBandProblem::field, CoilBandProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bands[2].band", "coil.bands.order"));
        assertThat(CoilValueBandRules.check(List.of(band("NONE", 0L, 100L), band("LOW", 100L, null))))
                .extracting(CoilBandProblem::field).containsExactly("bands[1].to");
        List<CoilBandProblem> problems = CoilValueBandRules.check(List.of(band("LOW", -5L, 10L), band("MIDDLE", 10L, 10L),
                band("TOP", null, null)));
        assertThat(problems).extracting(CoilBandProblem::field).containsExactly("bands[1].from", "bands[2].to", "bands[3].from");
        assertThat(text(problems.get(1), Locale.ENGLISH))
                .isEqualTo("Value band MIDDLE has an empty range [10, 10): to must be above from");
        assertThat(text(problems.get(2), Locale.SIMPLIFIED_CHINESE)).isEqualTo("价值档 TOP 没有下限（起）");
        assertThat(CoilValueBandRules.check(List.of())).extracting(CoilBandProblem::field).containsExactly("bands");
        assertThat(CoilValueBandRuleSets.check(today(), " ")).extracting(CoilBandProblem::field).containsExactly("reason");
        assertThat(CoilValueBandRuleSets.check(today(), "x".repeat(501))).extracting(CoilBandProblem::code)
                .containsExactly("coil.bands.reasonTooLong");
    }
}
