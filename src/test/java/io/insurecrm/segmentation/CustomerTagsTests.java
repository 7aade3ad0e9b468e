package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tags: rule tags follow the placements (and go when they no longer apply), manual tags with author and note, the
 * tag and segment filters of the customer search and its CSV export, the tags on the Customer 360. All roll back.
 * senior (66, no policy) gets NEED:CARE_GAP and NEED:MEDICAL_GAP; rich (VALUE HIGH, a medical policy) VALUE:HIGH_VALUE.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class CustomerTagsTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired CustomerTags tags;

    BookFixtures book;
    long agent, medical, senior, rich;
    DataScope mine;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        mine = DataScope.ownBook(agent);
        medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        senior = book.individual("标签老人", LocalDate.of(1960, 1, 1), true, "33", agent);
        rich = book.individual("标签富人", agent);
        book.policy(rich, medical, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "150000");
        jdbc.sql("insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by) "
                + "select id, 'SERVICE', true, 'PAPER_FORM', 'v1', now(), 't' from customer where agent_id = :a")
                .param("a", agent).update();
    }

    List<String> tagsOf(long customer) {
        return tags.current(customer, mine).stream().map(t -> t.dimension() + ":" + t.tag() + ":" + t.source()).toList();
    }

    @Test
    void ruleTagsFollowThePlacements() {
        recompute.recomputeAll(DAY);

        assertThat(tagsOf(senior)).containsExactly("NEED:CARE_GAP:RULE", "NEED:MEDICAL_GAP:RULE");
        assertThat(tagsOf(rich)).contains("VALUE:HIGH_VALUE:RULE").doesNotContain("NEED:MEDICAL_GAP:RULE");
        assertThat(tags.current(senior, mine)).filteredOn(t -> t.tag().equals("CARE_GAP")).singleElement()
                .satisfies(t -> assertThat(t.reasonArgs()).containsExactly("LIFE_STAGE", "SENIOR", "LONG_TERM_CARE, ANNUITY"));

        book.policy(senior, medical, "ACTIVE", LocalDate.of(2026, 6, 1), LocalDate.of(2027, 6, 1), "3000");
        recompute.recompute(List.of(senior), DAY.plusDays(1));

        assertThat(tagsOf(senior)).containsExactly("NEED:CARE_GAP:RULE");
        assertThat(jdbc.sql("select count(*) from customer_tag where customer_id = :c and tag = 'MEDICAL_GAP' and removed_by = 'rule'")
                .param("c", senior).query(Long.class).single()).isOne();
    }

    @Test
    void oneCustomerAtATimeGivesTheSameTagsAsTheWholeBook() {
        recompute.recomputeAll(DAY);
        String rows = "select customer_id, tag_dimension, tag, tag_rule_set_id, reason_key, reason_args::text from customer_tag "
                + "where customer_id = any(:ids) and removed_at is null and source = 'RULE' order by 1, 2, 3";
        List<Long> sample = jdbc.sql("(select id from customer where agent_id = :a) union (select id from customer order by md5(id::text) limit 200)")
                .param("a", agent).query(Long.class).list();
        Long[] ids = sample.toArray(Long[]::new);
        List<Map<String, Object>> setBased = jdbc.sql(rows).param("ids", ids).query().listOfRows();
        jdbc.sql("delete from customer_tag where customer_id = any(:ids)").param("ids", ids).update();
        for (long id : sample) {
            recompute.recompute(List.of(id), DAY);
        }
        assertThat(setBased).isNotEmpty();
        assertThat(jdbc.sql(rows).param("ids", ids).query().listOfRows()).isEqualTo(setBased);
    }

    @Test
    void manualTagsCarryAuthorAndNoteAndAreRefusedWithoutThem() {
        CustomerTag vip = tags.add(senior, "VALUE", "vip_event", "年会贵宾", "agent1", mine);

        assertThat(vip.tag()).isEqualTo("VIP_EVENT");
        assertThat(vip.createdBy()).isEqualTo("agent1");
        assertThatThrownBy(() -> tags.add(senior, "MOOD", "x y", " ", "agent1", mine))
                .isInstanceOf(InvalidSegmentRules.class)
                .extracting(e -> ((InvalidSegmentRules) e).problems().stream().map(RuleProblem::code).toList())
                .isEqualTo(List.of("segmentation.rules.unknownValue", "segmentation.rules.segmentName", "segmentation.rules.tagNote"));
        assertThatThrownBy(() -> tags.add(senior, "VALUE", "VIP_EVENT", "again", "agent1", mine)).isInstanceOf(InvalidSegmentRules.class);
        assertThatThrownBy(() -> tags.add(senior, "VALUE", "OTHER", "note", "agent1", DataScope.ownBook(-5)))
                .isInstanceOf(io.insurecrm.platform.web.NotFoundException.class);

        tags.remove(senior, vip.id(), "agent1", mine);
        assertThat(tagsOf(senior)).doesNotContain("VALUE:VIP_EVENT:MANUAL");
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void invalidTagRulesAreRefused() {
        Map<String, Object> bad = Map.of("tags", List.of(Map.of("tagDimension", "MOOD", "tag", "X", "whenDimension", "VALUE",
                "whenSegments", List.of("HIGH"), "lacksLines", List.of("YACHT"), "colour", "red")));
        assertThatThrownBy(() -> tags.saveRules(bad, "analyst1", RuleNotes.onActive(tags)))
                .isInstanceOf(InvalidSegmentRules.class)
                .extracting(e -> ((InvalidSegmentRules) e).problems().stream().map(RuleProblem::code).sorted().toList())
                .isEqualTo(List.of("segmentation.rules.unknownField", "segmentation.rules.unknownValue",
                        "segmentation.rules.unknownValue"));
    }

    @Test
    void searchFiltersBySegmentAndTagAndExportsTheList() throws Exception {
        recompute.recomputeAll(DAY);

        mvc.perform(get("/api/customers").param("tag", "need:care_gap").param("q", "标签").with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].name").value(org.hamcrest.Matchers.contains("标签老人")));
        mvc.perform(get("/api/customers").param("segment", "VALUE:HIGH").param("q", "标签").with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].name").value(org.hamcrest.Matchers.contains("标签富人")));
        mvc.perform(get("/api/customers").param("segment", "VALUE").with(Staff.agent(agent)))
                .andExpect(status().isBadRequest());
        String csv = mvc.perform(get("/customers.csv").param("tag", "NEED:CARE_GAP").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("标签老人").doesNotContain("标签富人");
    }

    @Test
    void theSearchPagesOfferTheSegmentsAndTagsCustomersHaveNowByName() throws Exception {
        recompute.recomputeAll(DAY);

        String zh = mvc.perform(get("/customers").param("segment", "VALUE:HIGH").with(Staff.agent(agent))
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(zh).contains("<option value=\"\">全部分层</option>", "<optgroup label=\"价值分层\">",
                "<option value=\"VALUE:HIGH\" selected=\"selected\">价值分层 · 高价值</option>", "<optgroup label=\"生命周期\">",
                "<option value=\"LIFE_STAGE:SENIOR\">生命周期 · 银发</option>", "<option value=\"\">全部标签</option>",
                "<optgroup label=\"需求\">", "<option value=\"NEED:CARE_GAP\">需求 · 养老护理缺口</option>")
                .contains("标签富人", "第 1 页，共 1 页（1 条）").doesNotContain("标签老人");
        // the dimensions in their order, VALUE first
        assertThat(zh.indexOf("label=\"价值分层\"")).isLessThan(zh.indexOf("label=\"生命周期\""));

        String en = mvc.perform(get("/customers").param("tag", "NEED:CARE_GAP").param("lang", "en").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("<option value=\"\">All segments</option>", "<optgroup label=\"Value\">",
                "<option value=\"VALUE:HIGH\">Value · High value</option>", "<optgroup label=\"Need\">",
                "<option value=\"NEED:CARE_GAP\" selected=\"selected\">Need · Old-age care gap</option>")
                .contains("标签老人").doesNotContain("标签富人");

        // a filter from a link naming a segment nobody is in now stays the filter shown (and finds nobody)
        String gone = mvc.perform(get("/customers").param("segment", "VALUE:GONE").with(Staff.agent(agent))
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(gone).contains("<option value=\"VALUE:GONE\" selected=\"selected\">VALUE:GONE</option>", "共 0 条")
                .doesNotContain("标签富人", "标签老人", "共 0 页");

        // the segments page names each segment with a link to its customers
        mvc.perform(get("/segments").with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/customers?segment=VALUE:HIGH\"")));
        // analysts, who do not see the customer list, are led to the pseudonymised one
        mvc.perform(get("/segments").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/analytics/customers?segment=VALUE:HIGH\"")));
    }

    @Test
    void theCustomer360ShowsTagsAndTakesAManualOne() throws Exception {
        recompute.recomputeAll(DAY);
        mvc.perform(post("/customers/{id}/tags", senior).with(Staff.agent(agent)).with(csrf())
                        .param("dimension", "VALUE").param("tag", "VIP_EVENT").param("note", "年会贵宾"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/api/customers/{id}/tags", senior).with(Staff.agent(agent)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dimension\": \"RISK\", \"tag\": \"\", \"note\": \"\"}").param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[1].message").value("A manual tag needs a note saying why (1–500 characters)"));

        mvc.perform(get("/customers/{id}", senior).with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("需求 · 养老护理缺口")))
                .andExpect(content().string(containsString("依据生命周期：银发，且没有有效的长期护理险、年金险保单")))
                .andExpect(content().string(containsString("手工：年会贵宾")));
    }
}
