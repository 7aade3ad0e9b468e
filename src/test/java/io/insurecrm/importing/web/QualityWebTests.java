package io.insurecrm.importing.web;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.importing.DataQuality;
import io.insurecrm.platform.security.SecurityConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The data-quality page carries the trend chart (canvas, Chart.js, static script) and the API feeds it. */
@WebMvcTest({QualityPages.class, QualityApi.class})
@Import(SecurityConfiguration.class)
class QualityWebTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DataQuality quality;

    private static DataQuality.Snapshot snapshot(long id, Long job, String at, double phone, int orphans) {
        return new DataQuality.Snapshot(id, job, Instant.parse(at), Map.of("customers", 10,
                "completeness", Map.of("phone", phone), "orphans", Map.of("allRuns", orphans, "ofThisRun", 0)));
    }

    @Test
    void thePageDrawsTheTrendFromTheApiAndTheApiListsSnapshotsOldestFirst() throws Exception {
        List<DataQuality.Snapshot> trend = List.of(snapshot(1, null, "2026-12-01T00:00:00Z", 0.5, 0),
                snapshot(2, 42L, "2026-12-02T00:00:00Z", 0.75, 3));
        when(quality.trend(anyInt())).thenReturn(trend);

        mvc.perform(get("/quality").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"quality-chart\"")))
                .andExpect(content().string(containsString("data-source=\"/api/quality/trend?limit=30\"")))
                .andExpect(content().string(containsString("aria-label=\"数据质量趋势")))
                .andExpect(content().string(containsString("data-figure=\"completeness.phone\"")))
                .andExpect(content().string(containsString("/js/quality.js")))
                .andExpect(content().string(containsString("chart.umd.js")));

        mvc.perform(get("/api/quality/trend").param("limit", "30").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(1))
                .andExpect(jsonPath("$[1].jobId").value(42))
                .andExpect(jsonPath("$[1].figures.completeness.phone").value(0.75))
                .andExpect(jsonPath("$[1].figures.orphans.allRuns").value(3));
    }

    @Test
    void withoutASnapshotThereIsNoChart() throws Exception {
        when(quality.trend(anyInt())).thenReturn(List.of());
        mvc.perform(get("/quality").with(Staff.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"quality-none\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"quality-chart\""))));
    }
}
