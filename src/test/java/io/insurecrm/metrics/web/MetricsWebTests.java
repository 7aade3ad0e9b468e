package io.insurecrm.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilSummary;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.metrics.Breakdown;
import io.insurecrm.metrics.ContractsPerCustomer;
import io.insurecrm.metrics.ContractsPerCustomerSnapshots;
import io.insurecrm.metrics.GroupFigure;
import io.insurecrm.metrics.HouseholdFigures;
import io.insurecrm.metrics.MetricsSettings;
import io.insurecrm.metrics.Ratio;
import io.insurecrm.metrics.Trend;
import io.insurecrm.metrics.TrendPoint;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@WebMvcTest(controllers = {DashboardPage.class, ContractsPerCustomerApi.class, ContractsPerCustomerCsv.class})
@Import(MetricsWebTests.Config.class)
class MetricsWebTests {

    @TestConfiguration
    @EnableConfigurationProperties({MetricsSettings.class, io.insurecrm.metrics.AnalyticsSettings.class})
    static class Config {
        @Bean
        io.insurecrm.platform.disclosure.SmallCellRule smallCellRule() {
            return new io.insurecrm.platform.disclosure.SmallCellRule(5);
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-03-15T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ContractsPerCustomer contractsPerCustomer;
    /** The audit trail is the privacy module's; here it is only called. */
    @MockitoBean
    io.insurecrm.privacy.AccessAudit audit;
    @MockitoBean
    ContractsPerCustomerSnapshots snapshots;
    @MockitoBean
    CoilBook coil;

    static final StaffPrincipal ANALYST = staff(Role.ANALYST, null, null);
    static final StaffPrincipal ADMIN = staff(Role.ADMIN, null, null);
    static final StaffPrincipal AGENT = staff(Role.AGENT, 7L, null);
    static final StaffPrincipal MANAGER = staff(Role.BRANCH_MANAGER, null, 3L);

    @BeforeEach
    void figures() {
        given(coil.summary()).willReturn(new CoilSummary(List.of(), List.of(), List.of(), CoilBook.CITATION));
        given(contractsPerCustomer.overall(any())).willReturn(new Ratio(8, 5));
        given(contractsPerCustomer.by(eq(Breakdown.REGION), any(), any())).willReturn(List.of(
                new GroupFigure("31", "上海市", 4, 2), new GroupFigure("44", "广东省", 4, 3)));
        given(contractsPerCustomer.by(eq(Breakdown.CHANNEL), any(), any())).willReturn(List.of(
                new GroupFigure("AGENT", "=HYPERLINK(\"x\")", 5, 3)));
        given(contractsPerCustomer.households(any(), anyInt())).willReturn(HouseholdFigures.of(
                List.of(new HouseholdFigures.Bucket(2, false, 2, 6, 3)), List.of(new GroupFigure("1", "张家", 4, 2))));
        given(contractsPerCustomer.trend(anyInt(), any())).willReturn(new Trend(Trend.Source.SNAPSHOTS, List.of(
                new TrendPoint(LocalDate.parse("2026-02-28"), LocalDate.parse("2026-02-28"), 7, 5),
                new TrendPoint(LocalDate.parse("2026-03-31"), LocalDate.parse("2026-03-15"), 8, 5))));
    }

    @Test
    void dashboardShowsTheFiguresWithTheirDefinition() throws Exception {
        var result = mvc.perform(get("/").with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(view().name("metrics/dashboard"))
                .andExpect(model().attributeExists("dashboard"))
                .andReturn();
        DashboardView dashboard = (DashboardView) result.getModelAndView().getModel().get("dashboard");
        assertThat(dashboard.scope()).isEqualTo(DataScope.all());
        assertThat(dashboard.today()).isEqualTo(LocalDate.parse("2026-03-15"));
        assertThat(dashboard.overall()).isEqualTo(new Ratio(8, 5));
        assertThat(dashboard.sections()).extracting(DashboardView.Section::by).containsExactly(Breakdown.REGION,
                Breakdown.PRODUCT_LINE, Breakdown.CHANNEL, Breakdown.LAYER, Breakdown.BRANCH, Breakdown.AGENT);
        assertThat(dashboard.section("region").charted()).isTrue();
        assertThat(dashboard.section("agent").charted()).isFalse();
        assertThat(dashboard.canRefreshSnapshots()).isTrue();
        verify(contractsPerCustomer).trend(36, DataScope.all());
        verify(contractsPerCustomer).households(DataScope.all(), 20);

        String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("客均合同 = 有效合同数 ÷ 持有至少一份有效合同的客户数")
                .contains("Contracts per customer = active contracts ÷ customers holding at least one active contract")
                .contains("id=\"overall-ratio\">1.60<")
                .contains("data-label=\"上海市\" data-value=\"2.00\"")
                .containsPattern("data-label=\"2026-03\"\\s+data-value=\"1.60\"")
                // links are rendered as written (WebConfiguration: no resource URL encoding); the handler finds the version
                .contains("src=\"/webjars/chart.js/dist/chart.umd.js\"").contains("/js/dashboard.js")
                .contains("id=\"refresh-snapshots\"")
                .doesNotContain("<script>")
                .doesNotContain("id=\"coil-book\"");
        mvc.perform(get("/webjars/chart.js/dist/chart.umd.js").with(as(ANALYST))).andExpect(status().isOk());
    }

    @Test
    void theCoilBooksFigureStandsBesideOursOnceLoaded() throws Exception {
        given(coil.summary()).willReturn(new CoilSummary(List.of(new CoilSummary.Book("ALL", 9822, 8743, 18648,
                new java.math.BigDecimal("2.13"), null)), List.of(), List.of(), CoilBook.CITATION));
        String html = mvc.perform(get("/").with(as(ANALYST))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"coil-book\"").contains(">2.13<").contains("18,648");
        mvc.perform(get("/").with(as(AGENT))).andExpect(model().attributeDoesNotExist("coil"));
    }

    @Test
    void anAgentSeesHisOwnBookAndCannotRefresh() throws Exception {
        var result = mvc.perform(get("/").with(as(AGENT)).param("lang", "en"))
                .andExpect(status().isOk())
                .andReturn();
        DashboardView dashboard = (DashboardView) result.getModelAndView().getModel().get("dashboard");
        assertThat(dashboard.scope()).isEqualTo(DataScope.ownBook(7));
        assertThat(dashboard.canRefreshSnapshots()).isFalse();
        verify(contractsPerCustomer).overall(DataScope.ownBook(7));
        verify(contractsPerCustomer).by(eq(Breakdown.BRANCH), eq(DataScope.ownBook(7)), any());
        String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Scope: the customers you serve").contains("Contracts per customer (客均合同) = active")
                .doesNotContain("refresh-snapshots");
    }

    @Test
    void aRefreshRedirectsBackWithWhatItDid() throws Exception {
        given(snapshots.refresh()).willReturn(new ContractsPerCustomerSnapshots.SnapshotRun(
                List.of(LocalDate.parse("2026-03-31")), Duration.ofMillis(42)));
        mvc.perform(post("/metrics/snapshots").with(as(ANALYST)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("refreshedMonths", 1));
    }

    @Test
    void apiGivesTheOverallFigureWithBothDefinitions() throws Exception {
        mvc.perform(get("/api/metrics/contracts-per-customer").with(as(MANAGER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope").value("BRANCH"))
                .andExpect(jsonPath("$.figure.activeContracts").value(8))
                .andExpect(jsonPath("$.figure.activeCustomers").value(5))
                .andExpect(jsonPath("$.figure.ratio").value(1.60))
                .andExpect(jsonPath("$.definition.zh").value("客均合同 = 有效合同数 ÷ 持有至少一份有效合同的客户数"))
                .andExpect(jsonPath("$.definition.en").value(
                        "Contracts per customer (客均合同) = active contracts ÷ customers holding at least one active contract"));
        verify(contractsPerCustomer).overall(DataScope.branch(3));
    }

    @Test
    void apiBreaksDown() throws Exception {
        mvc.perform(get("/api/metrics/contracts-per-customer").param("by", "region").with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.by").value("region"))
                .andExpect(jsonPath("$.rows[1].key").value("44"))
                .andExpect(jsonPath("$.rows[1].ratio").value(1.33));
        mvc.perform(get("/api/metrics/contracts-per-customer").param("by", "household").with(as(ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.households").value(2))
                .andExpect(jsonPath("$.contractsPerHousehold").value(3.00))
                .andExpect(jsonPath("$.distribution.length()").value(5))
                // analysts see households by number, not by their members' names (docs/privacy.md)
                .andExpect(jsonPath("$.top[0].label").value("#1"))
                // and no cell of fewer than k = 5 customers: the household's 2 members, the bucket's 3
                .andExpect(jsonPath("$.top[0].suppressed").value(true))
                .andExpect(jsonPath("$.top[0].activeCustomers").doesNotExist())
                .andExpect(jsonPath("$.distribution[1].suppressed").value(true))
                .andExpect(jsonPath("$.distribution[1].activeCustomers").value(0));
        mvc.perform(get("/api/metrics/contracts-per-customer").param("by", "household").with(as(ADMIN)))
                .andExpect(jsonPath("$.top[0].label").value("张家"))
                .andExpect(jsonPath("$.top[0].activeCustomers").value(2))
                .andExpect(jsonPath("$.distribution[1].households").value(2));
    }

    @Test
    void analystsGetNoCellOfFewerThanKCustomersStaffGetExactFigures() throws Exception {
        given(contractsPerCustomer.by(eq(Breakdown.BRANCH), any(), any())).willReturn(List.of(
                new GroupFigure("1", "杭州分公司", 40, 20), new GroupFigure("2", "宁波分公司", 12, 6),
                new GroupFigure("3", "温州分公司", 5, 4)));
        // 4 customers withheld; then the next smallest (6) too, or 4 would be the total minus the others
        mvc.perform(get("/api/metrics/contracts-per-customer").param("by", "branch").with(as(ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].activeCustomers").value(20))
                .andExpect(jsonPath("$.rows[0].suppressed").value(false))
                .andExpect(jsonPath("$.rows[1].suppressed").value(true))
                .andExpect(jsonPath("$.rows[1].activeContracts").doesNotExist())
                .andExpect(jsonPath("$.rows[2].suppressed").value(true))
                .andExpect(jsonPath("$.rows[2].activeCustomers").doesNotExist())
                .andExpect(jsonPath("$.rows[2].ratio").doesNotExist())
                .andExpect(jsonPath("$.rows[2].label").value("温州分公司"));
        mvc.perform(get("/api/metrics/contracts-per-customer").param("by", "branch").with(as(MANAGER)))
                .andExpect(jsonPath("$.rows[2].activeCustomers").value(4))
                .andExpect(jsonPath("$.rows[2].suppressed").value(false));
        String csv = mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "branch").with(as(ANALYST)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("1,杭州分公司,40,20,2.00,\r\n").contains("2,宁波分公司,,,,<5\r\n").contains("3,温州分公司,,,,<5\r\n");
        String managerCsv = mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "branch").with(as(MANAGER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(managerCsv).contains("3,温州分公司,").doesNotContain("<5");
        String html = mvc.perform(get("/").with(as(ANALYST))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // the region cells (2 and 3 customers) carry no figure and no chart value; the note says why
        assertThat(html).contains("&lt;5").doesNotContain("data-label=\"上海市\" data-value=")
                .contains("为保护个人信息，客户少于 5 人的单元格");
        String staffHtml = mvc.perform(get("/").with(as(ADMIN))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(staffHtml).contains("data-label=\"上海市\" data-value=\"2.00\"").doesNotContain("为保护个人信息");
    }

    @Test
    void anUnknownByIsAProblemNamingTheParameter() throws Exception {
        mvc.perform(get("/api/metrics/contracts-per-customer").param("by", "colour").with(as(ANALYST)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("by"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "不支持的分组方式“colour”，可选：region|branch|channel|agent|product-line|layer|household"));
        verifyNoInteractions(contractsPerCustomer);
    }

    @Test
    void theTrendChecksItsMonths() throws Exception {
        mvc.perform(get("/api/metrics/contracts-per-customer/trend").with(as(ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("SNAPSHOTS"))
                .andExpect(jsonPath("$.months").value(36))
                .andExpect(jsonPath("$.points[1].asOf").value("2026-03-15"));
        mvc.perform(get("/api/metrics/contracts-per-customer/trend").param("months", "121").with(as(ANALYST)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("months"));
        mvc.perform(get("/api/metrics/contracts-per-customer/trend").param("months", "abc").param("lang", "en")
                        .with(as(ANALYST)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("months"));
    }

    @Test
    void csvExportsABreakdownWithFormulasNeutralised() throws Exception {
        var response = mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "channel").with(as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse();
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(
                "\uFEFF代码,名称,有效合同数,有效客户数（持有≥1份有效合同）,客均合同\r\n"
                        + "AGENT,\"'=HYPERLINK(\"\"x\"\")\",5,3,1.67\r\n");
        mvc.perform(get("/metrics/contracts-per-customer.csv").param("by", "nope").with(as(ANALYST)))
                .andExpect(status().isBadRequest());
    }

    private static RequestPostProcessor as(StaffPrincipal staff) {
        return Staff.signedIn(staff);
    }

    private static StaffPrincipal staff(Role role, Long agent, Long branch) {
        return Staff.principal(role, agent, branch);
    }
}
