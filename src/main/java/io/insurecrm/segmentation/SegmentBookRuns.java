package io.insurecrm.segmentation;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Whole-book recomputes on demand (the button on /segments, {@code POST /api/segments/recompute}): one at a time per
 * application instance, in the background, with its progress step by step. The run itself is
 * {@link SegmentRecompute#recomputeAll()}: one transaction, so a failed run leaves every previous placement, and a run
 * asked for again starts over (it writes only what changed, so nothing is done twice). The status is kept in memory:
 * an instance knows the runs it started (the latest one), not those of another instance or before a restart.
 */
@Service
public class SegmentBookRuns {

    private static final Logger log = LoggerFactory.getLogger(SegmentBookRuns.class);

    /** The longest reason a run may be asked for with. */
    public static final int MAX_REASON = 200;

    private final SegmentRecompute recompute;
    private final Clock clock;
    private final AtomicReference<SegmentBookRun> latest = new AtomicReference<>();
    private final AtomicLong ids = new AtomicLong();

    SegmentBookRuns(SegmentRecompute recompute, Clock clock) {
        this.recompute = recompute;
        this.clock = clock;
    }

    /** The latest run this instance started, running or finished. */
    public Optional<SegmentBookRun> latest() {
        return Optional.ofNullable(latest.get());
    }

    /**
     * Starts a whole-book recompute in the background for the reason given (1–{@value #MAX_REASON} characters, checked by
     * the caller) and returns it (running); empty, starting nothing, while a run asked for on this instance is still
     * running ({@link #latest()} is that one).
     */
    public Optional<SegmentBookRun> start(String startedBy, String reason) {
        SegmentBookRun run = new SegmentBookRun(ids.incrementAndGet(), startedBy, reason, clock.instant(), null, 0,
                SegmentRecompute.STEPS.size(), null, null, null);
        SegmentBookRun before = latest.get();
        if ((before != null && before.running()) || !latest.compareAndSet(before, run)) {
            return Optional.empty();
        }
        Thread thread = new Thread(() -> execute(run.id()), "segments-recompute-" + run.id());
        thread.setDaemon(true);
        thread.start();
        log.info("Whole-book segment recompute {} asked for by {}: {}", run.id(), startedBy, reason);
        return Optional.of(run);
    }

    private void execute(long id) {
        try {
            SegmentRecompute.Run result = recompute.recomputeAll(step ->
                    latest.updateAndGet(run -> run.id() == id ? run.at(step, SegmentRecompute.STEPS.indexOf(step) + 1) : run));
            latest.updateAndGet(run -> run.id() == id ? run.finished(clock.instant(), result) : run);
            log.info("Whole-book segment recompute {} finished: {}", id, result);
        } catch (RuntimeException e) {
            log.warn("Whole-book segment recompute {} failed; the previous placements are intact", id, e);
            latest.updateAndGet(run -> run.id() == id ? run.failed(clock.instant(), String.valueOf(e.getMessage())) : run);
        }
    }
}
