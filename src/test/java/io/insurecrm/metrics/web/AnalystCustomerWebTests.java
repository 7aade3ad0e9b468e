package io.insurecrm.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.metrics.AnalystCustomerList;
import io.insurecrm.metrics.AnalystCustomerQuery;
import io.insurecrm.metrics.PseudonymousCustomer;
import io.insurecrm.metrics.PseudonymousCustomers;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.Paged;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import io.insurecrm.platform.search.CustomerFilterChoices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = {AnalystCustomerPages.class, AnalystCustomerApi.class})
class AnalystCustomerWebTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PseudonymousCustomers customers;
    @MockitoBean
    io.insurecrm.metrics.AnalystModel model;
    @MockitoBean
    CustomerFilterChoices filterChoices;

    static final PseudonymousCustomer SHOWN = new PseudonymousCustomer("P-ABCDEFGHJKLMNPQR", "INDIVIDUAL", "40-49", "FEMALE",
            "33", "浙江省", "杭州分公司", "ONLINE", Map.of("VALUE", "HIGH"), List.of("HIGH_VALUE"), 2, "2000-4999", "1", "5-9",
            new BigDecimal("0.50"));
    static final PseudonymousCustomer GENERALISED = new PseudonymousCustomer("P-ZZZZZZZZZZZZZZZZ", "INDIVIDUAL", "30-39", "MALE",
            null, null, null, null, Map.of(), List.of(), 0, "0", "0", "<1", null);

    @BeforeEach
    void list() {
        given(customers.k()).willReturn(5);
        given(customers.regions(any())).willReturn(List.of(new PseudonymousCustomers.Choice("33", "浙江省")));
        given(customers.branches()).willReturn(List.of(new PseudonymousCustomers.Choice("1", "杭州分公司")));
        given(customers.page(any(), any(), any())).willReturn(new AnalystCustomerList(
                new Paged<>(List.of(SHOWN, GENERALISED), 0, 50, 2), 10, 3, 2, 1, 5, 5, java.time.Instant.parse("2026-12-01T19:15:00Z")));
    }

    @Test
    void thePageListsPseudonymsAndSaysWhoWasLeftOutInBothLanguages() throws Exception {
        String zh = mvc.perform(get("/analytics/customers").param("region", "33").with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(view().name("metrics/analyst-customers"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(zh).contains("假名化客户清单").contains("P-ABCDEFGHJKLMNPQR").contains("40-49").contains("浙江省")
                .contains("高价值").contains("范围内客户 10 人：3 人因未同意“数据分析”用途未列出；清单共 2 人，其中 1 人地区已泛化（*）；另有 5 人因同组少于 5 人")
                .contains("<td title=\"同一年龄段和性别在该地区少于 5 人，地区已泛化\">*</td>")
                .contains("0.50");
        String en = mvc.perform(get("/analytics/customers").param("lang", "en").with(Staff.analyst()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Pseudonymised customer list").contains("10 customers in scope: 3 left out for want of ANALYTICS consent")
                .contains("P-ZZZZZZZZZZZZZZZZ").contains("Female");
        ArgumentCaptor<AnalystCustomerQuery> query = ArgumentCaptor.forClass(AnalystCustomerQuery.class);
        verify(customers, org.mockito.Mockito.times(2)).page(query.capture(), any(), any());
        assertThat(query.getAllValues().get(0).region()).isEqualTo("33");
        assertThat(query.getAllValues().get(0).size()).isEqualTo(50);
    }

    @Test
    void theFiltersOfferTheSegmentsButClustersAndTheTagsByNameOnce() throws Exception {
        given(filterChoices.segments(any())).willReturn(List.of(
                new CustomerFilterChoices.Group("价值分层", List.of(new CustomerFilterChoices.Choice("VALUE:HIGH", "高价值"))),
                new CustomerFilterChoices.Group("保障需求聚类", List.of(new CustomerFilterChoices.Choice("CLUSTER:1", "1 · 年长")))));
        given(filterChoices.tags(any())).willReturn(List.of(
                new CustomerFilterChoices.Group("价值", List.of(new CustomerFilterChoices.Choice("VALUE:HIGH_VALUE", "高价值客户"))),
                new CustomerFilterChoices.Group("需求", List.of(new CustomerFilterChoices.Choice("NEED:CARE_GAP", "养老护理缺口"),
                        new CustomerFilterChoices.Choice("NEED:HIGH_VALUE", "高价值客户")))));
        String zh = mvc.perform(get("/analytics/customers").param("tag", "CARE_GAP").with(Staff.analyst()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(zh).contains("<option value=\"\">全部分层</option>", "<optgroup label=\"价值分层\">",
                        "<option value=\"VALUE:HIGH\">高价值</option>", "<option value=\"HIGH_VALUE\">高价值客户</option>",
                        "<option value=\"CARE_GAP\" selected=\"selected\">养老护理缺口</option>")
                .doesNotContain("CLUSTER:1", "保障需求聚类", "NEED:HIGH_VALUE");
        assertThat(zh.split("value=\"HIGH_VALUE\"", -1)).hasSize(2);
        // the form sent back with nothing picked (empty parameters) shows everything picked, not an empty choice
        String empty = mvc.perform(get("/analytics/customers").param("segment", "").param("tag", "").with(Staff.analyst()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(empty).contains("<option value=\"\">全部分层</option>", "<option value=\"\">全部标签</option>")
                .doesNotContain("<option value=\"\" selected=\"selected\"></option>");
    }

    @Test
    void aBadFilterIsShownOnThePageNamingTheParameter() throws Exception {
        String html = mvc.perform(get("/analytics/customers").param("ageBand", "35-44").with(Staff.analyst()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("ageBand: 年龄段“35-44”不存在");
    }

    @Test
    void theApiAnswersRowsWithoutIdsAndABadParameterIsAProblemNamingIt() throws Exception {
        String json = mvc.perform(get("/api/analytics/customers").param("segment", "VALUE:HIGH").param("sort", "premium")
                        .param("direction", "desc").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].pseudonym").value("P-ABCDEFGHJKLMNPQR"))
                .andExpect(jsonPath("$.rows[0].segments.VALUE").value("HIGH"))
                .andExpect(jsonPath("$.rows[1].regionCode").doesNotExist())
                .andExpect(jsonPath("$.rows[1].regionGeneralised").value(true))
                .andExpect(jsonPath("$.withoutConsent").value(3))
                .andExpect(jsonPath("$.suppressed").value(5))
                .andExpect(jsonPath("$.k").value(5))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\"id\"").doesNotContain("customerId");
        ArgumentCaptor<AnalystCustomerQuery> query = ArgumentCaptor.forClass(AnalystCustomerQuery.class);
        verify(customers).page(query.capture(), org.mockito.ArgumentMatchers.eq(DataScope.all()), any());
        assertThat(query.getValue().sort()).isEqualTo(AnalystCustomerQuery.Sort.PREMIUM);
        assertThat(query.getValue().descending()).isTrue();

        mvc.perform(get("/api/analytics/customers").param("segment", "HIGH").with(Staff.analyst()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("segment"));
        mvc.perform(get("/api/analytics/customers").param("size", "201").with(Staff.analyst()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        verifyNoMoreInteractions(customers);
    }

    @Test
    void theCsvHasTheSameColumnsWithGeneralisedRegionsAsStar() throws Exception {
        willAnswer(invocation -> {
            Consumer<PseudonymousCustomer> consumer = invocation.getArgument(3);
            consumer.accept(SHOWN);
            consumer.accept(GENERALISED);
            return null;
        }).given(customers).each(any(), any(), any(), any());
        String csv = mvc.perform(get("/analytics/customers.csv").param("lang", "en").with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFPseudonym,Kind,Age band,Gender,Region (province),Branch,Acquisition channel,")
                .contains("P-ABCDEFGHJKLMNPQR,INDIVIDUAL,40-49,FEMALE,浙江省,杭州分公司,ONLINE,VALUE:HIGH,HIGH_VALUE,2,2000-4999,1,5-9,0.50\r\n")
                .contains("P-ZZZZZZZZZZZZZZZZ,INDIVIDUAL,30-39,MALE,*,*,,,,0,0,0,<1,\r\n");
        mvc.perform(get("/analytics/customers.csv").param("region", "x").with(Staff.analyst()))
                .andExpect(status().isBadRequest());
    }

    private static final java.time.Instant BUILT = java.time.Instant.parse("2026-12-01T19:15:00Z");

    private static io.insurecrm.metrics.ModelBuild build(io.insurecrm.metrics.ModelBuild.Status status, String phase) {
        return new io.insurecrm.metrics.ModelBuild(8, status, phase, status == io.insurecrm.metrics.ModelBuild.Status.RUNNING ? 5 : 100,
                io.insurecrm.metrics.ModelBuild.Trigger.MANUAL, "fix", "admin1", BUILT.plusSeconds(3600), null, 5, null, null, null);
    }

    @Test
    void thePageSaysWhenTheListWasBuiltAndOffersTheRebuildToComplianceAndAdminsOnly() throws Exception {
        given(model.current()).willReturn(java.util.Optional.of(new io.insurecrm.metrics.AnalystModel.Current(0, 7, BUILT, 5, "fp")));
        String analyst = mvc.perform(get("/analytics/customers").param("lang", "en").with(Staff.analyst()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(analyst).contains("List as of 2026-12-02 03:15 (rebuild 7, k = 5)").doesNotContain("analytics-rebuild-form");
        String admin = mvc.perform(get("/analytics/customers").param("lang", "en").with(Staff.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(admin).contains("id=\"analytics-rebuild-form\"").contains("Rebuild now");
        String compliance = mvc.perform(get("/analytics/customers").with(Staff.as(io.insurecrm.platform.security.Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(compliance).contains("清单截至 2026-12-02 03:15").contains("立即重建");

        given(model.current()).willReturn(java.util.Optional.empty());
        assertThat(mvc.perform(get("/analytics/customers").param("lang", "en").with(Staff.analyst()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("The list has not been built yet");
    }

    @Test
    void aRunningRebuildIsPolledUntilItIsDone() throws Exception {
        given(model.latest()).willReturn(java.util.Optional.of(build(io.insurecrm.metrics.ModelBuild.Status.RUNNING, "ROWS")));
        given(model.lastDuration()).willReturn(java.util.Optional.of(java.time.Duration.ofSeconds(61)));
        String page = mvc.perform(get("/analytics/customers").param("lang", "en").with(Staff.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("hx-get=\"/analytics/customers/model/progress\"").contains("hx-trigger=\"every 2s\"")
                .contains("Rebuild 8 running (classing the book and writing the rows)").contains("the last one took 61 s")
                .doesNotContain("analytics-rebuild-form");

        given(model.latest()).willReturn(java.util.Optional.of(build(io.insurecrm.metrics.ModelBuild.Status.FINISHED, "DONE")));
        String done = mvc.perform(get("/analytics/customers/model/progress").param("lang", "en").with(Staff.analyst()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(done).contains("Rebuild 8 finished.").contains("Show the new list").doesNotContain("hx-trigger");

        given(model.latest()).willReturn(java.util.Optional.of(new io.insurecrm.metrics.ModelBuild(9,
                io.insurecrm.metrics.ModelBuild.Status.FAILED, "ROWS", 5, io.insurecrm.metrics.ModelBuild.Trigger.NIGHTLY, null,
                "system", BUILT, BUILT, 5, null, 10L, "DataAccessResourceFailureException: disk full")));
        assertThat(mvc.perform(get("/analytics/customers/model/progress").param("lang", "en").with(Staff.analyst()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Rebuild 9 failed: DataAccessResourceFailureException: disk full. The list is as it was.");
    }

    @Test
    void theRebuildApiNeedsAReasonAndAnswers409WhileOneRuns() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/analytics/customers/model/builds")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{}").with(Staff.admin())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        org.mockito.Mockito.verify(model, org.mockito.Mockito.never()).start(any(), any(), any());

        given(model.start(any(), org.mockito.ArgumentMatchers.eq("consents imported"), any()))
                .willThrow(new io.insurecrm.metrics.AnalystModelBuildInProgress(8));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/analytics/customers/model/builds")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \" consents imported \"}").with(Staff.admin())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.runningId").value(8));

        given(model.start(any(), org.mockito.ArgumentMatchers.eq("after the import"), any()))
                .willReturn(build(io.insurecrm.metrics.ModelBuild.Status.RUNNING, "ROWS"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/analytics/customers/model/builds")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"after the import\"}").with(Staff.admin())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isAccepted())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Location", "/api/analytics/customers/model/builds/8"))
                .andExpect(jsonPath("$.status").value("RUNNING"));
    }

    @Test
    void thePageFormRebuildsOnlyWithAReason() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/analytics/customers/model/rebuild")
                        .with(Staff.admin()).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("modelProblem", "analytics.model.reasonRequired"));
        org.mockito.Mockito.verify(model, org.mockito.Mockito.never()).start(any(), any(), any());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/analytics/customers/model/rebuild")
                        .param("reason", "after the import").with(Staff.admin())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        verify(model).start(io.insurecrm.metrics.ModelBuild.Trigger.MANUAL, "after the import", "admin");
    }
}
