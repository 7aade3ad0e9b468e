package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.coil.CoilClusterRule;
import io.insurecrm.coil.CoilClusterRules;
import io.insurecrm.fixtures.ApplicationMessages;
import io.insurecrm.platform.rules.FieldProblem;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/**
 * Every field of a naming rule (main book) and of the CoIL cluster rules is checked on its own: a bad value is refused
 * naming the record, the field and the reason in Chinese and in English; the seed values pass.
 */
class ClusterNamingRuleCheckTests {

    static MessageSource messages;

    @BeforeAll
    static void bundles() throws IOException {
        messages = ApplicationMessages.load();
    }

    private static String zh(FieldProblem p) {
        return p.message(messages, Locale.SIMPLIFIED_CHINESE);
    }

    private static String en(FieldProblem p) {
        return p.message(messages, Locale.ENGLISH);
    }

    @Test
    void theSeedPassesAndEachNamingFieldIsRefusedOnItsOwnInBothLanguages() {
        assertThat(ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.5, 2, 4), "seed", 1)).isEmpty();
        assertThat(ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.1, 1, 1))).isEmpty();
        assertThat(ClusterNamingRules.check(new ClusterNamingRule.Proposal(3.0, 6, 6))).isEmpty();

        List<FieldProblem> minZ = ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.05, 2, 4));
        assertThat(minZ).extracting(FieldProblem::field).containsExactly("minZ");
        assertThat(en(minZ.get(0))).isEqualTo("Cluster naming rule: Min |z| is 0.05; it must be from 0.1 to 3");
        assertThat(zh(minZ.get(0))).isEqualTo("聚类命名规则：“最小 |z|”为 0.05，须在 0.1 至 3 之间");
        assertThat(ClusterNamingRules.check(new ClusterNamingRule.Proposal(3.5, 2, 4))).extracting(FieldProblem::field)
                .containsExactly("minZ");

        List<FieldProblem> traits = ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.5, 0, 4));
        assertThat(traits).extracting(FieldProblem::field).containsExactly("traits");
        assertThat(en(traits.get(0))).isEqualTo("Cluster naming rule: Traits per name is 0; it must be from 1 to 6");
        assertThat(ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.5, 7, 7))).extracting(FieldProblem::field)
                .containsExactly("traits", "maxTraits");

        List<FieldProblem> maxTraits = ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.5, 3, 2));
        assertThat(maxTraits).extracting(FieldProblem::field).containsExactly("maxTraits");
        assertThat(en(maxTraits.get(0))).isEqualTo("Cluster naming rule: Max traits when names collide is 2; it must be from 3 to 6");
        assertThat(zh(maxTraits.get(0))).isEqualTo("聚类命名规则：“同名时最多特征数”为 2，须在 3 至 6 之间");

        List<FieldProblem> missing = ClusterNamingRules.check(new ClusterNamingRule.Proposal(null, null, null), " ", null);
        assertThat(missing).extracting(FieldProblem::field).containsExactly("minZ", "traits", "maxTraits", "reason", "basedOnVersion");
        assertThat(en(missing.get(0))).isEqualTo("Cluster naming rule: Min |z| is missing");
        assertThat(zh(missing.get(3))).isEqualTo("聚类命名规则：请填写修改原因");
        assertThat(en(missing.get(4))).startsWith("Cluster naming rule: the version the form was based on is missing");
        assertThat(ClusterNamingRules.check(new ClusterNamingRule.Proposal(0.5, 2, 4), "x".repeat(501), 1))
                .extracting(FieldProblem::field).containsExactly("reason");
    }

    @Test
    void eachCoilFieldIsRefusedOnItsOwnInBothLanguages() {
        CoilClusterRule.Proposal seed = new CoilClusterRule.Proposal(0.5, 2, 4, 0.2, 1.0, 0.5, 0.35);
        assertThat(CoilClusterRules.check(seed, "seed", 1)).isEmpty();
        assertThat(CoilClusterRules.check(new CoilClusterRule.Proposal(0.1, 1, 6, 0.0, 0.05, 5.0, 0.05))).isEmpty();

        List<FieldProblem> common = CoilClusterRules.check(new CoilClusterRule.Proposal(0.5, 2, 4, 1.2, 1.0, 0.5, 0.35));
        assertThat(common).extracting(FieldProblem::field).containsExactly("commonProduct");
        assertThat(en(common.get(0))).isEqualTo("CoIL cluster rules: Common-product share is 1.2; it must be from 0 to 1");
        assertThat(zh(common.get(0))).isEqualTo("CoIL 聚类规则：“常见产品占比”为 1.2，须在 0 至 1 之间");

        List<FieldProblem> product = CoilClusterRules.check(new CoilClusterRule.Proposal(0.5, 2, 4, 0.2, 0.01, 0.5, 0.35));
        assertThat(product).extracting(FieldProblem::field).containsExactly("productWeight");
        assertThat(en(product.get(0))).isEqualTo("CoIL cluster rules: Product weight is 0.01; it must be from 0.05 to 5");
        List<FieldProblem> demographic = CoilClusterRules.check(new CoilClusterRule.Proposal(0.5, 2, 4, 0.2, 1.0, 6.0, 0.35));
        assertThat(demographic).extracting(FieldProblem::field).containsExactly("demographicWeight");
        assertThat(zh(demographic.get(0))).isEqualTo("CoIL 聚类规则：“人口特征权重”为 6，须在 0.05 至 5 之间");
        List<FieldProblem> mainType = CoilClusterRules.check(new CoilClusterRule.Proposal(0.5, 2, 4, 0.2, 1.0, 0.5, -1.0));
        assertThat(mainType).extracting(FieldProblem::field).containsExactly("mainTypeWeight");
        assertThat(en(mainType.get(0))).isEqualTo("CoIL cluster rules: Main type weight is -1; it must be from 0.05 to 5");

        assertThat(CoilClusterRules.check(new CoilClusterRule.Proposal(0.01, 9, 7, 0.2, 1.0, 0.5, 0.35)))
                .extracting(FieldProblem::field).containsExactly("minZ", "traits", "maxTraits");
        assertThat(CoilClusterRules.check(null, null, null)).extracting(FieldProblem::field)
                .containsExactly("minZ", "traits", "maxTraits", "commonProduct", "productWeight", "demographicWeight",
                        "mainTypeWeight", "reason", "basedOnVersion");
    }
}
