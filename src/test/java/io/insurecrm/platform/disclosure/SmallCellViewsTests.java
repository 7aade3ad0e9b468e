package io.insurecrm.platform.disclosure;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.SmallCellBook;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.segmentation.SegmentRecompute;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.annotation.Transactional;

/**
 * The small-cell rule on the views analysts reach (docs/privacy.md section 7), on a branch of the test's own: 15
 * customers, each with one medical policy in force, placed in VALUE by premium — 6 HIGH (123,400), 7 MIDDLE (50,000),
 * 2 POTENTIAL (5,000). With k = 5 the POTENTIAL cell (2) is withheld from an analyst, and HIGH (6, the next smallest)
 * with it, so 15 − 7 leaves only the sum of the two. The analyst here is held to that branch (as a branch-bound API
 * token would be) so the book is the test's alone; the branch manager sees every figure. All roll back.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class SmallCellViewsTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;

    long branch;
    LocalDate today = LocalDate.now();

    @BeforeEach
    void book() {
        branch = SmallCellBook.branch(jdbc, recompute, "小格");
    }

    RequestPostProcessor analyst() {
        return Staff.signedIn(new StaffPrincipal(-900L, "analyst-token", "{noop}x", "分析", Role.ANALYST, null, branch, true));
    }

    RequestPostProcessor manager() {
        return Staff.as(Role.BRANCH_MANAGER, null, branch);
    }

    @Test
    void keyFiguresBySegmentWithholdTheSmallSegmentAndTheNextSmallestFromAnalystsOnly() throws Exception {
        String from = today.minusDays(60).toString();
        String to = today.plusDays(1).toString();
        mvc.perform(get("/api/metrics/kpis").with(analyst()).param("kpi", "CLAIM_FREQUENCY").param("by", "segment")
                        .param("from", from).param("to", to))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.smallCellK").value(5))
                .andExpect(jsonPath("$.figures[?(@.key == 'POTENTIAL')].suppressed").value(contains(true)))
                .andExpect(jsonPath("$.figures[?(@.key == 'POTENTIAL')].denominator").value(contains(nullValue())))
                .andExpect(jsonPath("$.figures[?(@.key == 'POTENTIAL')].value").value(contains(nullValue())))
                .andExpect(jsonPath("$.figures[?(@.key == 'HIGH')].suppressed").value(contains(true)))
                .andExpect(jsonPath("$.figures[?(@.key == 'HIGH')].denominator").value(contains(nullValue())))
                .andExpect(jsonPath("$.figures[?(@.key == 'MIDDLE')].denominator").value(contains(7.0)))
                .andExpect(jsonPath("$.figures[?(@.suppressed == true)]", hasSize(2)))
                .andExpect(jsonPath("$.figures[0].customers").doesNotExist());
        // the total is shown: 15 policies, from which only the sum of the two withheld cells (8) follows
        mvc.perform(get("/api/metrics/kpis").with(analyst()).param("kpi", "CLAIM_FREQUENCY").param("by", "total")
                        .param("from", from).param("to", to))
                .andExpect(jsonPath("$.figures[0].denominator").value(15.0));
        mvc.perform(get("/api/metrics/kpis").with(manager()).param("kpi", "CLAIM_FREQUENCY").param("by", "segment")
                        .param("from", from).param("to", to))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.smallCellK").doesNotExist())
                .andExpect(jsonPath("$.figures[?(@.key == 'POTENTIAL')].denominator").value(contains(2.0)))
                .andExpect(jsonPath("$.figures[?(@.key == 'HIGH')].denominator").value(contains(6.0)))
                .andExpect(jsonPath("$.figures[?(@.suppressed == true)]", hasSize(0)));

        String csv = mvc.perform(get("/metrics/kpis.csv").with(analyst()).param("kpi", "CLAIM_FREQUENCY").param("by", "segment")
                        .param("from", from).param("to", to).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(csv.lines().toList()).contains(
                "POTENTIAL,Potential,,,,<5", "HIGH,High value,,,,<5", "MIDDLE,Middle value,0.00,7.00,0.0000,");
        org.assertj.core.api.Assertions.assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",withheld (fewer than 5 customers)");
        String managerCsv = mvc.perform(get("/metrics/kpis.csv").with(manager()).param("kpi", "CLAIM_FREQUENCY").param("by", "segment")
                        .param("from", from).param("to", to).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(managerCsv.lines().toList()).contains("POTENTIAL,Potential,0.00,2.00,0.0000");

        mvc.perform(get("/metrics/kpis").with(analyst()).param("by", "segment").param("from", from).param("to", to)
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;5")))
                .andExpect(content().string(containsString("客户少于 5 人的单元格")));
        mvc.perform(get("/metrics/kpis").with(manager()).param("by", "segment").param("from", from).param("to", to)
                        .param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("&lt;5"))))
                .andExpect(content().string(not(containsString("fewer than 5 customers"))));
    }

    @Test
    void theSegmentDistributionWithholdsTheSmallSegmentAndTheNextSmallest() throws Exception {
        mvc.perform(get("/api/segments/distribution").with(analyst()).param("dimension", "VALUE"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.smallCellK").value(5))
                .andExpect(jsonPath("$.segments[?(@.segment == 'POTENTIAL')].customers").value(contains(nullValue())))
                .andExpect(jsonPath("$.segments[?(@.segment == 'POTENTIAL')].suppressed").value(contains(true)))
                .andExpect(jsonPath("$.segments[?(@.segment == 'HIGH')].customers").value(contains(nullValue())))
                .andExpect(jsonPath("$.segments[?(@.segment == 'MIDDLE')].customers").value(contains(7)));
        mvc.perform(get("/api/segments/distribution").with(manager()).param("dimension", "VALUE"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.segments[?(@.segment == 'POTENTIAL')].customers").value(contains(2)))
                .andExpect(jsonPath("$.segments[?(@.segment == 'HIGH')].customers").value(contains(6)))
                .andExpect(jsonPath("$.segments[?(@.suppressed == true)]", hasSize(0)));
        mvc.perform(get("/segments").with(analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;5")))
                .andExpect(content().string(containsString("fewer than 5 customers")));
        mvc.perform(get("/segments").with(manager()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("&lt;5"))));
    }

    @Test
    void theMigrationMatrixWithholdsPerRowAndColumnAndCountsOnlyPublishedCells() throws Exception {
        // yesterday nobody was placed: one row (not placed) with HIGH 6, MIDDLE 7, POTENTIAL 2
        String from = today.minusDays(1).toString();
        String to = today.toString();
        mvc.perform(get("/api/segments/migration").with(analyst()).param("dimension", "VALUE").param("from", from).param("to", to))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.smallCellK").value(5))
                .andExpect(jsonPath("$.cells[?(@.to == 'POTENTIAL')].customers").value(contains(nullValue())))
                .andExpect(jsonPath("$.cells[?(@.to == 'POTENTIAL')].suppressed").value(contains(true)))
                .andExpect(jsonPath("$.cells[?(@.to == 'HIGH')].customers").value(contains(nullValue())))
                .andExpect(jsonPath("$.cells[?(@.to == 'MIDDLE')].customers").value(contains(7)));
        mvc.perform(get("/api/segments/migration").with(manager()).param("dimension", "VALUE").param("from", from).param("to", to))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cells[?(@.to == 'POTENTIAL')].customers").value(contains(2)))
                .andExpect(jsonPath("$.cells[?(@.suppressed == true)]", hasSize(0)));
        mvc.perform(get("/segments/migration").with(analyst()).param("dimension", "VALUE").param("from", from).param("to", to)
                        .param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;5")))
                // moved and total over the published cells only (7), and said so
                .andExpect(content().string(containsString("the totals above count the shown cells only")));
    }

    // the what-if previews run on a thread of their own and see committed rows only: segmentation.SmallCellPreviewTests
}
