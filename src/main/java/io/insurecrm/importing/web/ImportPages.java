package io.insurecrm.importing.web;

import io.insurecrm.importing.ImportJob;
import io.insurecrm.importing.ImportManagement;
import io.insurecrm.importing.ImportRequester;
import io.insurecrm.importing.ImportRowError;
import io.insurecrm.importing.ImportStatus;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.platform.web.Paged;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages: the import jobs with the upload form, and one job with its dry run, invalid rows and progress. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BRANCH_MANAGER')")
class ImportPages {

    private final ImportManagement imports;

    ImportPages(ImportManagement imports) {
        this.imports = imports;
    }

    @GetMapping("/imports")
    String list(Model model) {
        return list(new UploadForm("customers", "AUTO", null), model);
    }

    private String list(UploadForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("jobs", imports.jobs(CurrentStaff.scope(), 50));
        model.addAttribute("profiles", imports.profileNames());
        return "importing/list";
    }

    @PostMapping("/imports")
    String upload(@Valid @ModelAttribute("form") UploadForm form, BindingResult errors, Model model,
                  @RequestHeader(value = "HX-Request", required = false) String htmx,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (form.file() == null || form.file().isEmpty()) {
            errors.rejectValue("file", "import.file.required");
        }
        if (errors.hasErrors()) {
            return list(form, model);
        }
        StaffPrincipal staff = CurrentStaff.get().orElseThrow();
        ImportJob job;
        try (InputStream in = form.file().getInputStream()) {
            job = imports.upload(form.file().getOriginalFilename(), in, form.profile(), form.encoding(),
                    new ImportRequester(staff.username(), staff.scope()));
        } catch (FieldRuleViolation violation) {
            violation.rejectOn(errors);
            return list(form, model);
        }
        if (htmx != null) {
            // an XHR follows a 302 silently and htmx would swap the job page into the form: tell htmx to navigate
            response.setHeader("HX-Redirect", request.getContextPath() + "/imports/" + job.id());
            return list(form, model);
        }
        return "redirect:/imports/" + job.id();
    }

    @GetMapping("/imports/{id}")
    String job(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        ImportJob job = imports.job(id, CurrentStaff.scope());
        Paged<ImportRowError> errors = imports.errors(id, page, 50, CurrentStaff.scope());
        model.addAttribute("job", job);
        model.addAttribute("errors", errors.map(e -> new ErrorLine(e, imports.reasonText(e, LocaleContextHolder.getLocale()))));
        model.addAttribute("failure", imports.failureText(job, LocaleContextHolder.getLocale()));
        model.addAttribute("earlier", imports.earlierCommitOfSameFile(job).orElse(null));
        return "importing/job";
    }

    /** The progress bar, polled by htmx while the job commits; a finished job reloads the page. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        ImportJob job = imports.job(id, CurrentStaff.scope());
        if (job.status() != ImportStatus.COMMITTING) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("job", job);
        return "importing/job :: progress";
    }

    @PostMapping("/imports/{id}/commit")
    String commit(@PathVariable long id, RedirectAttributes redirect) {
        imports.startCommit(id, CurrentStaff.scope());
        redirect.addFlashAttribute("notice", "import.commit.started");
        return "redirect:/imports/" + id;
    }

    @PostMapping("/imports/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        imports.cancel(id, CurrentStaff.scope());
        redirect.addFlashAttribute("notice", "import.cancelled");
        return "redirect:/imports/" + id;
    }

    @GetMapping("/imports/{id}/errors")
    void errorFile(@PathVariable long id, HttpServletResponse response) throws IOException {
        sendErrorFile(imports, imports.job(id, CurrentStaff.scope()), response);
    }

    @ExceptionHandler(IllegalStateTransitionException.class)
    String illegal(IllegalStateTransitionException e, HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", "import.illegalTransition");
        String path = request.getRequestURI().replaceAll("/(commit|cancel)$", "");
        return "redirect:" + path.substring(request.getContextPath().length());
    }

    static void sendErrorFile(ImportManagement imports, ImportJob job, HttpServletResponse response) throws IOException {
        String name = imports.errorFileName(job);
        response.setContentType("XLSX".equals(job.fileFormat())
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        imports.writeErrorFile(job.id(), response.getOutputStream(), LocaleContextHolder.getLocale(), CurrentStaff.scope());
        response.flushBuffer();
    }

    /** An invalid row's reason in the page's language. */
    record ErrorLine(ImportRowError error, String reason) {
    }
}
