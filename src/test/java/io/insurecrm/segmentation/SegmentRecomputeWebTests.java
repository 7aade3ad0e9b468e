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
// nothing resumed at start: the start-up thread would call the mocked runs while a test stubs them (Mockito attaches a
// stub to the mock's last call, whichever thread made it — the first test here once found no run)
@SpringBootTest(properties = "crm.segmentation.resume-on-start=false")
@AutoConfigureMockMvc
class SegmentRecomputeWebTests {

    static final Instant STARTED = Instant.parse("2026-12-02T02:00:00Z");
    static final SegmentBookRun RUNNING = run(SegmentBookRun.State.RUNNING, 3, 300_000, "BEHAVIOUR", 3, null, null);

    /** Run 7 of a book of 1,000,000 customers in chunks of 100,000: {@code chunks} committed, one under way at its step. */
    static SegmentBookRun run(SegmentBookRun.State state, int chunks, long customers, String step, int stepNo, Instant finished,
                              String failure) {
        return new SegmentBookRun(7, "analyst1", "after the claims import", STARTED, state, java.time.LocalDate.of(2026, 12, 2),
                100_000, chunks, customers, 1_000_000, customers == 0 ? null : customers, step, stepNo, 9, 100_000, finished,
                new SegmentRecompute.Run(5 * (int) customers, 11_825, 0, 11_825, Duration.ofSeconds(121), (int) customers, true),
                failure, 0, null, null, null);
    }

    /** Run 8, a rule-change run of {@code dimension} (VALUE … DYNAMIC, or TAGS) over the same book: one chunk, by its steps. */
    static SegmentBookRun ruleChange(String dimension, SegmentBookRun.State state, String step, int stepNo, Instant finished,
                                     String failure) {
        int steps = dimension.equals("TAGS") ? 1 : 5;
        boolean done = state == SegmentBookRun.State.COMPLETED;
        return new SegmentBookRun(8, "analyst1", "rule change: " + dimension + " rules version 4", STARTED, state,
                java.time.LocalDate.of(2026, 12, 2), 100_000, done ? 1 : 0, done ? 1_000_000 : 0, 1_000_000,
                done ? 1_000_000L : null, step, stepNo, steps, done ? 0 : 1_000_000, finished,
                new SegmentRecompute.Run(done ? 1_000_000 : 0, 2_140, 3, 2_140, Duration.ofSeconds(29), done ? 1_000_000 : 0, true),
                failure, 0, null, null, dimension);
    }

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
                .andExpect(jsonPath("$.state").value("RUNNING"))
                .andExpect(jsonPath("$.chunksDone").value(3))
                .andExpect(jsonPath("$.lastCustomerId").value(300_000))
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
                .andExpect(content().string(containsString(
                        "第 7 次全量重算进行中：第 4 批，行为（RFM）（33%，已完成 300,000 / 1,000,000 位客户），发起人 analyst1")))
                .andExpect(content().string(containsString("hx-trigger=\"every 2s\"")));

