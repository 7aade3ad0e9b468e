package io.insurecrm.coil;

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
import io.insurecrm.fixtures.Staff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** /coil and /api/coil: a cluster run started over the API, the segment figures, the CSV export, refusals. */
@SpringBootTest
@AutoConfigureMockMvc
class CoilClustersWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired CoilBook book;
    @Autowired CoilClusters clusters;

    @BeforeEach
    void realBookLoadedAndNoRunRunning() {
        book.load(Path.of("../shared/data/coil2000"));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
    }

    @Test
    void anAnalystStartsARunAndEveryoneSeesTheSegmentsNamedAndCounted() throws Exception {
        String started = mvc.perform(post("/api/coil/clusters/runs").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"web test\", \"k\": 4}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requestedK").value(4))
                .andExpect(jsonPath("$.reason").value("web test"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long runId = ((Number) JsonPath.read(started, "$.id")).longValue();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.run(runId).map(run -> !run.running()).orElse(false));
        assertThat(clusters.run(runId).orElseThrow().status()).isIn(CoilClusterRun.Status.FINISHED, CoilClusterRun.Status.UNCHANGED);

        mvc.perform(get("/api/coil/clusters/runs/{id}", runId).with(Staff.agent(1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clusters", hasSize(4)));
        String segments = mvc.perform(get("/api/coil/segments").with(Staff.agent(1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clusters", hasSize(4)))
                .andExpect(jsonPath("$.valueBands", hasSize(5)))
                .andExpect(jsonPath("$.currency").value("NLG"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Integer> sizes = JsonPath.read(segments, "$.clusters[*].customers");
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(9822);
        List<Integer> bands = JsonPath.read(segments, "$.valueBands[*].customers");
        assertThat(bands.stream().mapToInt(Integer::intValue).sum()).isEqualTo(9822);
        List<String> english = JsonPath.read(segments, "$.clusters[*].nameEn");
        List<String> chinese = JsonPath.read(segments, "$.clusters[*].nameZh");

        mvc.perform(get("/coil").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(view().name("coil/summary"))
                .andExpect(content().string(containsString("id=\"coil-segments-clusters\"")))
                .andExpect(content().string(containsString("id=\"coil-segments-valueBands\"")))
                .andExpect(content().string(containsString("id=\"coil-segments-chart\"")))
                .andExpect(content().string(containsString("id=\"coil-cluster-form\"")))
                .andExpect(content().string(containsString(english.get(0))))
                .andExpect(content().string(containsString("not CNY")));
        mvc.perform(get("/coil").with(Staff.agent(1)).param("lang", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(chinese.get(0))))
                .andExpect(content().string(containsString("客均合同")))
                .andExpect(content().string(not(containsString("id=\"coil-cluster-form\""))));
        mvc.perform(get("/coil/clusters/runs/{id}/progress", runId).with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(header().string("HX-Refresh", "true"));

        long before = jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and reason like 'coil-segments.csv%'")
                .query(Long.class).single();
        String csv = mvc.perform(get("/coil/segments.csv").with(Staff.admin()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("coil-segments.csv")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("Breakdown", english.get(0), "Top (5,000 and over)");
        assertThat(csv.lines().count()).isEqualTo(1 + 4 + 5);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select count(*) from audit_event where action = 'EXPORT' and reason like 'coil-segments.csv%'")
                .query(Long.class).single() == before + 1);
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndASecondRunWhileOneRunsIsAConflict() throws Exception {
        mvc.perform(post("/api/coil/clusters/runs").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("Give the reason for the run"));
        mvc.perform(post("/api/coil/clusters/runs").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\", \"k\": 13}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("k"));
        mvc.perform(post("/api/coil/clusters/runs").with(Staff.agent(1))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/coil/clusters/runs").with(Staff.analyst()).with(csrf()).param("lang", "en").param("reason", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Give the reason for the run")));

        long running = jdbc.sql("""
                        insert into coil_cluster_run (status, phase, progress, seed, features, reason, started_by, started_at)
                        values ('RUNNING', 'FIT', 40, 1, '{}', 'a run in progress', 'test', '2026-12-02 11:40:12.123+00') returning id""")
                .query(Long.class).single();
        try {
            mvc.perform(post("/api/coil/clusters/runs").with(Staff.admin())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"second\"}"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.runningId").value(running));
            mvc.perform(get("/coil").with(Staff.analyst()).param("lang", "en"))
                    .andExpect(content().string(containsString("hx-get=\"/coil/clusters/runs/" + running + "/progress\"")))
                    // run times as on every page: minute in crm.time-zone (Asia/Shanghai), not the raw instant
                    .andExpect(content().string(containsString("<td>2026-12-02 19:40</td>")))
                    .andExpect(content().string(not(containsString("2026-12-02T11:40"))));
            mvc.perform(get("/coil/clusters/runs/{id}/progress", running).with(Staff.analyst()))
                    .andExpect(status().isOk()).andExpect(header().doesNotExist("HX-Refresh"))
                    .andExpect(content().string(containsString("40%")));
        } finally {
            jdbc.sql("update coil_cluster_run set status = 'FAILED', error = 'web test' where id = :id").param("id", running).update();
        }
    }
}
