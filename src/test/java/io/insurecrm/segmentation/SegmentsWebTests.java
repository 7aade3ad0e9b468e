package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

/** The /segments page, its htmx preview, the API's refusals, and the segments on the Customer 360. All roll back. */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class SegmentsWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentPreviews previews;

    @Test
    void agentsSeeTheirDistributionButNoEditor() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long product = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        long customer = book.individual("分层客户", agent);
        book.policy(customer, product, "ACTIVE", LocalDate.now().minusDays(1), LocalDate.now().plusYears(1), "123400");
        recompute.recompute(customer);

        mvc.perform(get("/segments").with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andExpect(view().name("segmentation/segments"))
                .andExpect(content().string(containsString("data-segment=\"HIGH\"")))
                .andExpect(content().string(not(containsString("id=\"value-editor-link\""))));
        mvc.perform(get("/customers/{id}", customer).with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("年缴保费 123,400 ≥ 100,000")));
        mvc.perform(get("/api/segments/customers/{id}", customer).with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.dimension == 'VALUE')].segment").value(org.hamcrest.Matchers.contains("HIGH")))
                .andExpect(jsonPath("$[?(@.dimension == 'VALUE')].reason").value(org.hamcrest.Matchers.contains("年缴保费 123,400 ≥ 100,000")))
                .andExpect(jsonPath("$[?(@.dimension == 'RISK')].reason").value(org.hamcrest.Matchers.contains(
                        "风险分 0：行业 0，所在地区气候暴露 0，财产险理赔 0；未授权使用敏感数据，健康险理赔未计入")));
        // VALUE and LIFE_STAGE reasons are keys too: the 360 and the API show them in English
        mvc.perform(get("/customers/{id}", customer).with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Annual premium 123,400 ≥ 100,000")));
        mvc.perform(get("/api/segments/customers/{id}", customer).with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.dimension == 'VALUE')].reason").value(org.hamcrest.Matchers.contains("Annual premium 123,400 ≥ 100,000")))
                .andExpect(jsonPath("$[?(@.dimension == 'VALUE')].reasonKey").value(org.hamcrest.Matchers.contains("segmentation.reason.value.top")))
                .andExpect(jsonPath("$[?(@.dimension == 'VALUE')].reasonArgs[0]").value(org.hamcrest.Matchers.contains("123,400")))
                .andExpect(jsonPath("$[?(@.dimension == 'LIFE_STAGE')].reason").value(org.hamcrest.Matchers.contains(
                        org.hamcrest.Matchers.startsWith("Age "))));
        mvc.perform(get("/api/segments/customers/{id}", customer).with(Staff.agent(agent + 100_000)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theValueBandsAreShownAndEditedInTheRuleEditorWithAReasonAndTheVersionTheyComeFrom() throws Exception {
        mvc.perform(get("/segments").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"value-bands\"")))
                .andExpect(content().string(containsString("href=\"/segments/rules?dimension=VALUE\"")))
                .andExpect(content().string(containsString("编辑价值规则")));
        mvc.perform(post("/api/segments/rules/value").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bands\": [{\"segment\": \"POTENTIAL\", \"from\": 0, \"to\": 15000},"
                                + " {\"segment\": \"MIDDLE\", \"from\": 10000, \"to\": null}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("segmentation.rules.overlap"))
                .andExpect(jsonPath("$.errors[0].message").value("Segments \"POTENTIAL\" and \"MIDDLE\" overlap on 10,000–15,000"));
    }
}