        SegmentBookRun finished = run(SegmentBookRun.State.COMPLETED, 10, 1_000_000, null, 0, STARTED.plusSeconds(130), null);
        given(runs.latest()).willReturn(Optional.of(finished));
        mvc.perform(get("/segments").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "Whole-book recompute 7 finished: 1,000,000 customers (10 chunks, resumed 0 times), 11,825 placements opened, "
                        + "11,825 closed, 0 replaced")))
                .andExpect(content().string(containsString("id=\"recompute-button\"")));
    }

    @Test
    void anInterruptedRunIsShownWithItsCheckpointAndResumedFromThePageAndTheApi() throws Exception {
        SegmentBookRun interrupted = run(SegmentBookRun.State.INTERRUPTED, 4, 400_000, null, 0, null, null);
        given(runs.latest()).willReturn(Optional.of(interrupted));
        mvc.perform(get("/segments").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "第 7 次全量重算被中断（运行它的实例已停止）：已提交 4 批（400,000 / 1,000,000 位客户），其余客户保持原有分层；可从断点继续。")))
                .andExpect(content().string(containsString("action=\"/segments/recompute/7/resume\"")))
                .andExpect(content().string(containsString("从断点继续")));
        mvc.perform(get("/segments").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString(
                        "Whole-book recompute 7 was interrupted (the instance running it stopped): 4 chunks committed "
                        + "(400,000 of 1,000,000 customers), every other customer keeps the previous placements")))
                .andExpect(content().string(containsString(">Resume</button>")));

        given(runs.resume(org.mockito.ArgumentMatchers.eq(7L), anyString(), any())).willReturn(Optional.of(RUNNING));
        mvc.perform(post("/segments/recompute/7/resume").with(Staff.admin()).with(csrf()).param("reason", "after the restart"))
                .andExpect(redirectedUrl("/segments#recompute"));
        then(runs).should().resume(org.mockito.ArgumentMatchers.eq(7L), anyString(),
                org.mockito.ArgumentMatchers.eq("after the restart"));

        mvc.perform(post("/api/segments/recompute/7/resume").with(Staff.analyst()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"after the restart\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/segments/recompute"))
                .andExpect(jsonPath("$.state").value("RUNNING"));
    }

    @Test
    void aFailedRunSaysWhatWasKept() throws Exception {
        SegmentBookRun failed = run(SegmentBookRun.State.FAILED, 2, 200_000, "RISK", 4, STARTED.plusSeconds(40), "RISK rules broken");
        given(runs.latest()).willReturn(Optional.of(failed));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("Whole-book recompute 7 failed: RISK rules broken. The 2 chunks "
                        + "committed (200,000 customers) keep their new placements, every other customer keeps the previous ones")))
                .andExpect(content().string(containsString("id=\"resume-form\"")));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(containsString(
                        "第 7 次全量重算失败：RISK rules broken。已提交的 2 批（200,000 位客户）保留新分层，其余客户保持原有分层；可从断点继续。")));
    }

    @Test
    void aResumeNeedsAReasonAndIsRefusedForACompletedRunOrAnUnknownOne() throws Exception {
        mvc.perform(post("/api/segments/recompute/7/resume").with(Staff.admin()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        then(runs).should(never()).resume(org.mockito.ArgumentMatchers.anyLong(), anyString(), any());

        given(runs.resume(org.mockito.ArgumentMatchers.eq(7L), anyString(), any()))
                .willThrow(new SegmentBookRuns.Refused("segmentation.recompute.completed", 7L));
        mvc.perform(post("/api/segments/recompute/7/resume").with(Staff.admin()).with(csrf()).locale(Locale.ENGLISH)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"again\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.reasonKey").value("segmentation.recompute.completed"))
                .andExpect(jsonPath("$.detail").value(
                        "Whole-book recompute 7 is completed: nothing to resume (resuming would write nothing)."));
        mvc.perform(post("/segments/recompute/7/resume").with(Staff.admin()).with(csrf()).param("reason", "again"))
                .andExpect(flash().attribute("recomputeProblem", "segmentation.recompute.completed"));

        given(runs.resume(org.mockito.ArgumentMatchers.eq(8L), anyString(), any())).willReturn(Optional.empty());
        mvc.perform(post("/api/segments/recompute/8/resume").with(Staff.admin()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"again\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aRuleChangeRunShowsItsDimensionAndItsStepsNotChunks() throws Exception {
        SegmentBookRun running = ruleChange("VALUE", SegmentBookRun.State.RUNNING, "diff", 2, null, null);
        given(runs.latest()).willReturn(Optional.of(running));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("规则变更：价值维度（第 8 次运行）进行中：第 2/5 步，比较变化（40%），发起人 analyst1")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("第 1 批"))))
                .andExpect(content().string(containsString("hx-trigger=\"every 2s\"")));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString(
                        "Rule change: value dimension (run 8) running: step 2 of 5, comparing (40%), asked for by analyst1")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("chunk 1"))));
        mvc.perform(get("/api/segments/recompute").with(Staff.analyst()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dimension").value("VALUE"))
                .andExpect(jsonPath("$.ruleChange").value(true))
                .andExpect(jsonPath("$.step").value("diff"))
                .andExpect(jsonPath("$.stepNo").value(2))
                .andExpect(jsonPath("$.steps").value(5))
                .andExpect(jsonPath("$.stepNames[0]").value("VALUE"))
                .andExpect(jsonPath("$.stepNames[4]").value("tags"))
                .andExpect(jsonPath("$.progressPercent").value(40));

        given(runs.latest()).willReturn(Optional.of(ruleChange("TAGS", SegmentBookRun.State.COMPLETED, null, 0,
                STARTED.plusSeconds(30), null)));
        mvc.perform(get("/segments").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("Rule change: tag rules (run 8) finished: 2,140 placements opened, "
                        + "2,140 closed, 3 replaced the same day, in 29 s (asked for by analyst1).")));
        mvc.perform(get("/segments").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(containsString("规则变更：标签规则（第 8 次运行）已完成：新开 2,140 条")));
        mvc.perform(get("/api/segments/recompute").with(Staff.analyst()))
                .andExpect(jsonPath("$.dimension").value("TAGS"))
                .andExpect(jsonPath("$.stepNames.length()").value(1));

        given(runs.latest()).willReturn(Optional.of(ruleChange("RISK", SegmentBookRun.State.FAILED, "tags", 5,
                STARTED.plusSeconds(30), "RISK rules broken")));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(containsString("规则变更：风险维度（第 8 次运行）在规则标签一步失败：RISK rules broken。"
                        + "未提交任何内容，全部客户保持原有分层；继续时将重新计算全部客户。")))
                .andExpect(content().string(containsString("id=\"resume-form\"")));
        mvc.perform(get("/segments/recompute/progress").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("Rule change: risk dimension (run 8) failed at the step rule tags: "
                        + "RISK rules broken. Nothing was committed")));

        given(runs.latest()).willReturn(Optional.of(ruleChange("LIFE_STAGE", SegmentBookRun.State.INTERRUPTED, "LIFE_STAGE", 1,
                null, null)));
        mvc.perform(get("/segments").with(Staff.analyst()).param("lang", "en"))
                .andExpect(content().string(containsString("Rule change: life-stage dimension (run 8) was interrupted")));
    }

    @Test
    void agentsAreRefused() throws Exception {
        mvc.perform(post("/api/segments/recompute").with(Staff.agent(7L)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/segments/recompute/7/resume").with(Staff.agent(7L)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\"}"))
                .andExpect(status().isForbidden());
        then(runs).should(never()).start(anyString(), any());
        then(runs).should(never()).resume(org.mockito.ArgumentMatchers.anyLong(), anyString(), any());
    }
}
