package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilClusterRun;
import io.insurecrm.coil.CoilClusterRunInProgress;
import io.insurecrm.coil.CoilClusters;
import io.insurecrm.coil.CoilSegments;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.RunEndpoints;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.coil.CoilFileRefused;
import io.insurecrm.coil.CoilSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/coil")
@Tag(name = "CoIL 2000 book", description = "The CoIL Challenge 2000 insurer's book (research use; cite van der Putten & van Someren 2000)")
class CoilApi {

    private final CoilBook book;
    private final SmallCellRule smallCells;
    private final CoilClusters clusters;
    private final MessageSource messages;

    CoilApi(CoilBook book, SmallCellRule smallCells, CoilClusters clusters, MessageSource messages) {
        this.book = book;
        this.smallCells = smallCells;
        this.clusters = clusters;
        this.messages = messages;
    }

    /** Why the run is asked for (required), and k (2–12; absent = chosen by the silhouette over the configured range). */
    record RunRequest(String reason, Integer k) {
    }

    @GetMapping("/segments")
    @Operation(summary = "Customers, holders, policies, 客均合同 (policies per holder) and the mean estimated annual premium "
            + "(benchmark currency NLG, not CNY) per need cluster of the current run (its id is the version) and per value "
            + "band; each breakdown adds up to the summary's ALL. For analysts a segment of fewer than k customers (and the next "
            + "smallest when it would be the only one) has suppressed = true and null figures")
    CoilSegments segments() {
        return clusters.segments().withSmallCellsWithheld(smallCells);
    }

    @GetMapping("/clusters/runs")
    @Operation(summary = "The latest 20 need-cluster runs of the CoIL book, newest first")
    List<CoilClusterRun> runs() {
        return clusters.runs(20);
    }

    @GetMapping("/clusters/runs/{runId}")
    @Operation(summary = "One need-cluster run with its clusters named in both languages (an UNCHANGED run: those of the run it matched)")
    @ApiResponse(responseCode = "404", description = "No such run")
    CoilClusterViews run(@PathVariable("runId") long runId) {
        CoilClusterRun run = RunEndpoints.found(clusters.run(runId), "coil.clusters.runNotFound", runId);
        return CoilClusterViews.of(run, clusters);
    }

    @PostMapping("/clusters/runs")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @Operation(summary = "Cluster the CoIL book again in the background (one run at a time); poll GET /clusters/runs/{runId}",
            description = "Body {\"reason\": \"...\", \"k\": 6}; k may be left out (chosen by the silhouette). The same book, "
                    + "seed and settings as the current run end UNCHANGED: nothing is rewritten.")
    @ApiResponse(responseCode = "202", description = "The run, RUNNING")
    @ApiResponse(responseCode = "400", description = "No reason, or k outside 2–12")
    @ApiResponse(responseCode = "409", description = "Another run is in progress")
    ResponseEntity<CoilClusterRun> start(@RequestBody RunRequest body) {
        String reason = body == null ? null : body.reason();
        Integer k = body == null ? null : body.k();
        CoilClusters.validate(k, reason);
        CoilClusterRun run = clusters.start(k, reason, CurrentStaff.username());
        return RunEndpoints.accepted("/api/coil/clusters/runs", run.id(), run);
    }

    @ExceptionHandler(CoilClusterRunInProgress.class)
    ProblemDetail inProgress(CoilClusterRunInProgress e, Locale locale) {
        return RunEndpoints.inProgress(e, messages, "coil.clusters.inProgress", locale,
                "urn:insurecrm:problem:coil-cluster-run-in-progress", "A CoIL cluster run is in progress");
    }

    @GetMapping("/summary")
    @Operation(summary = "Customers, holders of at least one policy, policies and 客均合同 (policies per holder) for "
            + "TRAIN, EVAL and ALL; holdings per product; figures per customer main type (MOSHOOFD). For analysts a product "
            + "or main type of fewer than k customers (and the next smallest when it would be the only one) has "
            + "suppressed = true and null figures (docs/privacy.md section 7)")
    CoilSummary summary() {
        return book.summary().withSmallCellsWithheld(smallCells);
    }

    @PostMapping("/load")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Load (or reload: nothing changes when the files did not) the CoIL files from crm.coil.dir")
    CoilBook.LoadResult load() {
        return book.load();
    }

    @ExceptionHandler(CoilFileRefused.class)
    ProblemDetail refused(CoilFileRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:insurecrm:problem:coil-file-refused"));
        problem.setTitle("CoIL file refused");
        return problem;
    }
}
