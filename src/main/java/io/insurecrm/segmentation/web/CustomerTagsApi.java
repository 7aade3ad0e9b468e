package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.segmentation.CustomerTag;
import io.insurecrm.segmentation.CustomerTags;
import io.insurecrm.segmentation.InvalidSegmentRules;
import io.insurecrm.segmentation.RuleSaveNote;
import io.insurecrm.segmentation.RuleVersion;
import io.insurecrm.segmentation.SegmentPreviews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A customer's tags (RISK, VALUE, NEED) over the API; the tag rules. */
@RestController
@Tag(name = "Customer tags", description = "Tags in three dimensions — RISK, VALUE, NEED — from versioned tag rules or set by "
        + "hand with author and note (docs/segmentation.md)")
class CustomerTagsApi {

    private final CustomerTags tags;
    private final AccessAudit audit;
    private final MessageSource messages;
    private final SegmentPreviews previews;
    private final SmallCellRule smallCells;

    CustomerTagsApi(CustomerTags tags, AccessAudit audit, MessageSource messages, SegmentPreviews previews,
                    SmallCellRule smallCells) {
        this.tags = tags;
        this.previews = previews;
        this.audit = audit;
        this.messages = messages;
        this.smallCells = smallCells;
    }

    record NewTag(String dimension, String tag, String note) {
    }

    @GetMapping("/api/customers/{customerId}/tags")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','COMPLIANCE','ADMIN')")
    @Operation(summary = "The customer's current tags, each with its source (RULE with a reason, or MANUAL with author and note)")
    @ApiResponse(responseCode = "404", description = "No such customer in the caller's scope")
    List<CustomerTag> list(@PathVariable("customerId") long customerId) {
        List<CustomerTag> current = tags.current(customerId, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("tags"), null);
        return current;
    }

    @PostMapping("/api/customers/{customerId}/tags")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Set a tag by hand: dimension RISK, VALUE or NEED, an upper-case name, a note saying why")
    @ApiResponse(responseCode = "201", description = "The tag set")
    @ApiResponse(responseCode = "400", description = "Bad dimension, name or note, or the tag is set already")
    ResponseEntity<CustomerTag> add(@PathVariable("customerId") long customerId, @RequestBody NewTag body) {
        String by = CurrentStaff.username();
        CustomerTag tag = tags.add(customerId, body.dimension(), body.tag(), body.note(), by, CurrentStaff.scope());
        return ResponseEntity.created(URI.create("/api/customers/" + customerId + "/tags")).body(tag);
    }

    @DeleteMapping("/api/customers/{customerId}/tags/{tagId}")
    @PreAuthorize("hasAnyRole('AGENT','ADVISOR','BRANCH_MANAGER','ADMIN')")
    @Operation(summary = "Remove a manual tag (rule tags follow their rules)")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No such current manual tag of a customer in the caller's scope")
    ResponseEntity<Void> remove(@PathVariable("customerId") long customerId, @PathVariable("tagId") long tagId) {
        String by = CurrentStaff.username();
        tags.remove(customerId, tagId, by, CurrentStaff.scope());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/segments/tag-rules")
    @Operation(summary = "The active tag rules and their version")
    Map<String, Object> rules() {
        return tags.activeRules();
    }

    @GetMapping("/api/segments/tag-rules/versions")
    @Operation(summary = "Every saved version of the tag rules, newest first: who saved it, when and why")
    List<RuleVersion> versions() {
        return tags.versions();
    }

    @PostMapping("/api/segments/tag-rules")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Save the tag rules as the next version; the book's rule tags follow at the recompute after it",
            description = "The body is the rules object as GET returns it under `rules`, with `basedOnVersion` (the version "
                    + "the change was made from) and `reason` (1–500 characters) beside its fields.")
    @ApiResponse(responseCode = "201", description = "Saved")
    @ApiResponse(responseCode = "400", description = "Invalid rules, or no basedOnVersion or reason (RFC 9457 problem with `errors`)")
    @ApiResponse(responseCode = "409", description = StaleRuleVersion.API_409)
    ResponseEntity<Map<String, Object>> saveRules(@RequestBody Map<String, Object> body) {
        String by = CurrentStaff.username();
        RuleSaveNote.Split split = RuleSaveNote.split(body);
        int version = tags.saveRules(split.rules(), by, split.note());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("tag_rule_set"), "tag rules v" + version);
        return ResponseEntity.created(URI.create("/api/segments/tag-rules")).body(Map.of("version", version));
    }

    @PostMapping("/api/segments/tag-rules/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "What-if for proposed tag rules, in the background: per tag, the customers in scope who have it now, "
            + "would have it, would gain and would lose it (from their current placements); nothing saved",
            description = "Checked at once (400, nothing started); answered at once when it finishes within about a second "
                    + "(200, DONE), else 202, RUNNING, with the Location to follow it at GET /api/segments/tag-rules/preview/{previewId}. "
                    + "The limits of POST /api/segments/rules/{dimension}/preview apply (one running per user, a few per instance).")
    @ApiResponse(responseCode = "200", description = "The preview, finished within about a second: DONE with its `tags` (or FAILED)")
    @ApiResponse(responseCode = "202", description = "The preview, RUNNING; Location: where to follow it")
    @ApiResponse(responseCode = "400", description = "Invalid rules (RFC 9457 problem with `errors`); nothing started")
    @ApiResponse(responseCode = "409", description = "Your previous preview is still running (its Location in `running`)")
    @ApiResponse(responseCode = "429", description = "As many previews as the instance runs at once are running; Retry-After")
    ResponseEntity<PreviewView> previewRules(@RequestBody Map<String, Object> body) {
        return PreviewAnswers.started(previews.startTags(body, CurrentStaff.scope(), PreviewAnswers.user()), smallCells);
    }

    @GetMapping("/api/segments/tag-rules/preview/{previewId}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "A tag-rule preview you asked for: RUNNING (elapsed so far), DONE (`tags`) or FAILED (`failure`); "
            + "`rulesNow` says whether other tag rules (or these) were saved since")
    @ApiResponse(responseCode = "200", description = "The preview")
    @ApiResponse(responseCode = "404", description = "No such preview of yours (or no longer kept)")
    PreviewView previewStatus(@PathVariable("previewId") String previewId) {
        return previews.find(SegmentPreviews.TAGS, previewId, PreviewAnswers.user()).map(p -> PreviewView.of(p, smallCells))
                .orElseThrow(() -> NotFoundException.of("segmentation.preview.notFound", previewId));
    }

    @ExceptionHandler(SegmentPreviews.Refused.class)
    ResponseEntity<ProblemDetail> previewRefused(SegmentPreviews.Refused refused, Locale locale) {
        return PreviewAnswers.refused(refused, messages, locale);
    }

    @ExceptionHandler(InvalidSegmentRules.class)
    ProblemDetail invalid(InvalidSegmentRules e, Locale locale) {
        return RuleSaveAnswers.invalid(e, messages, locale);
    }

}
