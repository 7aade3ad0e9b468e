package io.insurecrm.importing.web;

import io.insurecrm.importing.ImportJob;
import io.insurecrm.importing.ImportManagement;
import io.insurecrm.importing.ImportProfile;
import io.insurecrm.importing.ImportRequester;
import io.insurecrm.importing.ImportRowError;
import io.insurecrm.importing.ImportStatus;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/imports")
@PreAuthorize("hasAnyRole('ADMIN','BRANCH_MANAGER')")
@Tag(name = "Imports", description = "Bulk import of customers and households from CSV (UTF-8 or GBK) and XLSX: "
        + "upload runs a dry run; commit applies it in crash-safe chunks; the same file again changes nothing")
class ImportApi {

    private final ImportManagement imports;

    ImportApi(ImportManagement imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a file and dry-run it: 201 with the job (VALIDATED with counts and invalid rows, "
            + "or FAILED with the reason the file was refused); commit=true commits the valid rows at once")
    ResponseEntity<JobView> upload(@RequestPart("file") MultipartFile file,
                                   @Parameter(description = "import profile (column mapping)") @RequestParam(defaultValue = "customers") String profile,
                                   @Parameter(description = "AUTO, UTF-8 or GBK") @RequestParam(defaultValue = "AUTO") String encoding,
                                   @RequestParam(defaultValue = "false") boolean commit) throws IOException {
        if (file.isEmpty() && file.getOriginalFilename() == null) {
            throw new FieldRuleViolation("file", "import.file.required");
        }
        StaffPrincipal staff = CurrentStaff.get().orElseThrow();
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = imports.upload(file.getOriginalFilename(), in, profile, encoding,
                    new ImportRequester(staff.username(), staff.scope()));
        }
        if (commit && job.status() == ImportStatus.VALIDATED) {
            job = imports.commit(job.id(), staff.scope());
        }
        return ResponseEntity.created(URI.create("/api/imports/" + job.id())).body(view(job));
    }

    @GetMapping
    @Operation(summary = "The latest import jobs the caller may see")
    List<JobView> jobs(@RequestParam(defaultValue = "50") int limit) {
        return imports.jobs(CurrentStaff.scope(), limit).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One job: status, dry-run counts, commit progress")
    JobView job(@PathVariable long id) {
        return view(imports.job(id, CurrentStaff.scope()));
    }

    @GetMapping("/{id}/errors")
    @Operation(summary = "The invalid rows, paged: row number (header = 1), column, value and reason")
    Paged<ErrorView> errors(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "50") int size) {
        return imports.errors(id, page, size, CurrentStaff.scope()).map(this::view);
    }

    @GetMapping(value = "/{id}/errors.csv")
    @Operation(summary = "The invalid rows as a file like the input (CSV, or XLSX for an XLSX upload) with an error "
            + "column; fix it and upload it again")
    void errorFile(@PathVariable long id, HttpServletResponse response) throws IOException {
        ImportJob job = imports.job(id, CurrentStaff.scope());
        ImportPages.sendErrorFile(imports, job, response);
    }

    @PostMapping("/{id}/commit")
    @Operation(summary = "Commit a VALIDATED job, or resume a COMMITTING one that stopped; 202 — poll the job for progress")
    ResponseEntity<JobView> commit(@PathVariable long id) {
        return ResponseEntity.accepted().body(view(imports.startCommit(id, CurrentStaff.scope())));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a job before it is committed; 409 once committing")
    JobView cancel(@PathVariable long id) {
        return view(imports.cancel(id, CurrentStaff.scope()));
    }

    @GetMapping("/profiles/{name}")
    @Operation(summary = "An import profile: which source column header maps to which field")
    ImportProfile profile(@PathVariable String name) {
        return imports.findProfile(name)
                .orElseThrow(() -> io.insurecrm.platform.web.NotFoundException.of("import.profile.unknown", name));
    }

    @PutMapping("/profiles/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create or replace an import profile (administrators)")
    ImportProfile saveProfile(@PathVariable String name, @RequestBody ProfileBody body) {
        imports.saveProfile(new ImportProfile(name, body.entity() == null ? "CUSTOMER" : body.entity(), body.description(),
                body.mapping() == null ? Map.of() : body.mapping()));
        return imports.profile(name);
    }

    record ProfileBody(String entity, String description, Map<String, String> mapping) {
    }

    /** A job with its failure, if any, in the caller's language. */
    record JobView(long id, ImportStatus status, String fileName, String fileFormat, String encoding, String fileSha256,
                   long fileBytes, String profile, int rowsTotal, int rowsInvalid, int rowsToCreate, int rowsToUpdate,
                   int rowsUnchanged, int rowsCreated, int rowsUpdated, int chunksTotal, int chunksDone,
                   int progressPercent, String failure, String createdBy, java.time.Instant createdAt) {
    }

    record ErrorView(int rowNumber, String column, String value, String reason) {
    }

    private JobView view(ImportJob job) {
        return new JobView(job.id(), job.status(), job.fileName(), job.fileFormat(), job.encoding(), job.fileSha256(),
                job.fileBytes(), job.profile(), job.rowsTotal(), job.rowsInvalid(), job.rowsToCreate(), job.rowsToUpdate(),
                job.rowsUnchanged(), job.rowsCreated(), job.rowsUpdated(), job.chunksTotal(), job.chunksDone(),
                job.progressPercent(), imports.failureText(job, LocaleContextHolder.getLocale()), job.createdBy(),
                job.createdAt());
    }

    private ErrorView view(ImportRowError error) {
        return new ErrorView(error.rowNumber(), error.column(), error.value(), imports.reasonText(error, LocaleContextHolder.getLocale()));
    }
}
