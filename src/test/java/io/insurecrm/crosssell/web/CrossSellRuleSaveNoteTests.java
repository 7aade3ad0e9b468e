package io.insurecrm.crosssell.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.crosssell.GapRuleSet;
import io.insurecrm.crosssell.GapRules;
import io.insurecrm.crosssell.IncentiveSet;
import io.insurecrm.crosssell.Incentives;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every save of the gap rules and of the incentives says which version it was made from and why: the reason is kept
 * with the version and listed; a save made from another version than the active one is refused (409 on the API, the
 * form back with what was typed on the page), and nothing is saved. All roll back.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class CrossSellRuleSaveNoteTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired GapRules rules;
    @Autowired Incentives incentives;
    @Autowired JdbcClient jdbc;

    @Test
    void aSaveWithoutItsVersionOrReasonIsRefusedNamingBothFieldsInBothLanguagesAndNothingIsSaved() throws Exception {
        GapRuleSet active = rules.active();
        IncentiveSet activeIncentives = incentives.active();
        mvc.perform(put("/api/crosssell/rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body("rules", active.rules(), null, null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].row").value(0))
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("Gap rules: give the reason for the change"))
                .andExpect(jsonPath("$.errors[1].field").value("basedOnVersion"))
                .andExpect(jsonPath("$.errors[1].message").value(containsString("Gap rules: the version the form was based on is missing")));
        mvc.perform(put("/api/crosssell/incentives").with(Staff.analyst()).param("lang", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("incentives", activeIncentives.incentives(), activeIncentives.version(), " ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("交叉销售激励：请填写修改原因"));
        mvc.perform(put("/api/crosssell/incentives").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("incentives", activeIncentives.incentives(), null, "长".repeat(501))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("Cross-sell incentives: the reason is longer than 500 characters"))
                .andExpect(jsonPath("$.errors[1].field").value("basedOnVersion"));
        // the pages: what was typed comes back with the problem in the reader's language
        mvc.perform(gapRuleForm(String.valueOf(active.version()), "", "70").param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("保障缺口规则：请填写修改原因")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("value=\"SENIOR_DENTAL\"")));
        mvc.perform(incentiveForm("", "季度调整", "15").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("Cross-sell incentives: the version the form was based on is missing")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("季度调整")));
        assertThat(rules.active().version()).isEqualTo(active.version());
        assertThat(incentives.active().version()).isEqualTo(activeIncentives.version());
    }

    @Test
    void theReasonIsKeptWithTheVersionAndListedOnThePagesAndTheApi() throws Exception {
        GapRuleSet active = rules.active();
        mvc.perform(put("/api/crosssell/rules").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content(body("rules", active.rules(), active.version(), " 复核规则文字 ")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(active.version() + 1))
                .andExpect(jsonPath("$.reason").value("复核规则文字"));
        mvc.perform(get("/api/crosssell/rules").with(Staff.agent(1L)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("复核规则文字"));
        mvc.perform(gapRuleForm(String.valueOf(active.version() + 1), "高龄牙科缺口", "70"))
                .andExpect(status().is3xxRedirection());
        GapRuleSet saved = rules.active();
        assertThat(saved.version()).isEqualTo(active.version() + 2);
        assertThat(saved.reason()).isEqualTo("高龄牙科缺口");
        assertThat(saved.createdBy()).isEqualTo("analyst");
        String page = mvc.perform(get("/crosssell/rules").with(Staff.analyst()).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("name=\"basedOnVersion\" id=\"based-on\" value=\"" + saved.version() + "\"")
                .contains("id=\"reason\"").contains("基于版本 " + saved.version() + " 修改")
                .contains("data-version=\"" + saved.version() + "\"").contains("高龄牙科缺口").contains("复核规则文字")
                // the seed version was saved before reasons were asked for
                .contains("（要求填写原因之前保存，无原因）");

        IncentiveSet incentiveSet = incentives.active();
        mvc.perform(incentiveForm(String.valueOf(incentiveSet.version()), "高价值客户折扣上调", "15"))
                .andExpect(status().is3xxRedirection());
        IncentiveSet savedIncentives = incentives.active();
        assertThat(savedIncentives.version()).isGreaterThan(incentiveSet.version());
        assertThat(savedIncentives.reason()).isEqualTo("高价值客户折扣上调");
        mvc.perform(get("/api/crosssell/incentives").with(Staff.agent(1L)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("高价值客户折扣上调"))
                .andExpect(jsonPath("$.incentives[0].discountPercent").value(15));
        String en = mvc.perform(get("/crosssell/incentives").with(Staff.agent(1L)).param("lang", "en"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("高价值客户折扣上调").contains("(saved before reasons were asked for)")
                .doesNotContain("id=\"reason\"");
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void aSaveMadeFromAnOlderVersionIsRefusedNamingWhoSavedWhichVersion() throws Exception {
        GapRuleSet first = rules.active();
        GapRuleSet meanwhile = rules.save(first.rules(), "同事先保存的版本", first.version(), "analyst2");
        IncentiveSet before = incentives.active();
        IncentiveSet other = incentives.save(before.incentives(), "同事调整激励", before.version(), "analyst2");
        assertThatThrownBy(() -> rules.save(first.rules(), "我的修改", first.version(), "analyst1"))
                .isInstanceOfSatisfying(StaleRuleVersion.class, e -> {
                    assertThat(e.activeVersion()).isEqualTo(meanwhile.version());
                    assertThat(e.savedBy()).isEqualTo("analyst2");
                    assertThat(e.basedOn()).isEqualTo(first.version());
                });
        mvc.perform(put("/api/crosssell/rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body("rules", first.rules(), first.version(), "my change")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(meanwhile.version()))
                .andExpect(jsonPath("$.activeBy").value("analyst2"))
                .andExpect(jsonPath("$.basedOnVersion").value(first.version()))
                .andExpect(jsonPath("$.detail").value(containsString("Gap rules were saved as version "
                        + meanwhile.version() + " by analyst2 at ")));
        // the page keeps what was typed and is now made from the active version: saving again replaces it on purpose
        String page = mvc.perform(gapRuleForm(String.valueOf(first.version()), "高龄牙科缺口", "72").param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"rules-stale\"").contains("analyst2").contains("保存为版本 " + meanwhile.version())
                .contains("基于版本 " + first.version() + "；未保存")
                .contains("name=\"basedOnVersion\" id=\"based-on\" value=\"" + meanwhile.version() + "\"")
                .contains("高龄牙科缺口").contains("value=\"72\"");
        assertThat(rules.active().version()).isEqualTo(meanwhile.version());
        mvc.perform(gapRuleForm(String.valueOf(meanwhile.version()), "高龄牙科缺口", "72"))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.active().version()).isEqualTo(meanwhile.version() + 1);
        assertThat(rules.active().reason()).isEqualTo("高龄牙科缺口");

        // the incentives likewise
        mvc.perform(put("/api/crosssell/incentives").with(Staff.analyst()).param("lang", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("incentives", before.incentives(), before.version(), "我的修改")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(other.version()))
                .andExpect(jsonPath("$.detail").value(containsString("交叉销售激励已由 analyst2 于")));
        mvc.perform(incentiveForm(String.valueOf(before.version()), "高价值客户折扣上调", "15").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("id=\"rules-stale\"")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("Cross-sell incentives were saved as version " + other.version() + " by analyst2")));
        assertThat(incentives.active().version()).isEqualTo(other.version());
        assertThat(jdbc.sql("select count(*) from crosssell_incentive_set where reason = '高价值客户折扣上调'")
                .query(Integer.class).single()).isZero();
    }

    /** An API body: the items under {@code key} with the note (a null is left out). */
    private static String body(String key, List<?> items, Integer basedOn, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (basedOn != null) {
            body.put("basedOnVersion", basedOn);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        body.put(key, items);
        return JSON.writeValueAsString(body);
    }

    /** The gap rule editor posting one rule (senior dental cover from the given age) with its note. */
    private static MockHttpServletRequestBuilder gapRuleForm(String basedOn, String reason, String minAge) {
        return post("/crosssell/rules").with(Staff.analyst()).with(csrf())
                .param("rows[0].code", "SENIOR_DENTAL").param("rows[0].kind", "MISSING_LINE")
                .param("rows[0].lifeStages", "SENIOR").param("rows[0].condition", "NONE")
                .param("rows[0].lines", "MEDICAL").param("rows[0].suggestLine", "MEDICAL").param("rows[0].minAge", minAge)
                .param("rows[0].explanationZh", "{name}没有医疗险").param("rows[0].explanationEn", "{name} has no medical cover")
                .param("basedOnVersion", basedOn).param("reason", reason);
    }

    /** The incentive editor posting one incentive (a second-contract discount for HIGH) with its note. */
    private static MockHttpServletRequestBuilder incentiveForm(String basedOn, String reason, String discount) {
        return post("/crosssell/incentives").with(Staff.analyst()).with(csrf())
                .param("rows[0].code", "HIGH_ANY").param("rows[0].tier", "HIGH")
                .param("rows[0].kind", "SECOND_CONTRACT_DISCOUNT").param("rows[0].discountPercent", discount)
                .param("rows[0].descriptionZh", "第二份保单折扣").param("rows[0].descriptionEn", "second contract discount")
                .param("basedOnVersion", basedOn).param("reason", reason);
    }
}
