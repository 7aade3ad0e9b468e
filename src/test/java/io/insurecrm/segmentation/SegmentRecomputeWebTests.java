package io.insurecrm.segmentation;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.Staff;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The on-demand whole-book recompute on /segments and under /api/segments/recompute (the runs themselves mocked). */
@SpringBootTest
@AutoConfigureMockMvc
class SegmentRecomputeWebTests {

    static final Instant STARTED = Instant.parse("2026-12-02T02:00:00Z");
    static final SegmentBookRun RUNNING = new SegmentBookRun(7, "analyst1", "after the claims import", STARTED, "BEHAVIOUR", 3,
            9, null, null, null);

    @Autowired MockMvc mvc;
    @MockitoBean SegmentBookRuns runs;

    @Test
    void theApiStartsARunWithItsReasonAndAnswersItsProgress() throws Exception {
        given(runs.start(anyString(), any())).willReturn(Optional.of(RUNNING));
        given(runs.latest()).willReturn(Optional.of(RUNNING));

        mvc.perform(post("/api/segments/recompute").with(Staff.analyst()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"  after the claims import \"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/segments/recompute"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.running").value(true));
        then(runs).should().start(anyString(), org.mockito.ArgumentMatchers.eq("after the claims import"));

        mvc.perform(get("/api/segments/recompute").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.step").value("BEHAVIOUR"))
                .andExpect(jsonPath("$.progressPercent").value(33))
                .andExpect(jsonPath("$.reason").value("after the claims import"));
    }

    @Test
    void withoutAReasonOrWhileOneRunsNothingStarts() throws Exception {
        mvc.perform(post("/api/segments/recompute").with(Staff.admin()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/api/segments/recompute").with(Staff.admin()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"" + "x".repeat(201) + "\"}"))
                .andExpect(status().isBadRequest());
        then(runs).should(never()).start(anyString(), any());

        given(runs.start(anyString(), any())).willReturn(Optional.empty());
        given(runs.latest()).willReturn(Optional.of(RUNNING));
        mvc.perform(post("/api/segments/recompute").with(Staff.admin()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"again\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.runningId").value(7));
    }

    @Test
    void noRunYetIsA404() throws Exception {
        given(runs.latest()).willReturn(Optional.empty());
        mvc.perform(get("/api/segments/recompute").with(Staff.admin())).andExpect(status().isNotFound());
    }

    @Test
    void thePageStartsARunAndShowsItsProgressThenItsResult() throws Exception {
        given(runs.start(anyString(), any())).willReturn(Optional.of(RUNNING));
        mvc.perform(post("/segments/recompute").with(Staff.analyst()).with(csrf()).param("reason", "数据修正后"))
                .andExpect(redirectedUrl("/segments#recompute"));
        then(runs).should().start(anyString(), org.mockito.ArgumentMatchers.eq("数据修正后"));

        mvc.perform(post("/segments/recompute").with(Staff.analyst()).with(csrf()).param("reason", " "))
                .andExpect(flash().attribute("recomputeProblem", "segmentation.recompute.reasonRequired"));

        given(runs.latest()).willReturn(Optional.of(RUNNING));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 7 次全量重算进行中：行为（RFM）（33%），发起人 analyst1")))
                .andExpect(content().string(containsString("hx-trigger=\"every 2s\"")));

        SegmentBookRun finished = RUNNING.finished(STARTED.plusSeconds(130),
                new SegmentRecompute.Run(5_000_000, 11_825, 0, 11_825, Duration.ofSeconds(121), 1_000_000, true));
        given(runs.latest()).willReturn(Optional.of(finished));
        mvc.perform(get("/segments").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "Whole-book recompute 7 finished: 1,000,000 customers, 11,825 placements opened, 11,825 closed, 0 replaced")))
                .andExpect(content().string(containsString("id=\"recompute-button\"")));
    }

    @Test
    void agentsAreRefused() throws Exception {
        mvc.perform(post("/api/segments/recompute").with(Staff.agent(7L)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\"}"))
                .andExpect(status().isForbidden());
        then(runs).should(never()).start(anyString(), any());
    }
}
