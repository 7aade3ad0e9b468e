package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

/**
 * The what-if previews of every dimension and of the tag rules (the recompute's SQL with proposed rules as its source)
 * and the page editors of the LIFE_STAGE, BEHAVIOUR, RISK, DYNAMIC and tag rules. All roll back.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class RuleEditorTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentRules rules;
    @Autowired CustomerTags tags;
    @Autowired SegmentPreviews previews;

    static final Duration LONG_ENOUGH = Duration.ofSeconds(60);

    BookFixtures book;
    long agent;
    DataScope mine;
    long young;
    long senior;
    long corporate;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        mine = DataScope.ownBook(agent);
        LocalDate today = LocalDate.now();
        long medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        long home = book.product("家财险", "Home", "HOME_PROPERTY", null);
        young = book.individual("预览青年", today.minusYears(30).minusDays(10), true, "33", agent);
        jdbc.sql("update customer set marital_status = 'SINGLE' where id = :id").param("id", young).update();
        book.policy(young, medical, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "3000");
        senior = book.individual("预览老人", today.minusYears(65).minusDays(10), false, "33", agent);
        corporate = book.corporate("预览公司", "33", agent);
        long property = book.policy(corporate, home, "ACTIVE", today.minusMonths(3), today.plusMonths(9), "50000");
        book.claim(property, today.minusMonths(1), "10000", "REPORTED");
        recompute.recompute(List.of(young, senior, corporate));
    }

    @Test
    void theActiveRulesPreviewedMoveNobody() {
        for (Dimension dimension : Dimension.values()) {
            if (dimension == Dimension.VALUE) {
                continue;
            }
            List<MigrationCell> cells = rules.preview(dimension, rules.active(dimension).rules(), mine);
            assertThat(cells).as(dimension.name()).isNotEmpty().noneMatch(MigrationCell::moved);
            assertThat(cells.stream().mapToLong(MigrationCell::customers).sum()).as(dimension.name()).isEqualTo(3);
        }
    }

    @Test
    void aProposedLifeStageMovesWhomItWouldAndSavesNothing() {
        int version = rules.active(Dimension.LIFE_STAGE).version();
        List<MigrationCell> cells = rules.preview(Dimension.LIFE_STAGE,
                Map.of("youngUnder", 25, "seniorFrom", 70, "smallChildUnder", 6), mine);
        assertThat(cells).containsExactlyInAnyOrder(
                new MigrationCell("CORPORATE", "CORPORATE", 1),
                new MigrationCell("SENIOR", "ESTABLISHED", 1),
                new MigrationCell("YOUNG_SINGLE", "ESTABLISHED", 1));
        assertThat(rules.active(Dimension.LIFE_STAGE).version()).isEqualTo(version);
        assertThat(jdbc.sql("select segment from segment_placement where customer_id = :c and dimension = 'LIFE_STAGE' and valid_to is null")
                .param("c", senior).query(String.class).single()).isEqualTo("SENIOR");
    }

    @Test
    void aWholeNumberWrittenWithADecimalPointIsRefusedNotStoredForTheSqlToFailOn() {
        assertThat(rules.check(Dimension.LIFE_STAGE, Map.of("youngUnder", 25.0, "seniorFrom", 60, "smallChildUnder", "6.0")))
                .extracting(RuleProblem::code)
                .containsExactly("segmentation.rules.notInteger", "segmentation.rules.notInteger");
        assertThat(rules.check(Dimension.LIFE_STAGE, Map.of("youngUnder", 25, "seniorFrom", "60", "smallChildUnder", 6))).isEmpty();
    }

    @Test
    void aProposedRiskLevelMovesTheCorporateClaimant() {
        Map<String, Object> risk = new LinkedHashMap<>(rules.active(Dimension.RISK).rules());
        risk.put("levels", List.of(Map.of("segment", "RISK_LOW", "from", 0, "to", 1),
                Map.of("segment", "RISK_HIGH", "from", 1)));
        List<MigrationCell> cells = rules.preview(Dimension.RISK, risk, mine);
        assertThat(cells.stream().filter(c -> "RISK_HIGH".equals(c.to())).mapToLong(MigrationCell::customers).sum())
                .isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> rules.preview(Dimension.RISK, Map.of("claimYears", 0), mine))
                .isInstanceOf(InvalidSegmentRules.class);
    }

    @Test
    void proposedTagRulesSayWhoGainsAndLoses() {
        Map<String, Object> proposed = Map.of("tags", List.of(
                Map.of("tagDimension", "NEED", "tag", "SENIOR_WATCH", "whenDimension", "LIFE_STAGE", "whenSegments", List.of("SENIOR")),
                Map.of("tagDimension", "VALUE", "tag", "HIGH_VALUE", "whenDimension", "VALUE", "whenSegments", List.of("HIGH"))));
        List<TagPreview> preview = tags.preview(proposed, mine);
        assertThat(preview).contains(new TagPreview("NEED", "SENIOR_WATCH", 0, 1, 1, 0));
        TagPreview medicalGap = preview.stream().filter(t -> t.tag().equals("MEDICAL_GAP")).findFirst().orElseThrow();
        assertThat(medicalGap.current()).isEqualTo(medicalGap.lost()).isPositive();
        assertThat(medicalGap.proposed()).isZero();
    }

    @Test
    void everyoneReadsTheEditorOnlyEditorsGetTheButtons() throws Exception {
        mvc.perform(get("/segments/rules").param("dimension", "BEHAVIOUR").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"r.recencyDays[1]\"")))
                .andExpect(content().string(containsString("id=\"read-only\"")))
                .andExpect(content().string(not(containsString("id=\"save-button\""))));
        mvc.perform(get("/segments/rules").param("dimension", "RISK").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"r.climate.TYPHOON_COAST\"")))
                .andExpect(content().string(containsString("台风沿海")))
                .andExpect(content().string(containsString("id=\"save-button\"")));
        mvc.perform(get("/segments/rules/tags").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"MEDICAL_GAP\"")));
    }

    @Test
    void thePreviewShowsProblemsOnTheirFieldAndTheMatrixWhenValid() throws Exception {
        mvc.perform(post("/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.youngUnder", "abc").param("r.seniorFrom", "60").param("r.smallChildUnder", "30"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<span class=\"field-error\">&quot;youngUnder&quot;: &quot;abc&quot; is not a whole number")))
                .andExpect(content().string(containsString("&quot;smallChildUnder&quot;: 30 is outside 1–18")))
                .andExpect(content().string(not(containsString("preview-matrix"))));
        mvc.perform(post("/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.youngUnder", "40").param("r.seniorFrom", "40").param("r.smallChildUnder", "6"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Young-under 40 must be below senior-from 40")));
        String dynamic = mvc.perform(post("/segments/rules/DYNAMIC/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.windowMonths", "24").param("r.churnRiskMinLapses", "1").param("r.contactMonths", "6")
                        .param("r.contactMinBefore", "2").param("r.contactDropRatio", "0.5").param("r.loyalMinRenewals", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"0.5\"")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(finished(dynamic)).contains("id=\"preview-matrix\"");
        mvc.perform(post("/segments/rules/tags/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.tags[1].tagDimension", "need").param("r.tags[1].tag", "SENIOR_WATCH")
                        .param("r.tags[1].whenDimension", "LIFE_STAGE").param("r.tags[1].whenSegments", "SENIOR, NEW_FAMILY")
                        .param("r.tags[3].tagDimension", "NEED").param("r.tags[3].tag", "BAD")
                        .param("r.tags[3].whenDimension", "LIFE_STAGE").param("r.tags[3].whenSegments", "SENIOR")
                        .param("r.tags[3].lacksLines", "SPACESHIP"))
                .andExpect(status().isOk())
                // the blank row 2 is dropped: row 3 became tags[2]
                .andExpect(content().string(containsString("<span class=\"field-error\">&quot;tags[2].lacksLines&quot;: unknown value &quot;SPACESHIP&quot;")))
                .andExpect(content().string(containsString("name=\"r.tags[2].lacksLines\" value=\"SPACESHIP\"")));
        // the preview runs on a thread of its own, which sees the committed book, not this test's customers: the figures
        // are pinned by proposedTagRulesSayWhoGainsAndLoses and SegmentPreviewsTests
        String tagPage = mvc.perform(post("/segments/rules/tags/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.tags[1].tagDimension", "NEED").param("r.tags[1].tag", "SENIOR_WATCH")
                        .param("r.tags[1].whenDimension", "LIFE_STAGE").param("r.tags[1].whenSegments", "SENIOR"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(finished(tagPage)).contains("id=\"preview-tags\"");
    }

    @Test
    void savingFromThePageMakesANewAuditedVersion() throws Exception {
        int version = rules.active(Dimension.DYNAMIC).version();
        long dynamicChangesBefore = ruleChanges("segment DYNAMIC rules v" + (version + 1));
        mvc.perform(post("/segments/rules/DYNAMIC").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.windowMonths", "12").param("r.churnRiskMinLapses", "1").param("r.contactMonths", "6")
                        .param("r.contactMinBefore", "2").param("r.contactDropRatio", "0.5").param("r.loyalMinRenewals", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&quot;loyalMinRenewals&quot;: 0 is outside 1–100")));
        assertThat(rules.active(Dimension.DYNAMIC).version()).isEqualTo(version);
        mvc.perform(post("/segments/rules/DYNAMIC").with(Staff.analyst()).with(csrf())
                        .param("r.windowMonths", "12").param("r.churnRiskMinLapses", "1").param("r.contactMonths", "6")
                        .param("r.contactMinBefore", "2").param("r.contactDropRatio", "0.5").param("r.loyalMinRenewals", "3")
                        .param("basedOn", String.valueOf(version)).param("reason", "忠诚客户须续保三次"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/segments/rules?dimension=DYNAMIC"));
        RuleSet saved = rules.active(Dimension.DYNAMIC);
        assertThat(saved.version()).isEqualTo(version + 1);
        assertThat(saved.rules()).containsEntry("windowMonths", 12).containsEntry("contactDropRatio", 0.5)
                .containsEntry("loyalMinRenewals", 3);
        // other tests' saves of the same version number were audited too (the audit outlives their rollback)
        assertThat(ruleChanges("segment DYNAMIC rules v" + saved.version())).isEqualTo(dynamicChangesBefore + 1);

        int tagVersion = (Integer) tags.activeRules().get("version");
        long tagChangesBefore = ruleChanges("tag rules v" + (tagVersion + 1));
        mvc.perform(post("/segments/rules/tags").with(Staff.analyst()).with(csrf())
                        .param("r.tags[1].tagDimension", "NEED").param("r.tags[1].tag", "SENIOR_WATCH")
                        .param("r.tags[1].whenDimension", "LIFE_STAGE").param("r.tags[1].whenSegments", "SENIOR")
                        .param("basedOn", String.valueOf(tagVersion)).param("reason", "关注银发客户"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/segments/rules/tags"));
        assertThat(tags.activeRules().get("version")).isEqualTo(tagVersion + 1);
        assertThat(ruleChanges("tag rules v" + (tagVersion + 1))).isEqualTo(tagChangesBefore + 1);
    }

    private long ruleChanges(String reason) {
        return jdbc.sql("select count(*) from audit_event where action = 'RULE_CHANGE' and reason = :r")
                .param("r", reason).query(Long.class).single();
    }

    @Test
    void tagRulesArePickedFromTheSegmentsOfTheirDimensionAndTheLines() throws Exception {
        String page = mvc.perform(get("/segments/rules/tags").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // the default rule MEDICAL_GAP: LIFE_STAGE segments, lacking MEDICAL — picked, not typed
        java.util.regex.Matcher medicalGap = java.util.regex.Pattern.compile("name=\"r\\.tags\\[(\\d+)]\\.tag\" value=\"MEDICAL_GAP\"")
                .matcher(page);
        assertThat(medicalGap.find()).as("the MEDICAL_GAP rule on the page").isTrue();
        String row = "r.tags[" + medicalGap.group(1) + "]";
        assertThat(page).contains("<select name=\"" + row + ".whenDimension\"")
                .contains("type=\"checkbox\" name=\"" + row + ".whenSegments\" value=\"NEW_FAMILY\" checked=\"checked\"")
                .contains("type=\"checkbox\" name=\"" + row + ".whenSegments\" value=\"CORPORATE\">")
                .contains("type=\"checkbox\" name=\"" + row + ".lacksLines\" value=\"MEDICAL\" checked=\"checked\"")
                .contains("type=\"checkbox\" name=\"" + row + ".lacksLines\" value=\"MOTOR\">")
                .contains(">New family<").contains(">Medical<");
        // another dimension picked: the editor again with its segments; a segment of the old one shown in red, still ticked
        String rows = mvc.perform(post("/segments/rules/tags/rows").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.tags[1].tagDimension", "VALUE").param("r.tags[1].tag", "TOP_TIER")
                        .param("r.tags[1].whenDimension", "RISK").param("r.tags[1].whenSegments", "HIGH"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(rows).contains("name=\"r.tags[1].whenSegments\" value=\"RISK_HIGH\"")
                .contains("name=\"r.tags[1].whenSegments\" value=\"HIGH\" checked=\"checked\"")
                .contains("class=\"foreign\"");
        // ticked boxes preview as the list they make
        String preview = mvc.perform(post("/segments/rules/tags/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.tags[1].tagDimension", "NEED").param("r.tags[1].tag", "SENIOR_CARE")
                        .param("r.tags[1].whenDimension", "LIFE_STAGE").param("r.tags[1].whenSegments", "SENIOR", "ESTABLISHED")
                        .param("r.tags[1].lacksLines", "LONG_TERM_CARE"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(preview).doesNotContain("class=\"field-error\"").doesNotContain("id=\"rule-problems\"");
    }

    @Test
    void rowsAreRemovedAndAddedFromWhatWasTypedAndNothingIsSaved() throws Exception {
        int version = rules.active(Dimension.VALUE).version();
        mvc.perform(get("/segments/rules").param("dimension", "VALUE").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("id=\"remove-bands[3]\"")))
                .andExpect(content().string(containsString("hx-vals=\"{&quot;remove&quot;: &quot;bands[3]&quot;}\"")))
                .andExpect(content().string(not(containsString("id=\"remove-bands[4]\""))))
                .andExpect(content().string(containsString("id=\"add-bands\"")))
                .andExpect(content().string(containsString(">Remove this row<")));
        var typed = post("/segments/rules/VALUE/rows").with(Staff.analyst()).with(csrf()).param("lang", "en")
                .param("r.bands[1].segment", "POTENTIAL").param("r.bands[1].from", "0").param("r.bands[1].to", "10000")
                .param("r.bands[2].segment", "MIDDLE").param("r.bands[2].from", "10000").param("r.bands[2].to", "99999")
                .param("r.bands[3].segment", "HIGH").param("r.bands[3].from", "100000")
                .param("r.bands[4].segment", "").param("r.bands[4].from", "").param("r.bands[4].to", "");
        // the middle row left out: the rows after it move up, what was typed stays (the 99,999 nobody checked yet)
        mvc.perform(typed.param("remove", "bands[2]"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"r.bands[2].segment\" value=\"HIGH\"")))
                .andExpect(content().string(not(containsString("value=\"MIDDLE\""))))
                .andExpect(content().string(containsString("name=\"r.bands[3].segment\" value=\"\"")))
                .andExpect(content().string(not(containsString("r.bands[4]"))))
                .andExpect(content().string(not(containsString("class=\"field-error\""))));
        // a row added: the blank row posted and one more
        mvc.perform(post("/segments/rules/VALUE/rows").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("r.bands[1].segment", "POTENTIAL").param("r.bands[1].from", "0")
                        .param("r.bands[2].segment", "").param("r.bands[2].from", "").param("add", "bands"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"r.bands[3].segment\" value=\"\"")))
                .andExpect(content().string(not(containsString("r.bands[4]"))))
                .andExpect(content().string(containsString(">添加一行<")));
        // the tag rules and a keyed field (RISK industries) have the same buttons; a name that is no row changes nothing
        mvc.perform(post("/segments/rules/RISK/rows").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.industry[1].key", "MINING").param("r.industry[1].value", "3")
                        .param("r.industry[2].key", "FARMING").param("r.industry[2].value", "2").param("remove", "industry[1]"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"r.industry[1].key\" value=\"FARMING\"")))
                .andExpect(content().string(not(containsString("MINING"))));
        mvc.perform(post("/segments/rules/tags/rows").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.tags[1].tag", "MEDICAL_GAP").param("r.tags[1].tagDimension", "NEED").param("remove", "windowMonths"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"MEDICAL_GAP\"")));
        mvc.perform(post("/segments/rules/VALUE/rows").with(Staff.agent(agent)).with(csrf()).param("add", "bands"))
                .andExpect(status().isForbidden());
        assertThat(rules.active(Dimension.VALUE).version()).as("nothing saved").isEqualTo(version);
    }

    @Test
    void theValueEditorEditsBandsAndTheContribution() throws Exception {
        mvc.perform(get("/segments/rules").param("dimension", "VALUE").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"r.bands[3].segment\" value=\"HIGH\"")))
                .andExpect(content().string(containsString("name=\"r.propertyContribution.premiumWeight\" value=\"40\"")))
                .andExpect(content().string(containsString("name=\"r.propertyContribution.bands[1].segment\" value=\"POTENTIAL\"")));
        var value = post("/segments/rules/VALUE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                .param("r.bands[1].segment", "POTENTIAL").param("r.bands[1].from", "0").param("r.bands[1].to", "10000")
                .param("r.bands[2].segment", "MIDDLE").param("r.bands[2].from", "10000").param("r.bands[2].to", "100000")
                .param("r.bands[3].segment", "HIGH").param("r.bands[3].from", "100000")
                .param("r.propertyContribution.premiumFull", "50000").param("r.propertyContribution.renewalWeight", "35")
                .param("r.propertyContribution.renewalYears", "3").param("r.propertyContribution.renewalNoHistory", "0.5")
                .param("r.propertyContribution.claimWeight", "25").param("r.propertyContribution.claimYears", "3")
                .param("r.propertyContribution.claimsZero", "3")
                .param("r.propertyContribution.bands[1].segment", "POTENTIAL").param("r.propertyContribution.bands[1].from", "0")
                .param("r.propertyContribution.bands[1].to", "50")
                .param("r.propertyContribution.bands[2].segment", "HIGH").param("r.propertyContribution.bands[2].from", "50");
        mvc.perform(value.param("r.propertyContribution.premiumWeight", "50"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The property contribution weights must add up to 100: premium 50 + renewal 35 + claims 25 = 110")))
                .andExpect(content().string(not(containsString("preview-matrix"))));
        mvc.perform(post("/segments/rules/VALUE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.bands[1].segment", "POTENTIAL").param("r.bands[1].from", "0").param("r.bands[1].to", "10000")
                        .param("r.bands[2].segment", "HIGH").param("r.bands[2].from", "10000")
                        .param("r.propertyContribution.premiumWeight", "abc"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<span class=\"field-error\">&quot;propertyContribution.premiumWeight&quot;: &quot;abc&quot; is not a whole number")))
                .andExpect(content().string(containsString("<span class=\"field-error\">Field &quot;propertyContribution.claimsZero&quot; is missing")));
        // without contribution fields everybody is placed by premium: a valid rule set
        String valid = mvc.perform(post("/segments/rules/VALUE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.bands[1].segment", "POTENTIAL").param("r.bands[1].from", "0").param("r.bands[1].to", "10000")
                        .param("r.bands[2].segment", "HIGH").param("r.bands[2].from", "10000"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(finished(valid)).contains("id=\"preview-matrix\"");
        mvc.perform(post("/api/segments/rules/VALUE").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": null}], \"propertyContribution\": "
                                + "{\"premiumWeight\": 40, \"premiumFull\": 50000, \"renewalWeight\": 35, \"renewalYears\": 3, "
                                + "\"renewalNoHistory\": 0.5, \"claimWeight\": 20, \"claimYears\": 3, \"claimsZero\": 3, "
                                + "\"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": null}]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("segmentation.rules.contributionWeights"));
    }

    @Test
    void theApiPreviewsEveryDimensionAndTheTagRulesInTheBackground() throws Exception {
        holdPreviews();
        var started = mvc.perform(post("/api/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"youngUnder\": 35, \"seniorFrom\": 60, \"smallChildUnder\": 6}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("RUNNING"))
                .andExpect(jsonPath("$.set").value("LIFE_STAGE"))
                .andExpect(jsonPath("$.startedBy").value("analyst"))
                .andExpect(jsonPath("$.cells").doesNotExist())
                .andReturn().getResponse();
        String location = started.getHeader("Location");
        assertThat(location).matches("/api/segments/rules/LIFE_STAGE/preview/[0-9a-f-]{36}");
        mvc.perform(get(location).with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("RUNNING"))
                .andExpect(jsonPath("$.elapsedSeconds").isNumber())
                .andExpect(jsonPath("$.rulesNow").value("UNCHANGED"));
        mvc.perform(get(location).with(Staff.signedIn(analyst("other-analyst"))))
                .andExpect(status().isNotFound());
        mvc.perform(get(location.replace("LIFE_STAGE", "RISK")).with(Staff.analyst())).andExpect(status().isNotFound());

        release.countDown();
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        mvc.perform(get(location).with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DONE"))
                .andExpect(jsonPath("$.cells").isArray())
                // for an analyst small cells are withheld (k said; the figures: SmallCellPreviewTests)
                .andExpect(jsonPath("$.smallCellK").value(5))
                .andExpect(jsonPath("$.failure").doesNotExist());

        mvc.perform(post("/api/segments/rules/BEHAVIOUR/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"windowMonths\": 12}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("segmentation.rules.cutCount"));
        String tagLocation = mvc.perform(post("/api/segments/tag-rules/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tags\": [{\"tagDimension\": \"NEED\", \"tag\": \"SENIOR_WATCH\", \"whenDimension\": \"LIFE_STAGE\","
                                + " \"whenSegments\": [\"SENIOR\"]}]}"))
                .andExpect(jsonPath("$.set").value("TAGS"))
                .andReturn().getResponse().getHeader("Location");
        assertThat(tagLocation).startsWith("/api/segments/tag-rules/preview/");
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        mvc.perform(get(tagLocation).with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DONE"))
                .andExpect(jsonPath("$.tags").isArray());
        mvc.perform(post("/api/segments/rules/value/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": 10000},"
                                + " {\"segment\": \"HIGH\", \"from\": 10000, \"to\": null}]}"))
                .andExpect(jsonPath("$.set").value("VALUE"));
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        mvc.perform(post("/api/segments/rules/DYNAMIC/preview").with(Staff.agent(agent)).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get(location).with(Staff.agent(agent))).andExpect(status().isForbidden());
    }

    /** A small book's preview finishes within about a second: answered at once, 200 and DONE, with its Location. */
    @Test
    void aQuickPreviewIsAnsweredAtOnce() throws Exception {
        var answer = mvc.perform(post("/api/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"youngUnder\": 35, \"seniorFrom\": 60, \"smallChildUnder\": 6}"))
                .andReturn().getResponse();
        // on a loaded machine even the test book may take longer than a second: then it is followed as any other
        assertThat(answer.getStatus()).isIn(200, 202);
        assertThat(answer.getHeader("Location")).startsWith("/api/segments/rules/LIFE_STAGE/preview/");
        if (answer.getStatus() == 200) {
            assertThat(answer.getContentAsString()).contains("\"state\":\"DONE\"").contains("\"cells\":[");
        } else {
            assertThat(answer.getContentAsString()).contains("\"state\":\"RUNNING\"");
        }
    }

    @Test
    void oneRunningPreviewPerUserAndAFewInAll() throws Exception {
        holdPreviews();
        String lifeStage = "{\"youngUnder\": 35, \"seniorFrom\": 60, \"smallChildUnder\": 6}";
        String first = mvc.perform(post("/api/segments/rules/LIFE_STAGE/preview").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content(lifeStage))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        mvc.perform(post("/api/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(lifeStage))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.reasonKey").value("segmentation.preview.ownRunning"))
                .andExpect(jsonPath("$.running").value(first))
                .andExpect(jsonPath("$.detail").value(containsString("is still running")));
        mvc.perform(post("/api/segments/rules/LIFE_STAGE/preview").with(Staff.admin())
                        .contentType(MediaType.APPLICATION_JSON).content(lifeStage))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/segments/rules/LIFE_STAGE/preview").param("lang", "en")
                        .with(Staff.signedIn(analyst("third-analyst")))
                        .contentType(MediaType.APPLICATION_JSON).content(lifeStage))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(jsonPath("$.reasonKey").value("segmentation.preview.tooMany"))
                .andExpect(jsonPath("$.detail").value(containsString("2 previews are running")));
        // the page shows the refusal, and the analyst's own preview still running
        mvc.perform(post("/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.youngUnder", "35").param("r.seniorFrom", "60").param("r.smallChildUnder", "6"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"preview-refused\"")))
                .andExpect(content().string(containsString("id=\"preview-running\"")));
        release.countDown();
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
    }

    /** The page: the preview's progress, polled (htmx) until it is done, then its matrix; no longer kept: said so. */
    @Test
    void theEditorShowsARunningPreviewAndPollsItUntilItIsDone() throws Exception {
        holdPreviews();
        String page = mvc.perform(post("/segments/rules/LIFE_STAGE/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("r.youngUnder", "35").param("r.seniorFrom", "60").param("r.smallChildUnder", "6"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"preview-running\"", "hx-trigger=\"every 1s\"", "Preview running over the customers in your scope")
                .doesNotContain("id=\"preview-matrix\"");
        String path = pollPath(page);
        assertThat(path).matches("/segments/rules/LIFE_STAGE/preview/[0-9a-f-]{36}");
        mvc.perform(get(path).with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"preview-running\"")));

        release.countDown();
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        mvc.perform(get(path).with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"preview-matrix\"")))
                .andExpect(content().string(containsString("id=\"preview-took\"")))
                .andExpect(content().string(not(containsString("hx-get"))));
        mvc.perform(get(path).with(Staff.admin()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This preview is no longer kept")))
                .andExpect(content().string(not(containsString("preview-matrix"))));
    }

    final CountDownLatch release = new CountDownLatch(1);

    /** The application's previews wait for {@link #release} before their SQL runs. */
    void holdPreviews() {
        previews.hook(id -> {
            try {
                release.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterEach
    void letPreviewsGo() {
        release.countDown();
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        previews.hook(id -> { });
    }

    private static StaffPrincipal analyst(String username) {
        return new StaffPrincipal(2L, username, "{noop}x", "另一分析师", Role.ANALYST, null, null, true);
    }

    private static String pollPath(String page) {
        Matcher polling = Pattern.compile("hx-get=\"(/segments/rules/[^\"]+/preview/[^\"]+)\"").matcher(page);
        return polling.find() ? polling.group(1) : null;
    }

    /** The preview's part of a page once it is done: as it came when answered at once, else polled as the page does. */
    private String finished(String page) throws Exception {
        String path = pollPath(page);
        if (path == null) {
            return page;
        }
        assertThat(previews.awaitIdle(LONG_ENOUGH)).isTrue();
        return mvc.perform(get(path).with(Staff.analyst()).param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
