package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import com.jayway.jsonpath.JsonPath;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** /segments/clusters and /api/segments/clusters: a run started over the API, its aggregates on the page, refusals. */
@SpringBootTest
@AutoConfigureMockMvc
class ClustersWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired NeedClusters clusters;

    @Test
    void anAnalystStartsARunAndEveryoneSeesTheNamedClustersButNoCustomer() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long product = book.product("聚类网页重疾险", "Web CI", "CRITICAL_ILLNESS", "ADVANCED");
        for (int i = 0; i < 6; i++) {
            long customer = book.individual("聚类网页客户" + i, agent);
            book.policy(customer, product, "ACTIVE", LocalDate.now().minusDays(10), LocalDate.now().plusYears(1), "5000");
            // people of other ages and needs to learn from (the clusters learn only from analytics consent)
            long other = book.individual("聚类网页其他" + i, LocalDate.now().minusYears(20 + 9 * i), i % 2 == 0, "33", agent);
            for (long learnt : List.of(customer, other)) {
                jdbc.sql("""
                                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                                values (:customer, 'ANALYTICS', true, 'PAPER_FORM', 'clusters', now(), 'test')""")
                        .param("customer", learnt).update();
            }
        }

        String started = mvc.perform(post("/api/segments/clusters/runs").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"k\": 3}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requestedK").value(3))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long runId = ((Number) JsonPath.read(started, "$.id")).longValue();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.run(runId).map(run -> !run.running()).orElse(false));
        assertThat(clusters.run(runId)).map(ClusterRun::status).contains(ClusterRun.Status.FINISHED);

        mvc.perform(get("/api/segments/clusters/runs/{id}", runId).with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.status").value("FINISHED"))
                .andExpect(jsonPath("$.clusters", hasSize(3)));
        String current = mvc.perform(get("/api/segments/clusters").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.id").value(runId))
                .andExpect(jsonPath("$.clusters", hasSize(3)))
                .andExpect(jsonPath("$.features", hasSize(NeedFeature.values().length)))
                .andExpect(jsonPath("$.features[0].label").value("Age"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Integer> sizes = JsonPath.read(current, "$.clusters[*].customers");
        Integer customers = JsonPath.read(current, "$.run.customers");
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(customers);
        List<String> names = JsonPath.read(current, "$.clusters[*].name");
        List<String> english = JsonPath.read(current, "$.clusters[*].nameEn");
        List<String> chinese = JsonPath.read(current, "$.clusters[*].nameZh");
        assertThat(names).isEqualTo(english).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(chinese).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).isNotBlank().doesNotContain("segmentation."));
        assertThat(current).doesNotContain("聚类网页客户");

        mvc.perform(get("/segments/clusters").with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andExpect(view().name("segmentation/clusters"))
                .andExpect(content().string(containsString("id=\"clusters-table\"")))
                .andExpect(content().string(containsString("data-cluster=\"3\"")))
                .andExpect(content().string(containsString(chinese.get(0))))
                .andExpect(content().string(containsString("客均合同")))
                .andExpect(content().string(containsString("id=\"clusters-profile\"")))
                .andExpect(content().string(not(containsString("id=\"cluster-run-form\""))))
                .andExpect(content().string(not(containsString("聚类网页客户"))));
        mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"cluster-run-form\"")))
                .andExpect(content().string(containsString(english.get(0))));
        mvc.perform(get("/segments/clusters/runs/{id}/progress", runId).with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(header().string("HX-Refresh", "true"));

        // the customer search filters by cluster of the current run, within the caller's scope
        int cluster = jdbc.sql("""
                        select m.cluster_no from need_cluster_member m join customer c on c.id = m.customer_id
                         where m.run_id = :run and c.name = '聚类网页客户0'""").param("run", runId).query(Integer.class).single();
        mvc.perform(get("/api/customers").param("segment", "CLUSTER:" + cluster).param("q", "聚类网页客户").param("size", "50")
                        .with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(6)));
        mvc.perform(get("/api/customers").param("segment", "CLUSTER:" + (cluster % 3 + 1)).param("q", "聚类网页客户")
                        .with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(0)));
        mvc.perform(get("/segments/clusters").with(Staff.agent(agent)))
                .andExpect(content().string(containsString("/customers?segment=CLUSTER:" + cluster)));
        mvc.perform(get("/segments/clusters").with(Staff.analyst()))
                .andExpect(content().string(not(containsString("/customers?segment=CLUSTER:"))));
        // and offers the current run's clusters by name among the segments
        mvc.perform(get("/customers").with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(containsString("<optgroup label=\"保障需求聚类\">")))
                .andExpect(content().string(containsString("<option value=\"CLUSTER:1\">保障需求聚类 1 · " + chinese.get(0) + "</option>")))
                .andExpect(content().string(containsString("<option value=\"CLUSTER:3\">保障需求聚类 3 · " + chinese.get(2) + "</option>")));
    }

    @Test
    void eachClusterShowsThePreviousRunsClusterItCarriesOnThePageAndInTheApi() throws Exception {
        clusters.runNow(3, "tester");
        ClusterRun again = clusters.runNow(3, "tester");

        mvc.perform(get("/api/segments/clusters").with(Staff.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.id").value(again.id()))
                .andExpect(jsonPath("$.clusters[*].previousClusterNo").value(org.hamcrest.Matchers.contains(1, 2, 3)))
                .andExpect(jsonPath("$.clusters[*].carriedShare").value(org.hamcrest.Matchers.contains(1.0, 1.0, 1.0)));
        mvc.perform(get("/segments/clusters").with(Staff.admin()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("上次运行对应簇")))
                .andExpect(content().string(containsString("<td class=\"num cluster-previous\">#1 · 100 %</td>")))
                .andExpect(content().string(containsString("<td class=\"num cluster-previous\">#3 · 100 %</td>")));
        mvc.perform(get("/segments/clusters").with(Staff.admin()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Previous run&#39;s cluster")))
                .andExpect(content().string(containsString("<td class=\"num cluster-previous\">#2 · 100 %</td>")));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/segments/clusters/runs").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("k"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "Give the number of clusters k (2–12) or choose k automatically (one of the two)"));
        mvc.perform(post("/api/segments/clusters/runs").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"k\": 13}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(
                        "Number of clusters k \"13\" is not valid: it must be a whole number from 2 to 12"));
        mvc.perform(post("/api/segments/clusters/runs").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"k\": 3, \"chooseK\": true}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/segments/clusters/runs").with(Staff.agent(1L))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"k\": 3}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/segments/clusters/runs").with(Staff.analyst()).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)
                        .param("mode", "k").param("k", "abc"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("聚类数 k“abc”无效：须为 2–12 之间的整数")));
        mvc.perform(get("/api/segments/clusters/runs/{id}", 987_654_321L).with(Staff.analyst()))
                .andExpect(status().isNotFound());
        assertThat(clusters.running()).isEmpty();
    }

    @Test
    void whileARunIsInProgressThePageShowsItAndAnotherIsRefused() throws Exception {
        long running = jdbc.sql("""
                        insert into need_cluster_run (status, phase, progress, seed, sample_size, features, started_by, started_at)
                        values ('RUNNING', 'ASSIGN', 50, 1, 100, '{AGE}', 'other', now()) returning id""").query(Long.class).single();
        try {
            mvc.perform(get("/segments/clusters").with(Staff.analyst()).param("lang", "en"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Cluster run #" + running + " in progress: assigning customers, 50%")))
                    .andExpect(content().string(containsString("/segments/clusters/runs/" + running + "/progress")));
            mvc.perform(get("/segments/clusters/runs/{id}/progress", running).with(Staff.agent(1L)))
                    .andExpect(status().isOk()).andExpect(header().doesNotExist("HX-Refresh"))
                    .andExpect(content().string(containsString("value=\"50\"")));
            mvc.perform(post("/api/segments/clusters/runs").with(Staff.admin()).param("lang", "en")
                            .contentType(MediaType.APPLICATION_JSON).content("{\"chooseK\": true}"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.runningId").value(running));
            mvc.perform(post("/segments/clusters/runs").with(Staff.admin()).with(csrf()).param("lang", "en")
                            .param("mode", "choose"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Cluster run #" + running + " has not ended yet")));
        } finally {
            jdbc.sql("update need_cluster_run set status = 'FAILED', error = 'test' where id = :id").param("id", running).update();
        }
    }
}
