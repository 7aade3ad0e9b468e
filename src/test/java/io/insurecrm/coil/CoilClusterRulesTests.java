package io.insurecrm.coil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
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
import java.util.List;
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
 * The versioned CoIL cluster rules on the real book (9,822 customers): version 1 is the constants the code had; a
 * preview names the current run's clusters from their stored z profiles and book means exactly as the run after saving
 * the proposal names them; a run weighs its features by the active version and records it; a save based on an older
 * version is refused (409, also for the value bands); the page in both languages. Every test that saves leaves the
 * seed rules active again and a current run made by them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CoilClusterRulesTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired CoilBook book;
    @Autowired CoilClusters clusters;
    @Autowired CoilClusterRules rules;
    @Autowired CoilValueBandRuleSets bandRules;

    static final CoilClusterRule.Proposal SEED = new CoilClusterRule.Proposal(0.5, 2, 4, 0.2, 1.0, 0.5, 0.35);

    @BeforeEach
    void realBookLoadedAndNoRunRunning() {
        book.load(Path.of("../shared/data/coil2000"));
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
    }

    @AfterEach
    void theSeedActiveAgainAndACurrentRunByIt() {
        CoilClusterRule active = rules.active();
        if (!active.naming().equals(CoilClusterNaming.SEED) || active.commonProduct() != 0.2
                || !active.weights().equals(CoilNeedFeature.Weights.SEED)) {
            Staff.signInOnThread(Role.ADMIN, null, null);
            try {
                rules.save(SEED, "test: the seed rules again", active.version(), "test");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
        CoilClusterRun current = clusters.current().orElse(null);
        if (current != null && current.ruleVersion() != null && current.ruleVersion() != rules.active().version()) {
            clusters.runNow(4, "test: clusters by the seed rules again", "test");
        }
    }

    @Test
    void versionOneIsTheConstantsAndTheSeedReasonsReadInEachLanguage() throws Exception {
        List<CoilClusterRule> versions = rules.versions();
        CoilClusterRule first = versions.get(versions.size() - 1);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.naming()).isEqualTo(CoilClusterNaming.SEED);
        assertThat(first.commonProduct()).isEqualTo(CoilClusterNaming.SEED_COMMON_PRODUCT);
        assertThat(first.weights()).isEqualTo(CoilNeedFeature.Weights.SEED);
        assertThat(CoilNeedFeature.ALL).isEqualTo(CoilNeedFeature.all(first.weights()));

        mvc.perform(get("/coil").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-cluster-rules-versions\"")))
                .andExpect(content().string(containsString("沿用代码中 CoilClusterNaming 与 CoilNeedFeature 原有的常量")))
                .andExpect(content().string(containsString("沿用代码中 CoilValueBand 原有的常量边界")))
                .andExpect(content().string(not(containsString("The bounds CoilValueBand had as constants"))))
                .andExpect(content().string(not(containsString("id=\"coil-cluster-rules-form\""))));
        mvc.perform(get("/coil").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-cluster-rules-form\"")))
                .andExpect(content().string(containsString("hx-post=\"/coil/cluster-rules/preview\"")))
                .andExpect(content().string(containsString("name=\"basedOn\" id=\"coil-bands-based-on\" value=\""
                        + bandRules.active().version() + "\"")))
                .andExpect(content().string(containsString("The naming and weights CoilClusterNaming and CoilNeedFeature had as constants")))
                .andExpect(content().string(containsString("Cluster rules: naming and feature weights (version "
                        + rules.active().version() + ")")));
        mvc.perform(get("/api/coil/cluster-rules").with(Staff.agent(1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active.version").value(rules.active().version()))
                .andExpect(jsonPath("$.versions[*].version", hasItem(1)));
        // the seed's reason in the caller's language
        mvc.perform(get("/api/coil/cluster-rules").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reason",
                        hasItem("沿用代码中 CoilClusterNaming 与 CoilNeedFeature 原有的常量")));
        mvc.perform(get("/api/coil/cluster-rules").with(Staff.agent(1)).param("lang", "en"))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reason",
                        hasItem("The naming and weights CoilClusterNaming and CoilNeedFeature had as constants")));
        mvc.perform(get("/api/coil/value-bands").with(Staff.agent(1)))
                .andExpect(jsonPath("$.versions[-1].reasonKey").value("coil.bands.seedReason"));
    }

    @Test
    void aPreviewNamesTheCurrentRunAsTheRunAfterSavingItDoesAndTheRunRecordsTheVersion() throws Exception {
        CoilClusterRun before = clusters.runNow(5, "test: before the naming change", "test");
        assertThat(before.ruleVersion()).isEqualTo(rules.active().version());
        CoilClusterRun current = clusters.current().orElseThrow();
        List<CoilClusters.Cluster> beforeClusters = clusters.clusters(current.id());
        CoilClusterRule.Proposal proposal = new CoilClusterRule.Proposal(0.2, 1, 6, 0.05, 1.0, 0.5, 0.35);
        CoilClusterRulePreview preview = rules.preview(proposal);
        assertThat(preview.run().id()).isEqualTo(current.id());
        assertThat(preview.weightsChanged()).isFalse();
        assertThat(preview.now()).isEqualTo(beforeClusters.stream().map(CoilClusters.Cluster::traits).toList());
        assertThat(preview.proposed()).allSatisfy(traits -> assertThat(traits).hasSizeBetween(1, 6));

        String body = mvc.perform(post("/api/coil/cluster-rules/preview").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"minZ": 0.2, "traits": 1, "maxTraits": 6, "commonProduct": 0.05, "productWeight": 1,
                                 "demographicWeight": 0.5, "mainTypeWeight": 0.35}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.runId").value(current.id()))
                .andExpect(jsonPath("$.weightsChanged").value(false))
                .andExpect(jsonPath("$.weightsNote").doesNotExist())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> proposedEn = JsonPath.read(body, "$.clusters[*].proposedEn");

        int based = rules.active().version();
        String saved = mvc.perform(post("/api/coil/cluster-rules").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"minZ": 0.2, "traits": 1, "maxTraits": 6, "commonProduct": 0.05, "productWeight": 1,
                                 "demographicWeight": 0.5, "mainTypeWeight": 0.35, "reason": "test: one trait", "basedOnVersion": %d}"""
                                .formatted(based)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(based + 1))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        int version = JsonPath.read(saved, "$.version");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        select count(*) from audit_event where action = 'RULE_CHANGE' and reason = :r
                           and 'coil_cluster_rule_set' = any(fields)""")
                .param("r", "CoIL cluster rules v" + version).query(Long.class).single() == 1);

        // the run before keeps its names; the same book, seed and weights cluster alike, named as the preview said
        assertThat(clusters.clusters(current.id())).extracting(CoilClusters.Cluster::traits).isEqualTo(preview.now());
        CoilClusterRun after = clusters.runNow(current.k(), "test: after the naming change", "test");
        assertThat(after.status()).isEqualTo(CoilClusterRun.Status.FINISHED);
        assertThat(after.ruleVersion()).isEqualTo(version);
        assertThat(clusters.clusters(after.id())).extracting(CoilClusters.Cluster::traits).isEqualTo(preview.proposed());
        mvc.perform(get("/api/coil/clusters/runs/{id}", after.id()).with(Staff.agent(1)).param("lang", "en"))
                .andExpect(jsonPath("$.run.ruleVersion").value(version))
                .andExpect(jsonPath("$.clusters[*].nameEn", org.hamcrest.Matchers.contains(proposedEn.toArray())));
        mvc.perform(get("/coil").with(Staff.agent(1)).param("lang", "en"))
                .andExpect(content().string(containsString("version " + version)));
    }

    @Test
    void aRunWeighsItsFeaturesByTheActiveVersionAndAWeightChangeAppliesFromTheNextRun() throws Exception {
        CoilClusterRun current = clusters.current().orElseGet(() -> clusters.runNow(4, "test: a current run", "test"));
        CoilClusterRule.Proposal heavyTypes = new CoilClusterRule.Proposal(0.5, 2, 4, 0.2, 1.0, 0.5, 2.0);
        CoilClusterRulePreview preview = rules.preview(heavyTypes);
        assertThat(preview.weightsChanged()).isTrue();
        assertThat(preview.changed()).as("the naming did not change").isZero();
        mvc.perform(post("/coil/cluster-rules/preview").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("minZ", "0.5").param("traits", "2").param("maxTraits", "4").param("commonProduct", "0.2")
                        .param("productWeight", "1").param("demographicWeight", "0.5").param("mainTypeWeight", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coil-cluster-rules-weights\"")))
                .andExpect(content().string(containsString("权重已改：权重决定簇本身，自下次运行起生效")));

        int based = rules.active().version();
        mvc.perform(post("/coil/cluster-rules").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("minZ", "0.5").param("traits", "2").param("maxTraits", "4").param("commonProduct", "0.2")
                        .param("productWeight", "1").param("demographicWeight", "0.5").param("mainTypeWeight", "2")
                        .param("reason", "test: main types weigh more").param("basedOn", String.valueOf(based)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/coil#coil-cluster-rules"));
        CoilClusterRule saved = rules.active();
        assertThat(saved.version()).isEqualTo(based + 1);
        assertThat(saved.mainTypeWeight()).isEqualTo(2.0);
        assertThat(clusters.current().orElseThrow().id()).as("saving starts no run").isEqualTo(current.id());

        CoilClusterRun next = clusters.runNow(4, "test: heavier main types", "test");
        assertThat(next.status()).isEqualTo(CoilClusterRun.Status.FINISHED);
        assertThat(next.ruleVersion()).isEqualTo(saved.version());
        // a main type's clustered value is 0 or its weight: under version 1 no centroid exceeds 0.35
        List<Double> typeCentroids = jdbc.sql("""
                        select c.centroid[f.i] from coil_cluster c, generate_series(26, 35) f(i) where c.run_id = :run""")
                .param("run", next.id()).query(Double.class).list();
        assertThat(typeCentroids).hasSize(40).allSatisfy(v -> assertThat(v).isBetween(0.0, 2.0));
        assertThat(typeCentroids.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(0.35);
        List<Double> before = jdbc.sql("""
                        select c.centroid[f.i] from coil_cluster c, generate_series(26, 35) f(i) where c.run_id = :run""")
                .param("run", current.id()).query(Double.class).list();
        assertThat(before).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(0.35 + 1e-9));
    }

    @Test
    void savesBasedOnAnOlderVersionAreRefusedForTheClusterRulesAndTheValueBands() throws Exception {
        int based = rules.active().version();
        Staff.signInOnThread(Role.ADMIN, null, null);
        CoilClusterRule first;
        try {
            first = rules.save(new CoilClusterRule.Proposal(0.6, 2, 4, 0.2, 1.0, 0.5, 0.35), "test: first editor", based, "钱分析");
        } finally {
            SecurityContextHolder.clearContext();
        }
        mvc.perform(post("/api/coil/cluster-rules").with(Staff.admin()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"minZ": 0.9, "traits": 2, "maxTraits": 4, "commonProduct": 0.2, "productWeight": 1,
                                 "demographicWeight": 0.5, "mainTypeWeight": 0.35, "reason": "second editor", "basedOnVersion": %d}"""
                                .formatted(based)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(first.version()))
                .andExpect(jsonPath("$.activeBy").value("钱分析"))
                .andExpect(jsonPath("$.detail", startsWith("CoIL cluster rules: version " + first.version() + " was saved by 钱分析 at ")));
        mvc.perform(post("/coil/cluster-rules").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("minZ", "0.9").param("traits", "2").param("maxTraits", "4").param("commonProduct", "0.2")
                        .param("productWeight", "1").param("demographicWeight", "0.5").param("mainTypeWeight", "0.35")
                        .param("reason", "第二位编辑").param("basedOn", String.valueOf(based)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("CoIL 聚类规则：版本 " + first.version() + " 已由 钱分析 于 ")));
        assertThat(rules.active().version()).isEqualTo(first.version());

        // the value bands: the same check, which they lacked
        CoilValueBandRules bandsBefore = bandRules.active();
        String today = """
                [{"band": "NONE", "from": 0, "to": 1}, {"band": "LOW", "from": 1, "to": 500},
                 {"band": "MIDDLE", "from": 500, "to": 3000}, {"band": "HIGH", "from": 3000, "to": 5000},
                 {"band": "TOP", "from": 5000, "to": null}]""";
        String saved = mvc.perform(post("/api/coil/value-bands").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"test: first band editor\", \"basedOnVersion\": " + bandsBefore.version() + ", \"bands\": "
                                + today + "}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        int bandVersion = JsonPath.read(saved, "$.version");
        mvc.perform(post("/api/coil/value-bands").with(Staff.admin()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"test: second band editor\", \"basedOnVersion\": " + bandsBefore.version()
                                + ", \"bands\": " + today + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(bandVersion))
                .andExpect(jsonPath("$.activeBy").value("analyst"))
                .andExpect(jsonPath("$.detail", startsWith("CoIL value band rules: version " + bandVersion + " was saved by analyst at ")));
        mvc.perform(post("/coil/value-bands").with(Staff.admin()).with(csrf()).param("lang", "zh-CN")
                        .param("band", "NONE", "LOW", "MIDDLE", "HIGH", "TOP")
                        .param("from", "0", "1", "500", "3000", "5000").param("to", "1", "500", "3000", "5000", "")
                        .param("reason", "第二位编辑").param("basedOn", String.valueOf(bandsBefore.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("CoIL 价值档规则：版本 " + bandVersion + " 已由 analyst 于 ")));
        mvc.perform(post("/api/coil/value-bands").with(Staff.admin()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"test: no version\", \"bands\": " + today + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("basedOnVersion"));
        assertThat(bandRules.active().version()).isEqualTo(bandVersion);
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndAnAgentIsDenied() throws Exception {
        int before = rules.active().version();
        mvc.perform(post("/api/coil/cluster-rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"minZ": 0.5, "traits": 2, "maxTraits": 4, "commonProduct": 0.2, "productWeight": 9,
                                 "demographicWeight": 0.5, "mainTypeWeight": 0.35, "reason": "too heavy", "basedOnVersion": %d}"""
                                .formatted(before)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.contains("productWeight")))
                .andExpect(jsonPath("$.errors[0].message").value("CoIL cluster rules: Product weight is 9; it must be from 0.05 to 5"));
        mvc.perform(post("/coil/cluster-rules/preview").with(Staff.admin()).with(csrf()).param("lang", "zh-CN")
                        .param("minZ", "0.5").param("traits", "2").param("maxTraits", "4").param("commonProduct", "二成")
                        .param("productWeight", "1").param("demographicWeight", "0.5").param("mainTypeWeight", "0.35"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("CoIL 聚类规则：“常见产品占比”填写的“二成”不是数字")));
        mvc.perform(post("/api/coil/cluster-rules/preview").with(Staff.agent(1))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        assertThat(rules.active().version()).isEqualTo(before);
    }
}
