package io.insurecrm.segmentation;

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
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
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
 * The versioned naming rule of the need clusters: version 1 is the constants the code had, its reason in the reader's
 * language; a preview names the current run's clusters from their stored z profiles exactly as a run after saving the
 * proposal names them; a save is the next version, audited, and the next run records it while the run before keeps
 * its names; a save based on an older version is refused (409 naming who saved which version when); the page in both
 * languages. Every test that saves leaves the seed values active again.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ClusterNamingRulesTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired NeedClusters clusters;
    @Autowired ClusterNamingRules naming;

    static final ClusterNamingRule.Proposal SEED = new ClusterNamingRule.Proposal(0.5, 2, 4);

    @BeforeEach
    void aBookWithConsentAndNoRunRunning() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        LocalDate today = LocalDate.now();
        long critical = book.product("命名规则重疾险", "Naming CI", "CRITICAL_ILLNESS", "ADVANCED");
        long motor = book.product("命名规则车险", "Naming motor", "MOTOR", "BASIC");
        for (int i = 0; i < 18; i++) {
            long customer = book.individual("命名规则客户" + BookFixtures.next(), today.minusYears(22 + 3 * i), i % 2 == 0, "33", agent);
            if (i % 3 == 0) {
                book.policy(customer, critical, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "8000");
            } else if (i % 3 == 1) {
                book.policy(customer, motor, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "3000");
            }
            jdbc.sql("""
                            insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                            values (:c, 'ANALYTICS', true, 'PAPER_FORM', 'naming', now(), 'test')""")
                    .param("c", customer).update();
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
    }

    @AfterEach
    void theSeedActiveAgain() {
        ClusterNamingRule active = naming.active();
        if (active.minZ() != 0.5 || active.traits() != 2 || active.maxTraits() != 4) {
            Staff.signInOnThread(Role.ADMIN, null, null);
            try {
                naming.save(SEED, "test: the seed values again", active.version(), "test");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    private static double[] z(NeedCluster c) {
        return NeedClusterSql.FEATURES.stream().mapToDouble(f -> c.zProfile().get(f)).toArray();
    }

    @Test
    void versionOneIsTheConstantsAndItsReasonReadsInEachLanguage() throws Exception {
        List<ClusterNamingRule> versions = naming.versions();
        ClusterNamingRule first = versions.get(versions.size() - 1);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.rule()).isEqualTo(ClusterNaming.SEED);
        assertThat(first.createdBy()).isEqualTo("system");
        assertThat(first.reasonKey()).isEqualTo("segmentation.clusters.naming.seedReason");

        mvc.perform(get("/segments/clusters").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"cluster-naming-versions\"")))
                .andExpect(content().string(containsString("沿用代码中 ClusterNaming 原有的命名常量")))
                .andExpect(content().string(containsString("聚类命名规则（版本 " + naming.active().version() + "）")))
                .andExpect(content().string(not(containsString("The naming constants ClusterNaming had"))))
                .andExpect(content().string(not(containsString("id=\"cluster-naming-form\""))));
        mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"cluster-naming-form\"")))
                .andExpect(content().string(containsString("hx-post=\"/segments/clusters/naming/preview\"")))
                .andExpect(content().string(containsString("name=\"basedOn\" id=\"cluster-naming-based-on\" value=\""
                        + naming.active().version() + "\"")))
                .andExpect(content().string(containsString("The naming constants ClusterNaming had")))
                .andExpect(content().string(containsString("Cluster naming rule (version " + naming.active().version() + ")")));
        mvc.perform(get("/api/segments/clusters/naming").with(Staff.agent(1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active.version").value(naming.active().version()))
                .andExpect(jsonPath("$.versions[*].version", hasItem(1)));
        // the seed's reason in the caller's language
        mvc.perform(get("/api/segments/clusters/naming").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reason", hasItem("沿用代码中 ClusterNaming 原有的命名常量")))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reasonKey", hasItem("segmentation.clusters.naming.seedReason")));
        mvc.perform(get("/api/segments/clusters/naming").with(Staff.agent(1)).param("lang", "en"))
                .andExpect(jsonPath("$.versions[?(@.version == 1)].reason", hasItem("The naming constants ClusterNaming had")));
    }

    @Test
    void aPreviewNamesTheCurrentRunAsARunAfterSavingItDoesAndTheSaveIsTheNextVersionAudited() throws Exception {
        ClusterRun before = clusters.runNow(3, "tester");
        assertThat(before.ruleVersion()).isEqualTo(naming.active().version());
        List<NeedCluster> beforeClusters = clusters.clusters(before.id());
        ClusterNamingRule.Proposal proposal = new ClusterNamingRule.Proposal(0.1, 1, 6);
        ClusterNamingPreview preview = naming.preview(proposal);
        assertThat(preview.run().id()).isEqualTo(before.id());
        assertThat(preview.now()).isEqualTo(beforeClusters.stream().map(NeedCluster::traits).toList());
        assertThat(preview.proposed()).isEqualTo(ClusterNaming.name(NeedClusterSql.FEATURES,
                beforeClusters.stream().map(ClusterNamingRulesTests::z).toList(), proposal.rule()));
        assertThat(preview.proposed()).allSatisfy(traits -> assertThat(traits.size()).isBetween(1, 6));
        assertThat(naming.active().version()).as("a preview saves nothing").isEqualTo(before.ruleVersion());

        // over the API: the same names, in both languages
        String body = mvc.perform(post("/api/segments/clusters/naming/preview").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"minZ\": 0.1, \"traits\": 1, \"maxTraits\": 6}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.runId").value(before.id()))
                .andExpect(jsonPath("$.runNamingVersion").value(before.ruleVersion()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> proposedEn = JsonPath.read(body, "$.clusters[*].proposedEn");
        List<String> proposedZh = JsonPath.read(body, "$.clusters[*].proposedZh");
        assertThat(proposedEn).hasSize(3).allSatisfy(name -> assertThat(name).isNotBlank().doesNotContain("segmentation."));

        int based = naming.active().version();
        String saved = mvc.perform(post("/api/segments/clusters/naming").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"minZ\": 0.1, \"traits\": 1, \"maxTraits\": 6, \"reason\": \"test: one trait\", \"basedOnVersion\": "
                                + based + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(based + 1))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.createdBy").value("analyst"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        int version = JsonPath.read(saved, "$.version");
        assertThat(naming.versions()).filteredOn(ClusterNamingRule::active).extracting(ClusterNamingRule::version)
                .containsExactly(version);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        select count(*) from audit_event where action = 'RULE_CHANGE' and reason = :r
                           and 'need_cluster_naming_rule_set' = any(fields)""")
                .param("r", "cluster naming rule v" + version).query(Long.class).single() == 1);

        // the run before keeps its names and its version; the next run names by the new version as the preview did
        assertThat(clusters.clusters(before.id())).extracting(NeedCluster::traits).isEqualTo(preview.now());
        assertThat(clusters.run(before.id()).orElseThrow().ruleVersion()).isEqualTo(based);
        ClusterRun after = clusters.runNow(3, "tester");
        assertThat(after.ruleVersion()).isEqualTo(version);
        assertThat(clusters.clusters(after.id())).extracting(NeedCluster::traits).isEqualTo(preview.proposed());
        String current = mvc.perform(get("/api/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                .andExpect(jsonPath("$.run.ruleVersion").value(version))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<List<String>>read(current, "$.clusters[*].nameEn")).isEqualTo(proposedEn);
        assertThat(JsonPath.<List<String>>read(current, "$.clusters[*].nameZh")).isEqualTo(proposedZh);
        mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "zh-CN"))
                .andExpect(content().string(containsString("本次运行按命名规则版本 " + version + " 命名")))
                .andExpect(content().string(containsString("版本 " + based)));
    }

    @Test
    void aSaveBasedOnAnOlderVersionIsRefusedNamingWhoSavedWhichVersionWhen() throws Exception {
        int based = naming.active().version();
        Staff.signInOnThread(Role.ADMIN, null, null);
        ClusterNamingRule first;
        try {
            first = naming.save(new ClusterNamingRule.Proposal(0.8, 2, 4), "test: the first of two editors", based, "钱分析");
        } finally {
            SecurityContextHolder.clearContext();
        }
        mvc.perform(post("/api/segments/clusters/naming").with(Staff.admin()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"minZ\": 1.0, \"traits\": 2, \"maxTraits\": 4, \"reason\": \"the second editor\", \"basedOnVersion\": "
                                + based + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.activeVersion").value(first.version()))
                .andExpect(jsonPath("$.activeBy").value("钱分析"))
                .andExpect(jsonPath("$.basedOnVersion").value(based))
                .andExpect(jsonPath("$.detail", startsWith("Cluster naming rule: version " + first.version()
                        + " was saved by 钱分析 at ")))
                .andExpect(jsonPath("$.detail", containsString("after version " + based + " your change was based on")));
        mvc.perform(post("/segments/clusters/naming").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("minZ", "1.0").param("traits", "2").param("maxTraits", "4").param("reason", "第二位编辑")
                        .param("basedOn", String.valueOf(based)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("聚类命名规则：版本 " + first.version() + " 已由 钱分析 于 ")))
                .andExpect(content().string(containsString("而您的修改基于版本 " + based)));
        assertThat(naming.active().version()).isEqualTo(first.version());
        assertThat(naming.active().minZ()).isEqualTo(0.8);
        Staff.signInOnThread(Role.ADMIN, null, null);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> naming.save(SEED, "stale", based, "test"))
                    .isInstanceOf(StaleRuleVersion.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void badValuesAreRefusedNamingTheFieldOnTheApiAndThePageInBothLanguagesAndAnAgentIsDenied() throws Exception {
        int before = naming.active().version();
        mvc.perform(post("/api/segments/clusters/naming").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"minZ\": 5, \"traits\": 3, \"maxTraits\": 2}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.contains("minZ", "maxTraits", "reason", "basedOnVersion")))
                .andExpect(jsonPath("$.errors[0].message").value("Cluster naming rule: Min |z| is 5; it must be from 0.1 to 3"));
        mvc.perform(post("/api/segments/clusters/naming/preview").with(Staff.admin()).param("lang", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"minZ\": 0.5, \"traits\": 0, \"maxTraits\": 4}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("traits"))
                .andExpect(jsonPath("$.errors[0].message").value("聚类命名规则：“每个名称的特征数”为 0，须在 1 至 6 之间"));
        mvc.perform(post("/segments/clusters/naming/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("minZ", "abc").param("traits", "2").param("maxTraits", "4"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"cluster-naming-problems\"")))
                .andExpect(content().string(containsString("Cluster naming rule: Min |z| &quot;abc&quot; is not a number")));
        mvc.perform(post("/segments/clusters/naming").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("minZ", "0.7").param("traits", "2").param("maxTraits", "4").param("reason", "")
                        .param("basedOn", String.valueOf(before)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("聚类命名规则：请填写修改原因")));
        mvc.perform(post("/api/segments/clusters/naming").with(Staff.agent(1))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"minZ\": 0.7, \"traits\": 2, \"maxTraits\": 4}"))
                .andExpect(status().isForbidden());
        assertThat(naming.active().version()).isEqualTo(before);

        // a valid page save redirects and shows the new version
        mvc.perform(post("/segments/clusters/naming").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("minZ", "0.7").param("traits", "2").param("maxTraits", "5").param("reason", "page test: 0.7")
                        .param("basedOn", String.valueOf(before)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/segments/clusters#cluster-naming"));
        assertThat(naming.active().version()).isEqualTo(before + 1);
        assertThat(naming.active().maxTraits()).isEqualTo(5);
        mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("page test: 0.7")));
    }

    @Test
    void thePagePreviewShowsTheNamesNowAndProposedInEachLanguage() throws Exception {
        ClusterRun run = clusters.current().orElseGet(() -> clusters.runNow(3, "tester"));
        int k = clusters.clusters(run.id()).size();
        mvc.perform(post("/segments/clusters/naming/preview").with(Staff.analyst()).with(csrf()).param("lang", "zh-CN")
                        .param("minZ", "0.1").param("traits", "1").param("maxTraits", "6"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"cluster-naming-names\"")))
                .andExpect(content().string(containsString("当前运行 #" + run.id())))
                .andExpect(content().string(containsString(" 个簇中有 ")))
                .andExpect(content().string(containsString("新规则下的名称")));
        mvc.perform(post("/segments/clusters/naming/preview").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("minZ", "0.5").param("traits", "2").param("maxTraits", "4"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Current run #" + run.id())))
                .andExpect(content().string(containsString("of " + k + " clusters would be renamed")))
                .andExpect(content().string(containsString("Name under the proposal")));
    }
}
