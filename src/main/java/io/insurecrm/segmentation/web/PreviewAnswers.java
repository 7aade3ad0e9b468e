package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.segmentation.SegmentPreview;
import io.insurecrm.segmentation.SegmentPreviews;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** How the API answers a what-if preview started in the background, and a preview refused by its limits. */
final class PreviewAnswers {

    /** Seconds a client refused for too many previews is told to wait (Retry-After). */
    static final int RETRY_AFTER_SECONDS = 10;

    private PreviewAnswers() {
    }

    /** The one who asks (previews are his alone). */
    static String user() {
        return CurrentStaff.username();
    }

    /**
     * 202 with the preview RUNNING, or 200 with it DONE or FAILED when it finished within answer-within; both with the
     * Location to GET it from.
     */
    static ResponseEntity<PreviewView> started(SegmentPreview preview, SmallCellRule smallCells) {
        ResponseEntity.BodyBuilder answer = preview.running() ? ResponseEntity.accepted() : ResponseEntity.ok();
        return answer.location(URI.create(location(preview.set(), preview.id()))).body(PreviewView.of(preview, smallCells));
    }

    /** Where a preview of that set (a dimension's name or TAGS) is read. */
    static String location(String set, String id) {
        return (set.equals(SegmentPreviews.TAGS) ? "/api/segments/tag-rules/preview/" : "/api/segments/rules/" + set + "/preview/") + id;
    }

    /** 409 while the caller's own preview runs (its path in runningId), 429 with Retry-After when too many run. */
    static ResponseEntity<ProblemDetail> refused(SegmentPreviews.Refused refused, MessageSource messages, Locale locale) {
        HttpStatus status = refused.tooMany() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.CONFLICT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(refused.key(), refused.args(), locale));
        problem.setType(URI.create("urn:insurecrm:problem:preview-refused"));
        problem.setTitle(refused.tooMany() ? "Too many what-if previews are running" : "Your previous what-if preview is still running");
        problem.setProperty("reasonKey", refused.key());
        if (refused.runningId() != null) {
            problem.setProperty("runningId", refused.runningId());
            problem.setProperty("running", location(refused.runningSet(), refused.runningId()));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (refused.tooMany()) {
            answer.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }
}
