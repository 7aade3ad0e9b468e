package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.Staff;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every save of segment or tag rules says which version it was made from and why: the reason is kept with the version
 * and listed; a save made from an older version than the active one is refused, naming who saved which version, and
 * nothing is saved. Pages and APIs. All roll back (the rule-change listener runs after commit only).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class RuleSaveNoteTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired SegmentRules rules;
    @Autowired CustomerTags tags;

    @Test
    void aSaveWithoutItsVersionOrReasonIsRefusedNamingBothAndNothingIsSaved() throws Exception {
        RuleSet active = rules.active(Dimension.DYNAMIC);
        mvc.perform(post("/api/segments/rules/DYNAMIC").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(active.rules())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("segmentation.rules.basedOnRequired"))
                .andExpect(jsonPath("$.errors[1].code").value("segmentation.rules.reasonRequired"))
                .andExpect(jsonPath("$.errors[1].message").value("Give the reason for the change"));
        String tooLong = "长".repeat(RuleSaveNote.MAX_REASON + 1);
        mvc.perform(post("/api/segments/rules/DYNAMIC").with(Staff.analyst()).param("lang", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                with(active.rules(), active.version(), tooLong))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("segmentation.rules.reasonTooLong"))
                .andExpect(jsonPath("$.errors[0].message").value("修改原因最多 500 个字符，现有 501 个"));
        mvc.perform(post("/segments/rules/DYNAMIC").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("r.windowMonths", "12").param("r.churnRiskMinLapses", "1").param("r.contactMonths", "6")
                        .param("r.contactMinBefore", "2").param("r.contactDropRatio", "0.5").param("r.loyalMinRenewals", "3")
                        .param("basedOn", String.valueOf(active.version())).param("reason", "  "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写修改原因")))
                .andExpect(content().string(containsString("name=\"r.loyalMinRenewals\" value=\"3\"")));
        assertThat(rules.active(Dimension.DYNAMIC).version()).isEqualTo(active.version());
    }

    @Test
    void theReasonIsKeptWithTheVersionAndListedOnThePageAndTheApi() throws Exception {
        RuleSet active = rules.active(Dimension.RISK);
        mvc.perform(post("/api/segments/rules/RISK").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                with(active.rules(), active.version(), "台风季前复核气候暴露分"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(active.version() + 1))
                .andExpect(jsonPath("$.reason").value("台风季前复核气候暴露分"));
        mvc.perform(get("/api/segments/rules/versions").with(Staff.agent(1L)).param("dimension", "RISK"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].version").value(active.version() + 1))
                .andExpect(jsonPath("$[0].reason").value("台风季前复核气候暴露分"))
                .andExpect(jsonPath("$[0].createdBy").value("analyst"))
                .andExpect(jsonPath("$[0].active").value(true))
                .andExpect(jsonPath("$[1].version").value(active.version()))
                .andExpect(jsonPath("$[1].active").value(false));
        String page = mvc.perform(get("/segments/rules").with(Staff.analyst()).param("dimension", "RISK").param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("name=\"basedOn\" id=\"based-on\" value=\"" + (active.version() + 1) + "\"")
                .contains("id=\"reason\"").contains("基于版本 " + (active.version() + 1) + " 修改")
                .contains("data-version=\"" + (active.version() + 1) + "\"").contains("台风季前复核气候暴露分");
        // the seed versions were saved before reasons were asked for
        assertThat(page).contains("（要求填写原因之前保存，无原因）");
        mvc.perform(get("/segments/rules").with(Staff.agent(1L)).param("dimension", "RISK").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("台风季前复核气候暴露分")))
                .andExpect(content().string(not(containsString("id=\"reason\""))));
    }

    @Test
    @org.springframework.security.test.context.support.WithMockUser(roles = "ANALYST")
    void aSaveMadeFromAnOlderVersionIsRefusedNamingWhoSavedWhichVersion() throws Exception {
        RuleSet first = rules.active(Dimension.LIFE_STAGE);
        RuleSet meanwhile = rules.saveRules(Dimension.LIFE_STAGE, first.rules(), "analyst2",
                new RuleSaveNote(first.version(), "同事先保存的版本"));
        assertThatThrownBy(() -> rules.saveRules(Dimension.LIFE_STAGE, first.rules(), "analyst1",
                new RuleSaveNote(first.version(), "我的修改")))
                .isInstanceOfSatisfying(io.insurecrm.platform.rules.StaleRuleVersion.class, e -> {
                    assertThat(e.activeVersion()).isEqualTo(meanwhile.version());
                    assertThat(e.savedBy()).isEqualTo("analyst2");
                    assertThat(e.basedOn()).isEqualTo(first.version());
                });
        mvc.perform(post("/api/segments/rules/LIFE_STAGE").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                with(first.rules(), first.version(), "my change"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(meanwhile.version()))
                .andExpect(jsonPath("$.activeBy").value("analyst2"))
                .andExpect(jsonPath("$.basedOnVersion").value(first.version()))
                .andExpect(jsonPath("$.detail").value(containsString("Life-stage rules were saved as version "
                        + meanwhile.version() + " by analyst2 at ")))
                .andExpect(jsonPath("$.detail").value(containsString("made from version " + first.version()
                        + "; nothing was saved")));
        // the page keeps what was typed and is now made from the version shown: saving again replaces it on purpose
        String page = mvc.perform(post("/segments/rules/LIFE_STAGE").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("r.youngUnder", "31").param("r.seniorFrom", "60").param("r.smallChildUnder", "6")
                        .param("basedOn", String.valueOf(first.version())).param("reason", "青年上限改为 31 岁"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"rules-stale\"").contains("analyst2").contains("版本 " + meanwhile.version())
                .contains("基于版本 " + first.version() + "；未保存")
                .contains("name=\"basedOn\" id=\"based-on\" value=\"" + meanwhile.version() + "\"")
                .contains("青年上限改为 31 岁").contains("name=\"r.youngUnder\" value=\"31\"");
        assertThat(rules.active(Dimension.LIFE_STAGE).version()).isEqualTo(meanwhile.version());
        mvc.perform(post("/segments/rules/LIFE_STAGE").with(Staff.analyst()).with(csrf())
                        .param("r.youngUnder", "31").param("r.seniorFrom", "60").param("r.smallChildUnder", "6")
                        .param("basedOn", String.valueOf(meanwhile.version())).param("reason", "青年上限改为 31 岁"))
                .andExpect(status().is3xxRedirection());
        RuleSet mine = rules.active(Dimension.LIFE_STAGE);
        assertThat(mine.version()).isEqualTo(meanwhile.version() + 1);
        assertThat(mine.reason()).isEqualTo("青年上限改为 31 岁");
        assertThat(mine.rules()).containsEntry("youngUnder", 31);
    }

    @Test
    void tagRulesTooSayWhyAndAreRefusedWhenMadeFromAnOlderVersion() throws Exception {
        Map<String, Object> active = tags.activeRules();
        int version = (Integer) active.get("version");
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) active.get("rules");
        mvc.perform(post("/api/segments/tag-rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(with(current, version, "复核标签规则"))))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(version + 1));
        mvc.perform(post("/api/segments/tag-rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(with(current, version, "again"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(version + 1))
                .andExpect(jsonPath("$.detail").value(containsString("Tag rules were saved as version " + (version + 1))));
        // a version that does not exist yet is no base either
        mvc.perform(post("/api/segments/tag-rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(with(current, version + 5, "ahead"))))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.basedOnVersion").value(version + 5));
        List<RuleVersion> versions = tags.versions();
        assertThat(versions.get(0)).extracting(RuleVersion::version, RuleVersion::reason, RuleVersion::active)
                .containsExactly(version + 1, "复核标签规则", true);
        mvc.perform(get("/api/segments/tag-rules/versions").with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].reason").value("复核标签规则"));
    }

    private static Map<String, Object> with(Map<String, Object> rules, int basedOn, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(rules);
        body.put(RuleSaveNote.BASED_ON, basedOn);
        body.put(RuleSaveNote.REASON, reason);
        return body;
    }
}
