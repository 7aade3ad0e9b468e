package io.insurecrm.segmentation;

import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What-if previews of proposed rules as background jobs: {@link #start} checks the proposal at once (an
 * {@link InvalidSegmentRules} names every problem, nothing started), then runs the preview's whole-book SQL
 * ({@link SegmentRules#preview(Dimension, Map, DataScope)}, {@link CustomerTags#preview}) on a thread of its own, in the
 * data scope of the one who asked; {@link #find} answers its state to him alone.
 * <p>
 * Limits: one running preview per user ({@link Refused} with {@code tooMany = false}: 409), at most
 * {@code crm.segmentation.preview.max-running} running in all ({@code tooMany = true}: 429). Finished previews are kept in
 * memory for {@code crm.segmentation.preview.keep} and at most {@code crm.segmentation.preview.max-kept} of them (the
 * oldest go first); a running one is never dropped. {@code crm.segmentation.preview.answer-within}: how long
 * {@link #start} waits for the result, so a small book's preview is answered DONE at once.
 * <p>
 * Previews live in the memory of the instance that runs them (unlike whole-book runs, which any instance answers): with
 * more than one instance, the GET must reach the same one (sticky sessions); a restart forgets them.
 */
@Service
public class SegmentPreviews implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SegmentPreviews.class);

    /** The {@code set} of a tag-rule preview. */
    public static final String TAGS = "TAGS";

    /** Why a preview is not started: a message key of the segmentation bundle and its arguments. */
    public static final class Refused extends RuntimeException {

        private final String key;
        private final boolean tooMany;
        private final String runningSet;
        private final String runningId;
        private final transient Object[] args;

        Refused(String key, boolean tooMany, String runningSet, String runningId, Object... args) {
            super(key);
            this.key = key;
            this.tooMany = tooMany;
            this.runningSet = runningSet;
            this.runningId = runningId;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }

        /** True: the instance runs as many previews as it may (try later); false: the user's own preview still runs. */
        public boolean tooMany() {
            return tooMany;
        }

        /** The set (a dimension's name or {@link #TAGS}) of the user's running preview, or null. */
        public String runningSet() {
            return runningSet;
        }

        /** The id of the user's running preview, or null. */
        public String runningId() {
            return runningId;
        }
    }

    /** A hook on the preview's thread before its SQL runs (tests hold a preview RUNNING with it). */
    interface BeforeRun {
        void before(String id);
    }

    private final SegmentRules rules;
    private final CustomerTags tags;
    private final Clock clock;
    private final int maxRunning;
    private final Duration keep;
    private final int maxKept;
    private final Duration answerWithin;
    private final ExecutorService executor;
    /** Every preview kept, oldest first; guarded by {@code this}. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private volatile BeforeRun hook = id -> { };

    SegmentPreviews(SegmentRules rules, CustomerTags tags, Clock clock,
                    @Value("${crm.segmentation.preview.max-running:2}") int maxRunning,
                    @Value("${crm.segmentation.preview.keep:30m}") Duration keep,
                    @Value("${crm.segmentation.preview.max-kept:50}") int maxKept,
                    @Value("${crm.segmentation.preview.answer-within:1s}") Duration answerWithin) {
        if (maxRunning < 1 || maxKept < 1 || keep.isNegative() || answerWithin.isNegative()) {
            throw new IllegalArgumentException("crm.segmentation.preview: max-running and max-kept must be at least 1, keep and "
                    + "answer-within not negative (" + maxRunning + ", " + maxKept + ", " + keep + ", " + answerWithin + ")");
        }
        this.rules = rules;
        this.tags = tags;
        this.clock = clock;
        this.maxRunning = maxRunning;
        this.keep = keep;
        this.maxKept = maxKept;
        this.answerWithin = answerWithin;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(maxRunning, maxRunning, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "segment-preview-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void hook(BeforeRun hook) {
        this.hook = hook;
    }

    /**
     * Starts the preview of proposed rules of a dimension (a parsed JSON object, as {@link SegmentRules#saveRules} takes it)
     * over the customers of {@code scope}, for {@code user}; returns it RUNNING, or DONE or FAILED when it finished within
     * answer-within.
     * @throws InvalidSegmentRules when the rules are not valid (nothing started)
     * @throws Refused when the user's previous preview still runs, or the instance runs as many as it may
     */
    public SegmentPreview start(Dimension dimension, Map<String, Object> proposed, DataScope scope, String user) {
        List<RuleProblem> problems = rules.check(dimension, proposed);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        Map<String, Object> copy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(proposed));
        return submit(dimension.name(), user, rules.active(dimension).version(), copy,
                () -> new Result(rules.preview(dimension, copy, scope), null));
    }

    /** {@link #start} for VALUE bands: the proposed rules are the bands with the active property contribution. */
    public SegmentPreview startValueBands(List<ValueBand> bands, DataScope scope, String user) {
        return start(Dimension.VALUE, rules.proposedValueRules(bands), scope, user);
    }

    /** {@link #start} for proposed tag rules: per tag, the customers in scope who would gain and lose it. */
    public SegmentPreview startTags(Map<String, Object> proposed, DataScope scope, String user) {
        List<RuleProblem> problems = tags.check(proposed);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        Map<String, Object> copy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(proposed));
        return submit(TAGS, user, (Integer) tags.activeRules().get("version"), copy,
                () -> new Result(null, tags.preview(copy, scope)));
    }

    /** The user's preview of that set (a dimension's name or {@link #TAGS}), while it is kept; empty for anybody else's. */
    public Optional<SegmentPreview> find(String set, String id, String user) {
        return job(set, id, user).map(this::view);
    }

    /** {@link #find}, once the preview has finished or {@code timeout} has passed, whichever comes first. */
    public Optional<SegmentPreview> await(String set, String id, String user, Duration timeout) {
        Optional<Job> job = job(set, id, user);
        job.ifPresent(j -> waitFor(j, timeout));
        return job.map(this::view);
    }

    /** Waits until no preview runs (tests); false when one still runs after {@code timeout}. */
    boolean awaitIdle(Duration timeout) {
        List<CompletableFuture<Void>> running;
        synchronized (this) {
            running = jobs.values().stream().filter(j -> j.state == SegmentPreview.State.RUNNING).map(j -> j.done).toList();
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<Job> job(String set, String id, String user) {
        synchronized (this) {
            forgetOld();
            Job job = jobs.get(id);
            return job != null && job.set.equals(set) && job.user.equals(user) ? Optional.of(job) : Optional.empty();
        }
    }

    private record Result(List<MigrationCell> cells, List<TagPreview> tags) {
    }

    /** A preview kept: its state is written by its thread once, when it finishes. */
    private static final class Job {
        final String id;
        final String set;
        final String user;
        final Instant startedAt;
        final int baseVersion;
        final Map<String, Object> proposed;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile SegmentPreview.State state = SegmentPreview.State.RUNNING;
        volatile Instant finishedAt;
        volatile Result result;
        volatile String failure;

        Job(String id, String set, String user, Instant startedAt, int baseVersion, Map<String, Object> proposed) {
            this.id = id;
            this.set = set;
            this.user = user;
            this.startedAt = startedAt;
            this.baseVersion = baseVersion;
            this.proposed = proposed;
        }
    }

    private SegmentPreview submit(String set, String user, int baseVersion, Map<String, Object> proposed, Supplier<Result> work) {
        Job job;
        synchronized (this) {
            forgetOld();
            List<Job> running = jobs.values().stream().filter(j -> j.state == SegmentPreview.State.RUNNING).toList();
            Optional<Job> own = running.stream().filter(j -> j.user.equals(user)).findFirst();
            if (own.isPresent()) {
                throw new Refused("segmentation.preview.ownRunning", false, own.get().set, own.get().id,
                        own.get().id, own.get().set);
            }
            if (running.size() >= maxRunning) {
                throw new Refused("segmentation.preview.tooMany", true, null, null, maxRunning);
            }
            job = new Job(UUID.randomUUID().toString(), set, user, clock.instant(), baseVersion, proposed);
            jobs.put(job.id, job);
        }
        Job started = job;
        try {
            executor.execute(() -> run(started, work));
        } catch (RuntimeException e) {
            finish(started, null, "not started: " + e.getMessage());
            throw e;
        }
        log.info("Segment preview {} of {} rules asked for by {}", job.id, set, user);
        waitFor(job, answerWithin);
        return view(job);
    }

    private void run(Job job, Supplier<Result> work) {
        try {
            hook.before(job.id);
            finish(job, work.get(), null);
        } catch (RuntimeException | Error e) {
            log.warn("Segment preview {} of {} rules failed", job.id, job.set, e);
            finish(job, null, reason(e));
        }
    }

    private void finish(Job job, Result result, String failure) {
        job.result = result;
        job.failure = failure;
        job.finishedAt = clock.instant();
        job.state = failure == null ? SegmentPreview.State.DONE : SegmentPreview.State.FAILED;
        job.done.complete(null);
        log.info("Segment preview {} of {} rules {} in {} ms", job.id, job.set, job.state,
                Duration.between(job.startedAt, job.finishedAt).toMillis());
    }

    /** The innermost cause's message: what went wrong, not the layers it went through. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }

    private static void waitFor(Job job, Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        try {
            job.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: the caller answers RUNNING
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops finished previews older than keep, then the oldest finished ones beyond max-kept. Holds {@code this}. */
    private void forgetOld() {
        Instant now = clock.instant();
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.plus(keep).isBefore(now));
        long finished = jobs.values().stream().filter(j -> j.finishedAt != null).count();
        for (Iterator<Job> it = jobs.values().iterator(); it.hasNext() && finished > maxKept; ) {
            if (it.next().finishedAt != null) {
                it.remove();
                finished--;
            }
        }
    }

    private SegmentPreview view(Job job) {
        SegmentPreview.State state = job.state;
        Instant finished = job.finishedAt;
        Result result = job.result;
        int activeVersion;
        Map<String, Object> activeRules;
        if (job.set.equals(TAGS)) {
            Map<String, Object> active = tags.activeRules();
            activeVersion = (Integer) active.get("version");
            activeRules = rulesOf(active.get("rules"));
        } else {
            RuleSet active = rules.active(Dimension.valueOf(job.set));
            activeVersion = active.version();
            activeRules = active.rules();
        }
        SegmentPreview.RulesNow now = activeVersion == job.baseVersion ? SegmentPreview.RulesNow.UNCHANGED
                : normalised(activeRules).equals(normalised(job.proposed)) ? SegmentPreview.RulesNow.ACTIVATED
                : SegmentPreview.RulesNow.SUPERSEDED;
        Duration elapsed = Duration.between(job.startedAt, finished == null ? clock.instant() : finished);
        return new SegmentPreview(job.id, job.set, state, job.user, job.startedAt, finished,
                elapsed.isNegative() ? Duration.ZERO : elapsed, job.baseVersion, now, activeVersion,
                result == null ? null : result.cells(), result == null ? null : result.tags(), job.failure);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rulesOf(Object rules) {
        return rules instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Rules as saved and as proposed compare equal whatever the numbers' types and scales (5, 5.0, "5" stays a text). */
    static Object normalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalised(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalised(v)));
            return out;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal;
        }
        return value;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
