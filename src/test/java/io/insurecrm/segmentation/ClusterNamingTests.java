package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.segmentation.ClusterTrait.Direction;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Naming need clusters by their dominant traits, and rendering the names from the real bundles in both languages. */
class ClusterNamingTests {

    private static final List<NeedFeature> FEATURES = List.of(NeedFeature.values());

    private static double[] z(Object... featureAndZ) {
        double[] z = new double[FEATURES.size()];
        for (int i = 0; i < featureAndZ.length; i += 2) {
            z[((NeedFeature) featureAndZ[i]).ordinal()] = ((Number) featureAndZ[i + 1]).doubleValue();
        }
        return z;
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/segmentation");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void theTwoFeaturesFurthestFromTheBookMeanNameTheClusterAGapBelowIt() {
        List<List<ClusterTrait>> names = ClusterNaming.name(FEATURES, List.of(
                z(NeedFeature.CHILDREN, 1.8, NeedFeature.CRITICAL_ILLNESS, -0.9, NeedFeature.MARRIED, 0.7, NeedFeature.AGE, -0.3)));

        assertThat(names.get(0)).extracting(ClusterTrait::feature, ClusterTrait::direction).containsExactly(
                org.assertj.core.groups.Tuple.tuple(NeedFeature.CHILDREN, Direction.HIGH),
                org.assertj.core.groups.Tuple.tuple(NeedFeature.CRITICAL_ILLNESS, Direction.LOW));
        ResourceBundleMessageSource messages = bundles();
        assertThat(ClusterNaming.render(names.get(0), messages, Locale.SIMPLIFIED_CHINESE)).isEqualTo("有子女家庭·重疾缺口");
        assertThat(ClusterNaming.render(names.get(0), messages, Locale.ENGLISH))
                .isEqualTo("Families with children · No critical-illness cover");
    }

    @Test
    void featuresLessThanHalfAStandardDeviationAwayDoNotNameAndNoneLeftReadsAsTheAverage() {
        List<List<ClusterTrait>> names = ClusterNaming.name(FEATURES, List.of(
                z(NeedFeature.PREMIUM, 0.49, NeedFeature.CLAIMS, -0.2),
                z(NeedFeature.ANNUITY, 0.5, NeedFeature.LONG_TERM_CARE, 0.3)));

        assertThat(names.get(0)).isEmpty();
        assertThat(names.get(1)).extracting(ClusterTrait::feature).containsExactly(NeedFeature.ANNUITY);
        ResourceBundleMessageSource messages = bundles();
        assertThat(ClusterNaming.render(names.get(0), messages, Locale.SIMPLIFIED_CHINESE)).isEqualTo("接近全书平均");
        assertThat(ClusterNaming.render(names.get(1), messages, Locale.ENGLISH)).isEqualTo("Retirement annuities");
    }

    @Test
    void equalDistancesGoToTheFeatureListedFirst() {
        List<List<ClusterTrait>> names = ClusterNaming.name(FEATURES, List.of(
                z(NeedFeature.MOTOR, 1.0, NeedFeature.AGE, -1.0, NeedFeature.MEDICAL, 1.0)));

        assertThat(names.get(0)).extracting(ClusterTrait::feature).containsExactly(NeedFeature.AGE, NeedFeature.MEDICAL);
    }

    @Test
    void clustersThatWouldShareANameAreTellApartByTheirNextTraitAndOnlyThenByNumber() {
        List<List<ClusterTrait>> names = ClusterNaming.name(FEATURES, List.of(
                z(NeedFeature.AGE, 2.0, NeedFeature.LONG_TERM_CARE, 1.5, NeedFeature.MEDICAL, 0.8),
                z(NeedFeature.AGE, 2.1, NeedFeature.LONG_TERM_CARE, 1.2, NeedFeature.MEDICAL, -0.6),
                z(NeedFeature.CORPORATE, 3.0, NeedFeature.BUSINESS, 2.5),
                z(NeedFeature.CORPORATE, 3.1, NeedFeature.BUSINESS, 2.4),
                z(NeedFeature.CHILDREN, 1.0)));

        assertThat(names.get(0)).extracting(ClusterTrait::feature)
                .containsExactly(NeedFeature.AGE, NeedFeature.LONG_TERM_CARE, NeedFeature.MEDICAL);
        assertThat(names.get(1)).extracting(ClusterTrait::direction)
                .containsExactly(Direction.HIGH, Direction.HIGH, Direction.LOW);
        assertThat(names.get(2)).hasSize(2);
        assertThat(names.get(4)).hasSize(1);
        ResourceBundleMessageSource messages = bundles();
        assertThat(ClusterNaming.renderAll(names, messages, Locale.SIMPLIFIED_CHINESE)).containsExactly(
                "年长·已有护理保障·已有医疗保障", "年长·已有护理保障·医疗缺口", "企业客户·企业财产/责任保障 #3",
                "企业客户·企业财产/责任保障 #4", "有子女家庭");
    }

    @Test
    void everyTraitAndFeatureHasItsTextInBothLanguages() {
        ResourceBundleMessageSource messages = bundles();
        for (NeedFeature feature : NeedFeature.values()) {
            for (Direction direction : Direction.values()) {
                ClusterTrait trait = new ClusterTrait(feature, direction, direction == Direction.HIGH ? 1 : -1);
                for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                    assertThat(messages.getMessage(trait.messageKey(), null, null, locale)).as(trait.messageKey()).isNotBlank();
                    assertThat(messages.getMessage("segmentation.clusters.feature." + feature, null, null, locale)).isNotBlank();
                }
            }
        }
    }

    @Test
    void aTraitMustPointTheWayItsScoreDoesAndAProfileMustCoverEveryFeature() {
        assertThatThrownBy(() -> new ClusterTrait(NeedFeature.AGE, Direction.HIGH, -1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterNaming.name(FEATURES, List.of(new double[3]))).isInstanceOf(IllegalArgumentException.class);
    }
}
