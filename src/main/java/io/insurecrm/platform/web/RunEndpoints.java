package io.insurecrm.platform.web;

import io.insurecrm.platform.clustering.RunInProgress;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;

/**
 * What the API and the pages of a background run (need clusters, CoIL clusters) have in common: 202 with the run's
 * location when started, 409 with the running run's id while another runs, 404 for an unknown run, and the htmx
 * progress poll that reloads the page once the run has ended.
 */
public final class RunEndpoints {

    private RunEndpoints() {
    }

    /** 202 Accepted, Location {@code runsPath/id}, the run (RUNNING) as the body. */
    public static <R> ResponseEntity<R> accepted(String runsPath, long runId, R run) {
        return ResponseEntity.accepted().location(URI.create(runsPath + "/" + runId)).body(run);
    }

    /** The run, or a 404 naming it ({@code notFoundKey} takes the id). */
    public static <R> R found(Optional<R> run, String notFoundKey, long runId) {
        return run.orElseThrow(() -> NotFoundException.of(notFoundKey, runId));
    }

    /** 409: another run is in progress; {@code messageKey} takes its id, which is also the problem's runningId. */
    public static ProblemDetail inProgress(RunInProgress e, MessageSource messages, String messageKey, Locale locale,
                                           String type, String title) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage(messageKey, new Object[] {e.runningId()}, locale));
        problem.setType(URI.create(type));
        problem.setTitle(title);
        problem.setProperty("runningId", e.runningId());
        return problem;
    }

    /**
     * htmx: the progress fragment of a run as {@code running}; once the run is no longer running the page reloads
     * (HX-Refresh).
     */
    public static String progress(Object run, boolean running, Model model, HttpServletResponse response, String view) {
        if (!running) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("running", run);
        return view;
    }

    /** The k of a run form: blank is none; not a number is refused with {@code badKKey} (k, min, max). */
    public static Integer clusterCount(String k, String badKKey, int min, int max) {
        if (k == null || k.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(k.strip());
        } catch (NumberFormatException e) {
            throw new FieldRuleViolation("k", badKKey, k, min, max);
        }
    }

    /** The message a run form shows for a refused start: the rule broken, or the run in progress. */
    public static String formError(RuntimeException refusal, MessageSource messages, String inProgressKey, Locale locale) {
        if (refusal instanceof RunInProgress e) {
            return messages.getMessage(inProgressKey, new Object[] {e.runningId()}, locale);
        }
        FieldRuleViolation e = (FieldRuleViolation) refusal;
        return messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale);
    }
}
