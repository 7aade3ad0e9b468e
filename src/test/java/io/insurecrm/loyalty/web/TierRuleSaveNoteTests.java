package io.insurecrm.loyalty.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.loyalty.LoyaltyRules;
import io.insurecrm.loyalty.RuleSet;
import io.insurecrm.loyalty.TierRules;
import io.insurecrm.platform.rules.StaleRuleVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every save of the tier rules says which version it was made from and why: the reason is kept with the version and
 * listed; a save made from another version than the active one is refused (409 on the API, the form back with what was
 * typed on the page), and nothing is saved. All roll back (the re-evaluation of the book runs after commit only).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class TierRuleSaveNoteTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired LoyaltyRules rules;

    @Test
    void aSaveWithoutItsVersionOrReasonIsRefusedNamingBothFieldsInBothLanguagesAndNothingIsSaved() throws Exception {
        RuleSet active = rules.active();
        mvc.perform(post("/api/loyalty/rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body(active.rules(), null, null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].code").value("rules.problem.reasonMissing"))
                .andExpect(jsonPath("$.errors[0].message").value("Tier rules: give the reason for the change"))
                .andExpect(jsonPath("$.errors[1].field").value("basedOnVersion"))
                .andExpect(jsonPath("$.errors[1].message").value(
                        "Tier rules: the version the form was based on is missing; reload the page and make the change again"));
        mvc.perform(post("/api/loyalty/rules").with(Staff.analyst()).param("lang", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON).content(body(active.rules(), active.version(), "长".repeat(501))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("会员等级规则：修改原因最多 500 个字"));
        // the page: the typed values come back with the problem, named in the reader's language
        String page = mvc.perform(form(active, String.valueOf(active.version()), "  ", "years", "2", "4", "9")
                        .param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("会员等级规则：请填写修改原因").contains("name=\"years\" value=\"9\"")
                .contains("name=\"basedOnVersion\" id=\"based-on\" value=\"" + active.version() + "\"");
        mvc.perform(form(active, "", "门槛调整").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("Tier rules: the version the form was based on is missing")));
        assertThat(rules.active().version()).isEqualTo(active.version());
    }

    @Test
    void theReasonIsKeptWithTheVersionAndListedOnThePageAndTheApi() throws Exception {
        RuleSet active = rules.active();
        mvc.perform(post("/api/loyalty/rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body(active.rules(), active.version(), "  钻石门槛随保费上调  ")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(active.version() + 1))
                .andExpect(jsonPath("$.reason").value("钻石门槛随保费上调"));
        mvc.perform(get("/api/loyalty/rules/versions").with(Staff.agent(1L)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].version").value(active.version() + 1))
                .andExpect(jsonPath("$[0].reason").value("钻石门槛随保费上调"))
                .andExpect(jsonPath("$[0].createdBy").value("analyst"))
                .andExpect(jsonPath("$[0].active").value(true))
                .andExpect(jsonPath("$[1].version").value(active.version()))
                .andExpect(jsonPath("$[1].active").value(false));
        // the page saves with its reason too, from the version it shows
        mvc.perform(form(rules.active(), String.valueOf(active.version() + 1), "宽限期改为 90 天", "graceDays", "90"))
                .andExpect(status().is3xxRedirection());
        RuleSet saved = rules.active();
        assertThat(saved.version()).isEqualTo(active.version() + 2);
        assertThat(saved.reason()).isEqualTo("宽限期改为 90 天");
        assertThat(saved.rules().graceDays()).isEqualTo(90);
        String page = mvc.perform(get("/loyalty/rules").with(Staff.analyst()).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("name=\"basedOnVersion\" id=\"based-on\" value=\"" + saved.version() + "\"")
                .contains("id=\"reason\"").contains("基于版本 " + saved.version() + " 修改")
                .contains("data-version=\"" + saved.version() + "\"").contains("宽限期改为 90 天").contains("钻石门槛随保费上调")
                // the seed version was saved before reasons were asked for
                .contains("（要求填写原因之前保存，无原因）");
        String en = mvc.perform(get("/loyalty/rules").with(Staff.agent(1L)).param("lang", "en"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("宽限期改为 90 天").contains("(saved before reasons were asked for)").doesNotContain("id=\"reason\"");
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void aSaveMadeFromAnOlderVersionIsRefusedNamingWhoSavedWhichVersion() throws Exception {
        RuleSet first = rules.active();
        TierRules r = first.rules();
        RuleSet meanwhile = rules.save(r.tiers(), r.graceDays(), r.downgrade(), r.activityPoints(), r.pointsValidMonths(),
                "同事先保存的版本", first.version(), "analyst2");
        assertThatThrownBy(() -> rules.save(r.tiers(), r.graceDays(), r.downgrade(), r.activityPoints(),
                r.pointsValidMonths(), "我的修改", first.version(), "analyst1"))
                .isInstanceOfSatisfying(StaleRuleVersion.class, e -> {
                    assertThat(e.activeVersion()).isEqualTo(meanwhile.version());
                    assertThat(e.savedBy()).isEqualTo("analyst2");
                    assertThat(e.basedOn()).isEqualTo(first.version());
                });
        // a version ahead of the active one is refused too
        assertThatThrownBy(() -> rules.save(r.tiers(), r.graceDays(), r.downgrade(), r.activityPoints(),
                r.pointsValidMonths(), "我的修改", meanwhile.version() + 1, "analyst1"))
                .isInstanceOf(StaleRuleVersion.class);
        mvc.perform(post("/api/loyalty/rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(body(r, first.version(), "my change")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(meanwhile.version()))
                .andExpect(jsonPath("$.activeBy").value("analyst2"))
                .andExpect(jsonPath("$.basedOnVersion").value(first.version()))
                .andExpect(jsonPath("$.detail").value(containsString("Tier rules were saved as version "
                        + meanwhile.version() + " by analyst2 at ")))
                .andExpect(jsonPath("$.detail").value(containsString("after version " + first.version()
                        + " this change was made from; nothing was saved")));
        // the page keeps what was typed and is now made from the active version: saving again replaces it on purpose
        String page = mvc.perform(form(first, String.valueOf(first.version()), "白银年限改为 3 年", "years", "3", "5", "8")
                        .param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"rules-stale\"").contains("analyst2").contains("保存为版本 " + meanwhile.version())
                .contains("基于版本 " + first.version() + "；未保存")
                .contains("name=\"basedOnVersion\" id=\"based-on\" value=\"" + meanwhile.version() + "\"")
                .contains("白银年限改为 3 年").contains("name=\"years\" value=\"3\"");
        assertThat(rules.active().version()).isEqualTo(meanwhile.version());
        mvc.perform(form(first, String.valueOf(meanwhile.version()), "白银年限改为 3 年", "years", "3", "5", "8"))
                .andExpect(status().is3xxRedirection());
        RuleSet mine = rules.active();
        assertThat(mine.version()).isEqualTo(meanwhile.version() + 1);
        assertThat(mine.reason()).isEqualTo("白银年限改为 3 年");
        assertThat(mine.createdBy()).isEqualTo("analyst");
    }

    /** The API body of the rules with its note (a null is left out). */
    private static String body(TierRules r, Integer basedOn, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tiers", r.tiers());
        body.put("graceDays", r.graceDays());
        body.put("downgrade", r.downgrade());
        body.put("activityPoints", r.activityPoints());
        body.put("pointsValidMonths", r.pointsValidMonths());
        if (basedOn != null) {
            body.put("basedOnVersion", basedOn);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return JSON.writeValueAsString(body);
    }

    /**
     * The editor's form of a version as posted by an analyst, with the version it was made from and the reason; the
     * field {@code changed}, when given, posted with {@code values} instead.
     */
    private static MockHttpServletRequestBuilder form(RuleSet set, String basedOn, String reason, String changed,
                                                      String... values) {
        TierRulesForm f = TierRulesForm.of(set);
        Map<String, String[]> fields = new LinkedHashMap<>();
        fields.put("years", f.years().toArray(String[]::new));
        fields.put("premium", f.premium().toArray(String[]::new));
        fields.put("points", f.points().toArray(String[]::new));
        fields.put("graceDays", new String[] {f.graceDays()});
        fields.put("downgrade", new String[] {f.downgrade()});
        fields.put("homeClass", new String[] {f.homeClass()});
        fields.put("safetyInspection", new String[] {f.safetyInspection()});
        fields.put("survey", new String[] {f.survey()});
        fields.put("pointsValidMonths", new String[] {f.pointsValidMonths()});
        fields.put("basedOnVersion", new String[] {basedOn});
        fields.put("reason", new String[] {reason});
        if (changed != null) {
            fields.put(changed, values);
        }
        MockHttpServletRequestBuilder post = post("/loyalty/rules").with(Staff.analyst()).with(csrf());
        fields.forEach(post::param);
        return post;
    }

    private static MockHttpServletRequestBuilder form(RuleSet set, String basedOn, String reason) {
        return form(set, basedOn, reason, null);
    }
}
