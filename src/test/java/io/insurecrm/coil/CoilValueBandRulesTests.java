package io.insurecrm.coil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The CoIL value band rules on the real book (9,822 customers): version 1 is today's bounds, a preview's migration
 * matrix equals a count made here from the holdings, a save makes the next version active (recorded as RULE_CHANGE)
 * and the segment figures follow it; /coil in both languages with the editor for analysts, the htmx preview and the
 * previous run's cluster; the API with 400 naming the fields and 403 for an agent. Every test that saves bands saves
 * version 1's bounds again at its end, so other tests see today's bands.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CoilValueBandRulesTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired CoilBook book;
    @Autowired CoilClusters clusters;
    @Autowired CoilValueBandRuleSets rules;

    static final List<CoilValueBandRules.Band> TODAY = List.of(new CoilValueBandRules.Band("NONE", 0L, 1L),
            new CoilValueBandRules.Band("LOW", 1L, 500L), new CoilValueBandRules.Band("MIDDLE", 500L, 3000L),
            new CoilValueBandRules.Band("HIGH", 3000L, 5000L), new CoilValueBandRules.Band("TOP", 5000L, null));

    @BeforeEach
    void realBookLoadedAndNoRunRunning() {
        book.load(Path.of("../shared/data/coil2000"));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
    }

    @AfterEach
    void todaysBandsActiveAgain() {
        if (!rules.active().bands().equals(TODAY)) {
            Staff.signInOnThread(Role.ADMIN, null, null);
            try {
                rules.save(TODAY, "test: today's bounds again", rules.active().version(), "test");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    /** Every customer's estimated premium, computed here from his holdings' P* bands and the published midpoints. */
    private List<Long> estimates() {
        Map<String, Long> byCustomer = new HashMap<>();
        jdbc.sql("select source, row_number from coil_customer").query((rs, n) ->
                byCustomer.put(rs.getString(1) + rs.getInt(2), 0L)).list();
        jdbc.sql("select source, row_number, premium_band from coil_holding").query((rs, n) ->
                byCustomer.merge(rs.getString(1) + rs.getInt(2), (long) CoilValueBand.midpoint(rs.getInt(3)), Long::sum)).list();
        return List.copyOf(byCustomer.values());
    }

    private static CoilValueBandRules rulesOf(List<CoilValueBandRules.Band> bands) {
        return new CoilValueBandRules(0, 0, bands, "test", java.time.Instant.EPOCH, "test", false);
    }

    @Test
    void versionOneIsTodaysBoundsAndAPreviewCountsAsTheHoldingsSay() {
        List<CoilValueBandRules> versions = rules.versions();
        CoilValueBandRules first = versions.get(versions.size() - 1);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.bands()).isEqualTo(TODAY);
        assertThat(first.createdBy()).isEqualTo("system");

        List<CoilValueBandRules.Band> proposed = List.of(new CoilValueBandRules.Band("TOP", 8000L, null),
                new CoilValueBandRules.Band("NONE", 0L, 1L), new CoilValueBandRules.Band("LOW", 1L, 800L),
                new CoilValueBandRules.Band("MIDDLE", 800L, 3000L), new CoilValueBandRules.Band("HIGH", 3000L, 8000L));
        CoilBandPreview preview = rules.preview(proposed);
        assertThat(preview.activeVersion()).isEqualTo(rules.active().version());
        assertThat(preview.to()).containsExactly(CoilValueBand.NONE, CoilValueBand.LOW, CoilValueBand.MIDDLE,
                CoilValueBand.HIGH, CoilValueBand.TOP);

        CoilValueBandRules now = rulesOf(TODAY);
        CoilValueBandRules then = rulesOf(List.of(proposed.get(1), proposed.get(2), proposed.get(3), proposed.get(4), proposed.get(0)));
        Map<String, Long> expected = new HashMap<>();
        List<Long> estimates = estimates();
        assertThat(estimates).hasSize(9822);
        estimates.forEach(e -> expected.merge(now.bandOf(e) + ">" + then.bandOf(e), 1L, Long::sum));
        for (CoilValueBand f : preview.from()) {
            for (CoilValueBand t : preview.to()) {
                assertThat(preview.count(f, t)).as(f + " > " + t).isEqualTo(expected.getOrDefault(f + ">" + t, 0L));
            }
        }
        assertThat(preview.total()).isEqualTo(9822);
        assertThat(preview.moved()).isPositive()
                .isEqualTo(expected.entrySet().stream().filter(e -> !e.getKey().split(">")[0].equals(e.getKey().split(">")[1]))
                        .mapToLong(Map.Entry::getValue).sum());
    }

    @Test
    void aSaveOverTheApiIsTheNextVersionAuditedAndTheSegmentFiguresFollowIt() throws Exception {
        int before = rules.active().version();
        String saved = mvc.perform(post("/api/coil/value-bands").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"reason": "test: fewer, wider bands", "basedOnVersion": %d, "bands": [
                                  {"band": "NONE", "from": 0, "to": 1}, {"band": "LOW", "from": 1, "to": 1000},
                                  {"band": "MIDDLE", "from": 1000, "to": 5000}, {"band": "TOP", "from": 5000, "to": null}]}""".formatted(before)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(before + 1))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.reason").value("test: fewer, wider bands"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        int version = JsonPath.read(saved, "$.version");
        assertThat(rules.versions()).extracting(CoilValueBandRules::version).startsWith(version).endsWith(1);
        assertThat(rules.versions()).filteredOn(CoilValueBandRules::active).extracting(CoilValueBandRules::version)
                .containsExactly(version);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select count(*) from audit_event where action = 'RULE_CHANGE' and reason = :r and 'coil_value_band_rule_set' = any(fields)")
                .param("r", "CoIL value bands v" + version).query(Long.class).single() == 1);

        CoilSegments segments = clusters.segments();
        assertThat(segments.valueBandVersion()).isEqualTo(version);
        assertThat(segments.valueBands()).extracting(CoilSegments.Row::key).containsExactly("NONE", "LOW", "MIDDLE", "TOP");
        CoilValueBandRules active = rules.active();
        Map<String, Long> expected = new HashMap<>();
        estimates().forEach(e -> expected.merge(active.bandOf(e).name(), 1L, Long::sum));
        for (CoilSegments.Row row : segments.valueBands()) {
            assertThat(row.customers()).as(row.key()).isEqualTo(expected.getOrDefault(row.key(), 0L));
        }
        assertThat(segments.valueBands().get(2).nameEn()).isEqualTo("Middle (1,000–4,999)");
        assertThat(segments.valueBands().get(2).nameZh()).isEqualTo("中（1,000–4,999）");
        assertThat(segments.valueBands().get(3).nameEn()).isEqualTo("Top (5,000 and over)");

        mvc.perform(get("/api/coil/segments").with(Staff.agent(1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valueBandVersion").value(version))
                .andExpect(jsonPath("$.valueBands[*].key", org.hamcrest.Matchers.contains("NONE", "LOW", "MIDDLE", "TOP")));
        mvc.perform(get("/api/coil/value-bands").with(Staff.agent(1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active.version").value(version))
                .andExpect(jsonPath("$.versions[*].version", hasItem(1)));
        // the seed's reason in the caller's language
        mvc.perform(get("/api/coil/value-bands").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reason", hasItem("沿用代码中 CoilValueBand 原有的常量边界")));
        mvc.perform(get("/api/coil/value-bands").with(Staff.agent(1)).param("lang", "en"))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reason", hasItem("The bounds CoilValueBand had as constants")));
    }

    @Test
    void theApiRefusesBadBandsNamingTheFieldsAndAnAgent() throws Exception {
        int before = rules.active().version();
        mvc.perform(post("/api/coil/value-bands/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"bands": [{"band": "NONE", "from": 0, "to": 1}, {"band": "LOW", "from": 1, "to": 600},
                                           {"band": "GOLD", "from": 500, "to": 3000}, {"band": "TOP", "from": 3000, "to": 9000}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("bands[3].band"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "Value band 3 has the code \"GOLD\", which is not a band: the bands are NONE, LOW, MIDDLE, HIGH, TOP"));
        mvc.perform(post("/api/coil/value-bands").with(Staff.admin()).param("lang", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"basedOnVersion": 1, "bands": [{"band": "NONE", "from": 0, "to": 1}, {"band": "LOW", "from": 1, "to": 600},
                                           {"band": "MIDDLE", "from": 500, "to": 3000}, {"band": "TOP", "from": 3000, "to": 9000}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.contains("bands[3].from", "bands[4].to", "reason")))
                .andExpect(jsonPath("$.errors[0].message").value("价值档 LOW 与 MIDDLE 在 500–600 重叠"))
                .andExpect(jsonPath("$.errors[2].message").value("请填写修改价值档的原因"));
        mvc.perform(post("/api/coil/value-bands").with(Staff.agent(1))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\", \"bands\": []}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/coil/value-bands/preview").with(Staff.agent(1))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"bands\": []}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/coil/value-bands/preview").with(Staff.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"bands": [{"band": "NONE", "from": 0, "to": 1}, {"band": "LOW", "from": 1, "to": 500},
                                           {"band": "MIDDLE", "from": 500, "to": 3000}, {"band": "HIGH", "from": 3000, "to": 5000},
                                           {"band": "TOP", "from": 5000, "to": null}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.moved").value(0))
                .andExpect(jsonPath("$.total").value(9822))
                .andExpect(jsonPath("$.cells", org.hamcrest.Matchers.hasSize(25)));
        assertThat(rules.active().version()).isEqualTo(before);
    }

    @Test
    void coilShowsTheRulesInBothLanguagesAnalystsPreviewAndSaveOnThePage() throws Exception {
        mvc.perform(get("/coil").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-bands-active\"")))
                .andExpect(content().string(containsString("价值档规则（版本 " + rules.active().version() + "）")))
                .andExpect(content().string(not(containsString("id=\"coil-bands-form\""))));
        mvc.perform(get("/coil").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-bands-form\"")))
                .andExpect(content().string(containsString("hx-post=\"/coil/value-bands/preview\"")))
                .andExpect(content().string(containsString("Value band rules (version " + rules.active().version() + ")")))
                .andExpect(content().string(containsString("The bounds CoilValueBand had as constants")));

        mvc.perform(post("/coil/value-bands/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("band", "NONE", "LOW", "MIDDLE", "HIGH", "TOP")
                        .param("from", "0", "1", "500", "3000", "4000").param("to", "1", "500", "3000", "5000", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-bands-problems\"")))
                .andExpect(content().string(containsString("Value bands HIGH and TOP overlap on 4,000–5,000")))
                .andExpect(content().string(not(containsString("id=\"coil-bands-matrix\""))));
        long lowToMiddle = rules.preview(List.of(TODAY.get(0), new CoilValueBandRules.Band("LOW", 1L, 400L),
                new CoilValueBandRules.Band("MIDDLE", 400L, 3000L), TODAY.get(3), TODAY.get(4))).count(CoilValueBand.LOW, CoilValueBand.MIDDLE);
        assertThat(lowToMiddle).isPositive();
        mvc.perform(post("/coil/value-bands/preview").with(Staff.admin()).with(csrf()).param("lang", "zh-CN")
                        .param("band", "NONE", "LOW", "MIDDLE", "HIGH", "TOP")
                        .param("from", "0", "1", "400", "3000", "5000").param("to", "1", "400", "3000", "5000", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-bands-matrix\"")))
                .andExpect(content().string(containsString("与版本 " + rules.active().version() + " 相比：9,822 位客户中有 "
                        + String.format("%,d", lowToMiddle) + " 位会换档")));

        int before = rules.active().version();
        mvc.perform(post("/coil/value-bands").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("band", "NONE", "LOW", "MIDDLE", "HIGH", "TOP")
                        .param("from", "0", "1", "400", "3000", "5000").param("to", "1", "400", "3000", "5000", "")
                        .param("reason", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Give the reason for the change of the value bands")));
        mvc.perform(post("/coil/value-bands").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("band", "NONE", "LOW", "MIDDLE", "HIGH", "TOP")
                        .param("from", "0", "1", "4x", "3000", "5000").param("to", "1", "400", "3000", "5000", "")
                        .param("reason", "typo"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&quot;4x&quot; is not a whole amount (value band MIDDLE, from)")));
        assertThat(rules.active().version()).isEqualTo(before);
        mvc.perform(post("/coil/value-bands").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("band", "NONE", "LOW", "MIDDLE", "HIGH", "TOP")
                        .param("from", "0", "1", "400", "", "5000").param("to", "1", "400", "5000", "", "")
                        .param("reason", "page test: no HIGH band").param("basedOn", String.valueOf(before)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/coil#coil-bands"));
        CoilValueBandRules saved = rules.active();
        assertThat(saved.version()).isEqualTo(before + 1);
        assertThat(saved.bands()).extracting(CoilValueBandRules.Band::band).containsExactly("NONE", "LOW", "MIDDLE", "TOP");
        assertThat(saved.createdBy()).isNotBlank();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RULE_CHANGE' and reason = :r")
                .param("r", "CoIL value bands v" + saved.version()).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/coil").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("Middle (400–4,999)")))
                .andExpect(content().string(containsString("page test: no HIGH band")));
    }

    @Test
    void coilShowsEachClustersMatchInThePreviousRunInBothLanguagesAndTheApiToo() throws Exception {
        CoilClusterRun run = clusters.current().orElseGet(() -> clusters.runNow(4, "test: a current run", "test"));
        Map<String, Object> original = jdbc.sql("select previous_cluster_no, carried_share from coil_cluster where run_id = :run and cluster_no = 1")
                .param("run", run.id()).query().singleRow();
        jdbc.sql("update coil_cluster set previous_cluster_no = 3, carried_share = 0.8421 where run_id = :run and cluster_no = 1")
                .param("run", run.id()).update();
        try {
            mvc.perform(get("/coil").with(Staff.admin()).param("lang", "en"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Previous run&#39;s cluster")))
                    .andExpect(content().string(containsString("#3 · 84 %")));
            mvc.perform(get("/coil").with(Staff.admin()).param("lang", "zh-CN"))
                    .andExpect(content().string(containsString("上次运行对应簇")))
                    .andExpect(content().string(containsString("#3 · 84 %")));
            mvc.perform(get("/api/coil/segments").with(Staff.admin()))
                    .andExpect(jsonPath("$.clusters[0].previousClusterNo").value(3))
                    .andExpect(jsonPath("$.clusters[0].carriedShare").value(0.8421))
                    .andExpect(jsonPath("$.valueBands[0].previousClusterNo").doesNotExist());
            mvc.perform(get("/api/coil/clusters/runs/{id}", run.id()).with(Staff.agent(1)))
                    .andExpect(jsonPath("$.clusters[0].previousClusterNo").value(3))
                    .andExpect(jsonPath("$.clusters[0].carriedShare").value(0.8421));
        } finally {
            jdbc.sql("update coil_cluster set previous_cluster_no = :no, carried_share = :share where run_id = :run and cluster_no = 1")
                    .param("no", original.get("previous_cluster_no")).param("share", original.get("carried_share"))
                    .param("run", run.id()).update();
        }
    }
}
