package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Campaign rules without a database: validation with field and reason, the deterministic split, the z-test. */
class CampaignRulesTests {

    static CampaignDraft draft(List<CampaignDraft.VariantDraft> variants) {
        return new CampaignDraft("家财险春季推广", null, Channel.SMS, CampaignAudience.Kind.SEGMENT, "VALUE", "HIGH", null,
                variants, "HOME_PROPERTY", 30);
    }

    static List<CampaignDraft.VariantDraft> split(String a, int pa, String b, int pb) {
        return List.of(new CampaignDraft.VariantDraft(a, pa), new CampaignDraft.VariantDraft(b, pb));
    }

    @Test
    void aValidDraftHasNoProblemsAndIsMarketingByDefault() {
        CampaignDraft draft = draft(split("OFFER_HOME_A", 50, "OFFER_HOME_B", 50));
        assertThat(draft.problems()).isEmpty();
        assertThat(draft.purpose()).isEqualTo(MessagePurpose.MARKETING);
        assertThat(draft.labelled()).containsExactly(new CampaignVariant("A", "OFFER_HOME_A", 50),
                new CampaignVariant("B", "OFFER_HOME_B", 50));
    }

    @Test
    void splitsThatDoNotAddUpToOneHundredAndSingleVariantsAreRefusedNamingTheField() {
        assertThat(draft(split("OFFER_HOME_A", 60, "OFFER_HOME_B", 30)).problems())
                .containsExactly(new RuleProblem("variants", "engagement.campaign.variants.sum", 90));
        assertThat(draft(List.of(new CampaignDraft.VariantDraft("OFFER_HOME_A", 100))).problems())
                .extracting(RuleProblem::field, RuleProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("variants", "engagement.campaign.variants.count"),
                        org.assertj.core.groups.Tuple.tuple("variants[0].percent", "engagement.campaign.variant.percent.range"));
        assertThat(draft(split(null, 50, "OFFER_HOME_B", 0)).problems()).extracting(RuleProblem::field)
                .containsExactly("variants[0].templateCode", "variants[1].percent");
    }

    @Test
    void audienceAndResponseAreCheckedPerKind() {
        CampaignDraft badSegment = new CampaignDraft(" ", MessagePurpose.AUTH, null, CampaignAudience.Kind.SEGMENT, "COLOUR",
                "high value", null, split("OFFER_HOME_A", 50, "OFFER_HOME_B", 50), "BOATS", 0);
        assertThat(badSegment.problems()).extracting(RuleProblem::field)
                .containsExactly("name", "purpose", "channel", "audienceDimension", "audienceCode", "responseLine", "responseDays");
        CampaignDraft tagInSegmentDimension = new CampaignDraft("x", null, Channel.SMS, CampaignAudience.Kind.TAG, "LIFE_STAGE",
                "MEDICAL_GAP", null, split("OFFER_HOME_A", 50, "OFFER_HOME_B", 50), "MEDICAL", 30);
        assertThat(tagInSegmentDimension.problems()).singleElement()
                .isEqualTo(new RuleProblem("audienceDimension", "engagement.campaign.dimension.invalid", "LIFE_STAGE", "RISK, VALUE, NEED"));
        CampaignDraft list = new CampaignDraft("x", null, Channel.PUSH, CampaignAudience.Kind.TARGET_LIST, null,
                "HOME_PROPERTY", 6000, split("OFFER_HOME_A", 50, "OFFER_HOME_B", 50), "HOME_PROPERTY", 30);
        assertThat(list.problems()).singleElement().extracting(RuleProblem::field).isEqualTo("audienceTop");
        assertThat(new CampaignDraft("x", null, Channel.PUSH, CampaignAudience.Kind.TARGET_LIST, null, "HOME_PROPERTY", 500,
                split("OFFER_HOME_A", 50, "OFFER_HOME_B", 50), "HOME_PROPERTY", 30).problems()).isEmpty();
    }

    @Test
    void theSplitIsDeterministicFollowsThePercentagesAndDiffersBetweenCampaigns() {
        List<CampaignVariant> variants = List.of(new CampaignVariant("A", "T1", 20), new CampaignVariant("B", "T2", 30),
                new CampaignVariant("C", "T3", 50));
        Map<String, Integer> counts = new HashMap<>();
        List<String> first = new ArrayList<>();
        for (long customer = 1; customer <= 100_000; customer++) {
            String variant = CampaignSplit.variantOf(7, customer, variants);
            counts.merge(variant, 1, Integer::sum);
            if (customer <= 1000) {
                first.add(variant);
            }
        }
        assertThat(counts.get("A") / 100_000.0).isCloseTo(0.20, within(0.01));
        assertThat(counts.get("B") / 100_000.0).isCloseTo(0.30, within(0.01));
        assertThat(counts.get("C") / 100_000.0).isCloseTo(0.50, within(0.01));
        List<String> again = new ArrayList<>();
        for (long customer = 1; customer <= 1000; customer++) {
            again.add(CampaignSplit.variantOf(7, customer, variants));
        }
        assertThat(again).isEqualTo(first);
        long differ = 0;
        for (long customer = 1; customer <= 1000; customer++) {
            if (CampaignSplit.bucket(7, customer) != CampaignSplit.bucket(8, customer)) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(900);
        assertThat(CampaignSplit.ranges(List.of(20, 30, 50))).containsExactly(new int[] {0, 20}, new int[] {20, 50}, new int[] {50, 100});
    }

    @Test
    void theTwoProportionZTestMatchesATextbookExample() {
        // 200 of 1000 against 250 of 1000: pooled 0.225, z = 0.05 / sqrt(0.225 * 0.775 * 0.002) = 2.677, p = 0.0074
        Significance test = Significance.of(200, 1000, 250, 1000);
        assertThat(test.z()).isCloseTo(2.677, within(0.001));
        assertThat(test.pValue()).isCloseTo(0.0074, within(0.0002));
        assertThat(test.significant()).isTrue();
        Significance small = Significance.of(2, 20, 3, 20);
        assertThat(small.significant()).isFalse();
        assertThat(small.pValue()).isCloseTo(0.633, within(0.002));
        assertThat(Significance.of(0, 0, 3, 10)).isNull();
        assertThat(Significance.of(0, 10, 0, 10)).isNull();
        assertThat(Significance.phi(1.96)).isCloseTo(0.975, within(0.0001));
    }
}
