package io.insurecrm.engagement.web;

import io.insurecrm.engagement.Anchor;
import io.insurecrm.engagement.Channel;
import io.insurecrm.engagement.EngagementRefused;
import io.insurecrm.engagement.EngagementTasks;
import io.insurecrm.engagement.EngagementTickets;
import io.insurecrm.engagement.EngagementTrigger;
import io.insurecrm.engagement.EngagementTriggers;
import io.insurecrm.engagement.MessageLog;
import io.insurecrm.engagement.MessagePurpose;
import io.insurecrm.engagement.MessageTemplate;
import io.insurecrm.engagement.MessageTemplates;
import io.insurecrm.engagement.RuleProblem;
import io.insurecrm.engagement.TaskKind;
import io.insurecrm.engagement.TriggerChange;
import io.insurecrm.engagement.TriggerScan;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /engagement: my tasks, the trigger editor, today's dry run, the message log and the templates. */
@Controller
class EngagementPages {

    private static final int DRY_RUN_LIMIT = 50;

    private final EngagementTasks tasks;
    private final EngagementTickets tickets;
    private final EngagementTriggers triggers;
    private final TriggerScan scan;
    private final MessageTemplates templates;
    private final MessageLog log;
    private final AccessAudit audit;
    private final Clock clock;

    EngagementPages(EngagementTasks tasks, EngagementTickets tickets, EngagementTriggers triggers, TriggerScan scan, MessageTemplates templates,
                    MessageLog log, AccessAudit audit, Clock clock) {
        this.tasks = tasks;
        this.tickets = tickets;
        this.triggers = triggers;
        this.scan = scan;
        this.templates = templates;
        this.log = log;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/engagement")
    String home() {
        return "redirect:/engagement/tasks";
    }

    @GetMapping("/engagement/tasks")
    String myTasks(Model model) {
        model.addAttribute("tasks", tasks.queue(staff()));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("tab", "tasks");
        return "engagement/tasks";
    }

    @PostMapping("/engagement/tasks/{taskId}/complete")
    String complete(@PathVariable("taskId") long taskId, @RequestParam(name = "outcome", required = false) String outcome,
                    RedirectAttributes redirect) {
        return refusedOr(redirect, () -> tasks.complete(taskId, outcome, CurrentStaff.scope()));
    }

    @PostMapping("/engagement/tasks/{taskId}/reschedule")
    String reschedule(@PathVariable("taskId") long taskId,
                      @RequestParam(name = "due", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
                      RedirectAttributes redirect) {
        return refusedOr(redirect, () -> tasks.reschedule(taskId, due, CurrentStaff.scope()));
    }

    @PostMapping("/engagement/tasks/{taskId}/reassign")
    String reassign(@PathVariable("taskId") long taskId, @RequestParam(name = "agentId", required = false) Long agentId,
                    RedirectAttributes redirect) {
        return refusedOr(redirect, () -> tasks.reassign(taskId, agentId == null ? -1 : agentId, CurrentStaff.scope()));
    }

    private static String refusedOr(RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (EngagementRefused e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/engagement/tasks";
    }

    @GetMapping("/engagement/tickets")
    String tickets(Model model) {
        model.addAttribute("tickets", tickets.open(CurrentStaff.scope()));
        model.addAttribute("kinds", EngagementTickets.KINDS);
        model.addAttribute("now", clock.instant());
        model.addAttribute("tab", "tickets");
        return "engagement/tickets";
    }

    @PostMapping("/engagement/tickets")
    String openTicket(@RequestParam(name = "customerId", required = false) Long customerId,
                      @RequestParam(name = "kind", required = false) String kind,
                      @RequestParam(name = "subject", required = false) String subject, RedirectAttributes redirect) {
        try {
            tickets.open(customerId == null ? -1 : customerId, kind, subject, CurrentStaff.scope());
        } catch (EngagementRefused e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/engagement/tickets";
    }

    @PostMapping("/engagement/tickets/{ticketId}/resolve")
    String resolveTicket(@PathVariable("ticketId") long ticketId,
                         @RequestParam(name = "resolution", required = false) String resolution, RedirectAttributes redirect) {
        try {
            tickets.resolve(ticketId, resolution, CurrentStaff.scope());
        } catch (EngagementRefused e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/engagement/tickets";
    }

    @GetMapping("/engagement/triggers")
    String triggers(Model model) {
        model.addAttribute("triggers", triggers.all());
        model.addAttribute("anchors", Anchor.values());
        model.addAttribute("taskKinds", TaskKind.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("purposes", List.of(MessagePurpose.SERVICE, MessagePurpose.MARKETING));
        model.addAttribute("templateCodes", templates.all().stream().map(MessageTemplate::code).distinct().toList());
        model.addAttribute("mayEdit", isAdmin());
        model.addAttribute("tab", "triggers");
        return "engagement/triggers";
    }

    @PostMapping("/engagement/triggers")
    @PreAuthorize("hasRole('ADMIN')")
    String saveTrigger(@RequestParam(name = "code", required = false) String code,
                       @RequestParam(name = "anchor", required = false) Anchor anchor,
                       @RequestParam(name = "offsetDays", defaultValue = "0") int offsetDays,
                       @RequestParam(name = "parameter", required = false) Integer parameter,
                       @RequestParam(name = "createTask", defaultValue = "false") boolean createTask,
                       @RequestParam(name = "taskKind", required = false) TaskKind taskKind,
                       @RequestParam(name = "taskDueDays", defaultValue = "7") int taskDueDays,
                       @RequestParam(name = "templateCode", required = false) String templateCode,
                       @RequestParam(name = "channel", required = false) Channel channel,
                       @RequestParam(name = "purpose", required = false) MessagePurpose purpose,
                       @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
                       Model model, RedirectAttributes redirect) {
        try {
            EngagementTrigger saved = triggers.save(new TriggerChange(code, anchor, offsetDays, parameter, createTask,
                    taskKind, taskDueDays, templateCode == null || templateCode.isBlank() ? null : templateCode, channel,
                    purpose, enabled), staff().username());
            redirect.addFlashAttribute("saved", List.of(saved.code(), saved.version()));
            return "redirect:/engagement/triggers";
        } catch (EngagementRefused e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("failedCode", code);
            return triggers(model);
        }
    }

    @GetMapping("/engagement/dry-run")
    String dryRun(Model model) {
        DataScope scope = CurrentStaff.scope();
        model.addAttribute("runs", scan.dryRun(LocalDate.now(clock), scope, DRY_RUN_LIMIT));
        model.addAttribute("limit", DRY_RUN_LIMIT);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("tab", "dry-run");
        return "engagement/dry-run";
    }

    @GetMapping("/engagement/messages")
    String messages(@RequestParam(name = "status", required = false) String status, Model model) {
        String filter = status == null || status.isBlank() ? null : status;
        model.addAttribute("messages", log.recent(filter, CurrentStaff.scope(), 200));
        model.addAttribute("status", filter);
        model.addAttribute("statuses", List.of("QUEUED", "SENT", "PARKED", "SUPPRESSED"));
        model.addAttribute("tab", "messages");
        return "engagement/messages";
    }

    /** The message log panel of the Customer 360 (htmx). */
    @GetMapping("/engagement/fragments/customers/{customerId}/messages")
    String customerMessages(@PathVariable("customerId") long customerId, Model model) {
        model.addAttribute("messages", log.ofCustomer(customerId, CurrentStaff.scope()));
        audit.record(AuditAction.VIEW_CUSTOMER, customerId, List.of("engagement_message"), null);
        return "engagement/messages :: log";
    }

    @GetMapping("/engagement/templates")
    String templates(Model model) {
        model.addAttribute("templates", templates.all());
        model.addAttribute("variables", String.join(", ", MessageTemplate.VARIABLES.stream().sorted().toList()));
        model.addAttribute("mayEdit", isAdmin());
        model.addAttribute("tab", "templates");
        return "engagement/templates";
    }

    @PostMapping("/engagement/templates")
    @PreAuthorize("hasRole('ADMIN')")
    String saveTemplate(@RequestParam(name = "code", required = false) String code,
                        @RequestParam(name = "locale", required = false) String locale,
                        @RequestParam(name = "subject", required = false) String subject,
                        @RequestParam(name = "body", required = false) String body, Model model, RedirectAttributes redirect) {
        try {
            MessageTemplate saved = templates.save(code, locale, subject, body, staff().username());
            audit.record(AuditAction.RULE_CHANGE, null, List.of("engagement_template." + code + "." + locale),
                    "engagement template " + code + " " + locale + " v" + saved.version());
            redirect.addFlashAttribute("saved", List.of(saved.code(), saved.locale(), saved.version()));
            return "redirect:/engagement/templates";
        } catch (EngagementRefused e) {
            List<RuleProblem> problems = e.problems();
            model.addAttribute("problems", problems);
            model.addAttribute("draft", new MessageTemplate(code, locale, subject, body, 0, null, null));
            return templates(model);
        }
    }

    private static boolean isAdmin() {
        return CurrentStaff.get().map(staff -> staff.role() == Role.ADMIN).orElse(false);
    }

    private static StaffPrincipal staff() {
        return CurrentStaff.get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
