package io.insurecrm.segmentation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.segmentation.RuleProblem;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page editor's inputs to the rules object and back, and where each validator problem is shown. */
class RuleEditorFormTests {

    @Test
    void tickedBoxesPostOneValueEachAndBecomeTheList() {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("r.tags[1].tagDimension", new String[] {"NEED"});
        params.put("r.tags[1].tag", new String[] {"FAMILY_GAP"});
        params.put("r.tags[1].whenDimension", new String[] {"LIFE_STAGE"});
        params.put("r.tags[1].whenSegments", new String[] {"NEW_FAMILY", "SUPPORTING"});
        params.put("r.tags[1].lacksLines", new String[] {"MEDICAL", "TERM_LIFE"});
        params.put("r.tags[2].whenSegments", new String[] {"", ""});
        Map<String, Object> json = RuleEditor.toJson(RuleEditor.TAGS, params);
        assertThat(json.get("tags")).isEqualTo(List.of(Map.of("tagDimension", "NEED", "tag", "FAMILY_GAP",
                "whenDimension", "LIFE_STAGE", "whenSegments", List.of("NEW_FAMILY", "SUPPORTING"),
                "lacksLines", List.of("MEDICAL", "TERM_LIFE"))));

        RuleEditor editor = RuleEditor.of(RuleEditor.TAGS, json, List.of());
        assertThat(editor.picked("tags[1].whenSegments")).containsExactly("NEW_FAMILY", "SUPPORTING");
        // the known items (here: the row's dimension's segments), then a picked one that is not among them (to be taken off)
        assertThat(editor.listOptions("tags[1].whenSegments", List.of("YOUNG_SINGLE", "NEW_FAMILY")))
                .containsExactly("YOUNG_SINGLE", "NEW_FAMILY", "SUPPORTING");
        assertThat(editor.listOptions("tags[1].lacksLines", List.of("ACCIDENT", "MEDICAL"))).containsExactly("ACCIDENT", "MEDICAL", "TERM_LIFE");
    }

    @Test
    void postedInputsBecomeTheRulesObjectBlankRowsDropped() {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("_csrf", new String[] {"x"});
        params.put("r.claimYears", new String[] {" 3.0 "});
        params.put("r.industry[1].key", new String[] {"建筑业"});
        params.put("r.industry[1].value", new String[] {"3"});
        params.put("r.industry[2].key", new String[] {""});
        params.put("r.climate.TYPHOON_COAST", new String[] {"2"});
        params.put("r.levels[1].segment", new String[] {"risk_low"});
        params.put("r.levels[1].from", new String[] {"0"});
        params.put("r.levels[1].to", new String[] {"2"});
        params.put("r.levels[3].segment", new String[] {"RISK_HIGH"});
        params.put("r.levels[3].from", new String[] {"2"});
        params.put("r.levels[3].to", new String[] {""});
        Map<String, Object> json = RuleEditor.toJson("RISK", params);
        assertThat(json).containsOnlyKeys("claimYears", "industry", "climate", "levels");
        assertThat(json.get("claimYears")).isEqualTo(new BigDecimal("3"));   // a whole number, not 3.0
        assertThat(json.get("industry")).isEqualTo(Map.of("建筑业", new BigDecimal("3")));
        assertThat(json.get("climate")).isEqualTo(Map.of("TYPHOON_COAST", new BigDecimal("2")));
        assertThat(json.get("levels")).isEqualTo(List.of(
                Map.of("segment", "RISK_LOW", "from", BigDecimal.ZERO, "to", new BigDecimal("2")),
                Map.of("segment", "RISK_HIGH", "from", new BigDecimal("2"))));

        RuleEditor editor = RuleEditor.of("RISK", json, List.of());
        assertThat(editor.value("industry[1].key")).isEqualTo("建筑业");
        assertThat(editor.value("levels[2].segment")).isEqualTo("RISK_HIGH");
        assertThat(editor.value("levels[2].to")).isEmpty();
        assertThat(editor.rows("levels")).containsExactly(1, 2, 3);
    }

    @Test
    void commaListsAndTextsStayText() {
        Map<String, Object> json = RuleEditor.toJson("TAGS", Map.of(
                "r.tags[1].tag", new String[] {"medical_gap"},
                "r.tags[1].whenSegments", new String[] {"young_single，NEW_FAMILY, "},
                "r.tags[1].lacksLines", new String[] {"  "}));
        assertThat(json).isEqualTo(Map.of("tags", List.of(Map.of("tag", "MEDICAL_GAP",
                "whenSegments", List.of("YOUNG_SINGLE", "NEW_FAMILY")))));
        assertThat(RuleEditor.of("TAGS", json, List.of()).value("tags[1].whenSegments")).isEqualTo("YOUNG_SINGLE, NEW_FAMILY");
    }

    @Test
    void problemsNamingAShownFieldGoOnItTheOthersOnTheForm() {
        Map<String, Object> json = Map.of("windowMonths", 0, "segments", List.of(Map.of("segment", "ACTIVE", "minR", 9)));
        RuleProblem window = new RuleProblem("segmentation.rules.outOfRange", List.of("windowMonths", "0", 1, 120));
        RuleProblem minR = new RuleProblem("segmentation.rules.outOfRange", List.of("segments[1].minR", "9", 1, 5));
        RuleProblem cuts = new RuleProblem("segmentation.rules.cutCount", List.of("recencyDays", 4));
        RuleProblem uncovered = new RuleProblem("segmentation.rules.rfmUncovered", List.of(12, "R2F1M1"));
        RuleProblem unknown = new RuleProblem("segmentation.rules.unknownField", List.of("elsewhere", "x"));
        RuleEditor editor = RuleEditor.of("BEHAVIOUR", json, List.of(window, minR, cuts, uncovered, unknown));
        assertThat(editor.errors("windowMonths")).containsExactly(window);
        assertThat(editor.errors("segments[1].minR")).containsExactly(minR);
        assertThat(editor.errors("recencyDays")).containsExactly(cuts);
        assertThat(editor.onForm()).containsExactly(uncovered, unknown);
        assertThat(editor.value("segments[1].minR")).isEqualTo("9");
    }
}
