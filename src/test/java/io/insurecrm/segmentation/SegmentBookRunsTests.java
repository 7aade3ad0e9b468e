package io.insurecrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** On-demand whole-book runs: in the background, one at a time, step by step, finished or failed (recompute mocked). */
class SegmentBookRunsTests {

    final SegmentRecompute recompute = mock(SegmentRecompute.class);
    final SegmentBookRuns runs = new SegmentBookRuns(recompute, Clock.fixed(Instant.parse("2026-12-02T02:00:00Z"), ZoneOffset.UTC));
    final SegmentRecompute.Run result = new SegmentRecompute.Run(5_000, 3, 1, 3, Duration.ofSeconds(2), 1_000, true);

    @Test
    void aRunReportsItsStepsRunsAloneAndEndsWithItsResult() throws Exception {
        CountDownLatch atRisk = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        given(recompute.recomputeAll(org.mockito.ArgumentMatchers.<Consumer<String>>any())).willAnswer(call -> {
            Consumer<String> onStep = call.getArgument(0);
            for (String step : SegmentRecompute.STEPS) {
                onStep.accept(step);
                if (step.equals("RISK")) {
                    atRisk.countDown();
                    assertThat(goOn.await(10, TimeUnit.SECONDS)).isTrue();
                }
            }
            return result;
        });

        SegmentBookRun started = runs.start("analyst", "after the claims import").orElseThrow();
        assertThat(started.running()).isTrue();
        assertThat(started.reason()).isEqualTo("after the claims import");
        assertThat(atRisk.await(10, TimeUnit.SECONDS)).isTrue();

        SegmentBookRun running = runs.latest().orElseThrow();
        assertThat(running.id()).isEqualTo(started.id());
        assertThat(running.step()).isEqualTo("RISK");
        assertThat(running.stepNo()).isEqualTo(4);
        assertThat(running.progressPercent()).isEqualTo(4 * 100 / SegmentRecompute.STEPS.size());
        assertThat(runs.start("admin", "again")).as("one at a time").isEmpty();

        goOn.countDown();
        SegmentBookRun done = finished();
        assertThat(done.id()).isEqualTo(started.id());
        assertThat(done.result()).isEqualTo(result);
        assertThat(done.failure()).isNull();
        assertThat(done.progressPercent()).isEqualTo(100);
        assertThat(runs.start("admin", "once it is done")).as("a new run may start").isPresent();
    }

    @Test
    void aFailedRunSaysWhyAndLetsTheNextOneStart() throws Exception {
        given(recompute.recomputeAll(org.mockito.ArgumentMatchers.<Consumer<String>>any())).willAnswer(call -> {
            call.<Consumer<String>>getArgument(0).accept("VALUE");
            throw new IllegalStateException("VALUE rules broken");
        });

        runs.start("analyst", "test").orElseThrow();
        SegmentBookRun failed = finished();

        assertThat(failed.failure()).isEqualTo("VALUE rules broken");
        assertThat(failed.result()).isNull();
        assertThat(failed.step()).isEqualTo("VALUE");
        assertThat(runs.start("analyst", "retry")).isPresent();
    }

    private SegmentBookRun finished() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            SegmentBookRun run = runs.latest().orElseThrow();
            if (!run.running()) {
                return run;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the run did not finish within 10 s");
    }
}
