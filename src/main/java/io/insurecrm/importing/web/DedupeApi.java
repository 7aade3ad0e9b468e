package io.insurecrm.importing.web;

import io.insurecrm.importing.CustomerMerges;
import io.insurecrm.importing.Deduplication;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.platform.web.Paged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/dedupe")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Duplicate customers", description = "Candidate pairs with scores and reasons, the whole-book run, merge "
        + "with survivorship rules, merge history and unmerge (docs/importing.md)")
class DedupeApi {

    private final Deduplication deduplication;
    private final CustomerMerges merges;

    DedupeApi(Deduplication deduplication, CustomerMerges merges) {
        this.deduplication = deduplication;
        this.merges = merges;
    }

    @Operation(summary = "Runs the whole-book detection now (set-based; minutes on a large book)")
    @PostMapping("/runs")
    Deduplication.RunResult run() {
        return deduplication.runBatch();
    }

    @Operation(summary = "Candidate pairs of a status (OPEN, MERGED, DISMISSED), best score first")
    @GetMapping("/candidates")
    Paged<Deduplication.Candidate> candidates(@RequestParam(defaultValue = "OPEN") String status,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "50") int size) {
        return deduplication.candidates(status, page, size);
    }

    @GetMapping("/candidates/{id}")
    Deduplication.Candidate candidate(@PathVariable long id) {
        return deduplication.candidate(id).orElseThrow(() -> NotFoundException.of("dedupe.candidate.notFound", id));
    }

    @Operation(summary = "Merges the pair, keeping survivorId (one of the pair)")
    @PostMapping("/candidates/{id}/merge")
    @ResponseStatus(HttpStatus.CREATED)
    CustomerMerges.Merge merge(@PathVariable long id, @RequestParam long survivorId) {
        return merges.mergeCandidate(id, survivorId, actor());
    }

    @Operation(summary = "Marks the pair as two different people; later runs leave it dismissed")
    @PostMapping("/candidates/{id}/dismiss")
    Deduplication.Candidate dismiss(@PathVariable long id) {
        return deduplication.dismiss(id, actor());
    }

    @GetMapping("/merges")
    Paged<CustomerMerges.Merge> mergeHistory(@RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        return merges.merges(page, size);
    }

    @GetMapping("/merges/{id}")
    CustomerMerges.Merge mergeById(@PathVariable long id) {
        return merges.merge(id);
    }

    @Operation(summary = "Undoes a merge: both customers and every moved link as they were before it")
    @PostMapping("/merges/{id}/unmerge")
    CustomerMerges.Merge unmerge(@PathVariable long id) {
        return merges.unmerge(id, actor());
    }

    @GetMapping("/rules")
    List<Deduplication.Rule> rules() {
        return deduplication.rules();
    }

    record RuleBody(boolean enabled, BigDecimal weight) {
    }

    @Operation(summary = "Switches a match or evidence rule on or off and sets its weight (0..1)")
    @PutMapping("/rules/{code}")
    Deduplication.Rule saveRule(@PathVariable String code, @RequestBody RuleBody body) {
        return deduplication.saveRule(code, body.enabled(), body.weight());
    }

    @GetMapping("/survivorship")
    Map<String, String> survivorship() {
        return merges.survivorship();
    }

    record SurvivorshipBody(String rule) {
    }

    @Operation(summary = "Which value wins for a field: SURVIVOR, MERGED, MOST_RECENT or SURVIVOR_UNLESS_BLANK")
    @PutMapping("/survivorship/{field}")
    Map<String, String> saveSurvivorship(@PathVariable String field, @RequestBody SurvivorshipBody body) {
        merges.saveSurvivorship(field, body.rule());
        return merges.survivorship();
    }

    static String actor() {
        return CurrentStaff.username();
    }
}
