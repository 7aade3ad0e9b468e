package io.insurecrm.metrics.web;

import io.insurecrm.metrics.AnalystCustomerList;
import io.insurecrm.metrics.AnalystCustomerQuery;
import io.insurecrm.metrics.AnalystModel;
import io.insurecrm.metrics.AnalystModelBuildInProgress;
import io.insurecrm.metrics.ModelBuild;
import io.insurecrm.metrics.PseudonymousCustomer;
import io.insurecrm.metrics.PseudonymousCustomers;
import io.insurecrm.platform.security.CurrentStaff;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.insurecrm.platform.web.NotFoundException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pseudonymised customer list for analysts over the API (docs/privacy.md section 7). */
@RestController
@Tag(name = "Analytics", description = "De-identified customer-level data for analysts: keyed pseudonyms, generalised "
        + "quasi-identifiers (k-anonymous), analytic attributes in bands; only customers with ANALYTICS consent")
class AnalystCustomerApi {

    private final PseudonymousCustomers customers;
    private final AnalystModel model;
    private final MessageSource messages;

    AnalystCustomerApi(PseudonymousCustomers customers, AnalystModel model, MessageSource messages) {
        this.customers = customers;
        this.model = model;
        this.messages = messages;
    }

    record Listing(List<PseudonymousCustomer> rows, int page, int size, long total, int totalPages,
                   @Schema(description = "customers in scope") long inScope,
                   @Schema(description = "left out: latest ANALYTICS consent not a grant") long withoutConsent,
                   @Schema(description = "consenting customers in the list (all pages, no filter)") long published,
                   @Schema(description = "of those, shown with the region generalised (*)") long generalised,
                   @Schema(description = "left out: fewer than k share age band and gender even without the region") long suppressed,
                   int k,
                   @Schema(description = "when the stored list was built (start of its rebuild); null before the first") Instant asOf) {
        static Listing of(AnalystCustomerList list) {
            return new Listing(list.page().content(), list.page().page(), list.page().size(), list.page().total(),
                    list.page().totalPages(), list.inScope(), list.withoutConsent(), list.published(), list.generalised(),
                    list.suppressed(), list.k(), list.asOf());
        }
    }

    /** The stored list: what readers see (null before the first rebuild), the rebuild running, the latest rebuild. */
    record ModelStatus(AnalystModel.Current current, ModelBuild running, ModelBuild latest) {
    }

    /** Why the list is rebuilt now (1–200 characters): recorded with the rebuild. */
    record RebuildRequest(String reason) {
    }

    @GetMapping("/api/analytics/customers")
    @PreAuthorize("hasAnyRole('ANALYST','COMPLIANCE','ADMIN')")
    @Operation(summary = "Pseudonymised customers (one row each, no direct identifiers)",
            description = "Only customers whose latest ANALYTICS consent is a grant. The pseudonym is stable (HMAC of the "
                    + "customer id under crm.analytics.pseudonym-key). Quasi-identifiers (age band, gender, region) are "
                    + "k-anonymous over the whole list: a region shared by fewer than k customers of the same age band "
                    + "and gender is generalised (null), and a customer whose age band and gender fewer than k share even "
                    + "then is left out (counted in suppressed). Filters match published values only. Recorded in the "
                    + "access audit as a listing.")
    @ApiResponse(responseCode = "400", description = "A bad filter, sort or page (problem naming the parameter)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Listing list(@Parameter(description = "DIMENSION:SEGMENT, e.g. VALUE:HIGH") @RequestParam(required = false) String segment,
                 @Parameter(description = "a tag, e.g. HIGH_VALUE") @RequestParam(required = false) String tag,
                 @Parameter(description = "region (province) code, e.g. 44") @RequestParam(required = false) String region,
                 @Parameter(description = "branch id") @RequestParam(required = false) Long branch,
                 @Parameter(description = "acquisition channel: AGENT, BANCASSURANCE, ONLINE, TELESALES, BROKER")
                 @RequestParam(required = false) String channel,
                 @Parameter(description = "0-9, 10-19 … 80-89, 90+") @RequestParam(required = false) String ageBand,
                 @Parameter(description = "keyed (default) | age | region | policies | premium | claims | tenure")
                 @RequestParam(required = false) String sort,
                 @Parameter(description = "asc (default) | desc") @RequestParam(required = false) String direction,
                 @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                 Locale locale) {
        AnalystCustomerQuery query = AnalystCustomerQuery.of(segment, tag, region, branch, channel, ageBand, sort, direction,
                page, size);
        return Listing.of(customers.page(query, CurrentStaff.scope(), locale));
    }

    @GetMapping("/api/analytics/customers/model")
    @PreAuthorize("hasAnyRole('ANALYST','COMPLIANCE','ADMIN')")
    @Operation(summary = "The stored list behind /api/analytics/customers: when it was built, the rebuild running, the latest")
    ModelStatus model() {
        return new ModelStatus(model.current().orElse(null), model.running().orElse(null), model.latest().orElse(null));
    }

    @GetMapping("/api/analytics/customers/model/builds/{buildId}")
    @PreAuthorize("hasAnyRole('ANALYST','COMPLIANCE','ADMIN')")
    @Operation(summary = "One rebuild of the stored list: status, phase, progress, error")
    @ApiResponse(responseCode = "404", description = "No such rebuild")
    ModelBuild build(@PathVariable("buildId") long buildId) {
        return model.build(buildId).orElseThrow(() -> NotFoundException.of("analytics.model.notFound", buildId));
    }

    @PostMapping("/api/analytics/customers/model/builds")
    @PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
    @Operation(summary = "Rebuild the stored list now, in the background (one at a time); poll GET /model/builds/{buildId}",
            description = "Body {\"reason\": \"...\"}. The list keeps serving the previous build until the new one is "
                    + "complete; a failed rebuild leaves it as it was. Idempotent: the same book gives the same rows.")
    @ApiResponse(responseCode = "202", description = "The rebuild, RUNNING")
    @ApiResponse(responseCode = "400", description = "No reason, or one longer than 200 characters",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "A rebuild is running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ModelBuild> rebuild(@RequestBody(required = false) RebuildRequest body) {
        String by = CurrentStaff.username();
        String reason = ModelBuild.reason(body == null ? null : body.reason());
        ModelBuild build = model.start(ModelBuild.Trigger.MANUAL, reason, by);
        return ResponseEntity.accepted().location(URI.create("/api/analytics/customers/model/builds/" + build.id()))
                .body(build);
    }

    @ExceptionHandler(AnalystModelBuildInProgress.class)
    ProblemDetail inProgress(AnalystModelBuildInProgress e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage("analytics.model.inProgress", new Object[] {e.runningId()}, locale));
        problem.setType(URI.create("urn:insurecrm:problem:analyst-list-rebuild-in-progress"));
        problem.setTitle("A rebuild of the analysts' list is running");
        problem.setProperty("runningId", e.runningId());
        return problem;
    }
}
