package io.insurecrm.engagement.web;

import io.insurecrm.engagement.Channel;
import io.insurecrm.engagement.EngagementMessages;
import io.insurecrm.engagement.EngagementRefused;
import io.insurecrm.engagement.EngagementTask;
import io.insurecrm.engagement.EngagementTicket;
import io.insurecrm.engagement.EngagementTickets;
import io.insurecrm.engagement.EngagementTasks;
import io.insurecrm.engagement.EngagementTrigger;
import io.insurecrm.engagement.EngagementTriggers;
import io.insurecrm.engagement.MessageLog;
import io.insurecrm.engagement.MessageTemplate;
import io.insurecrm.engagement.MessageTemplates;
import io.insurecrm.engagement.Occasion;
import io.insurecrm.engagement.TaskKind;
import io.insurecrm.engagement.TriggerChange;
import io.insurecrm.engagement.TriggerScan;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Engagement over the API: tasks, triggers, the dry run, templates, a customer's message log and opt-outs. */
@RestController
@RequestMapping("/api/engagement")
@Tag(name = "Engagement", description = "Triggers, tasks, templates, the outbox's message log (docs/engagement.md)")
class EngagementApi {

    private final EngagementTasks tasks;
    private final EngagementTickets tickets;
    private final EngagementTriggers triggers;
    private final TriggerScan scan;
    private final MessageTemplates templates;
    private final MessageLog log;
    private final EngagementMessages messages;
    private final AccessAudit audit;
    private final MessageSource texts;
    private final Clock clock;

    EngagementApi(EngagementTasks tasks, EngagementTickets tickets, EngagementTriggers triggers, TriggerScan scan, MessageTemplates templates,
                  MessageLog log, EngagementMessages messages, AccessAudit audit, MessageSource texts, Clock clock) {
        this.tasks = tasks;
        this.tickets = tickets;
        this.triggers = triggers;
        this.scan = scan;
        this.templates = templates;
        this.log = log;
        this.messages = messages;
        this.audit = audit;
        this.texts = texts;
        this.clock = clock;
    }

    record OpenTask(Long customerId, TaskKind kind, String reason, LocalDate due) {
    }

    record Completion(String outcome) {
    }

    record Reschedule(LocalDate due) {
    }

    record Reassignment(Long agentId) {
    }

    record TemplateText(String subject, String body) {
    }

    record OptOut(Long customerId, Channel channel, String source) {
    }

    record OpenTicket(Long customerId, String kind, String subject) {
    }

    record Resolution(String resolution) {
    }

    record SurveyAnswer(String occasionKey, Integer score, String comment) {
    }

    record DryRunTrigger(String code, String anchor, int offsetDays, List<Occasion> occasions) {
    }

    @GetMapping("/tasks")
    @Operation(summary = "The caller's open tasks by due date (branch managers: the branch's escalated tasks)")
    List<EngagementTask> myTasks() {
        return tasks.queue(staff());
    }

    @PostMapping("/tasks")
    @Operation(summary = "Open a task for the customer's agent or advisor")
    ResponseEntity<EngagementTask> open(@RequestBody OpenTask body) {
        DataScope scope = CurrentStaff.scope();
        if (body.customerId() == null) {
            throw EngagementRefused.of("customerId", "engagement.customer.missing");
        }
        log.ofCustomer(body.customerId(), scope); // not found outside the scope
        long id = tasks.open(body.customerId(), body.kind(), body.reason(), body.due());
        return ResponseEntity.created(URI.create("/api/engagement/tasks")).body(tasks.find(id, DataScope.all()));
    }

    @PostMapping("/tasks/{taskId}/complete")
    @Operation(summary = "Complete a task, with an optional outcome")
    EngagementTask complete(@PathVariable("taskId") long taskId, @RequestBody(required = false) Completion body) {
        return tasks.complete(taskId, body == null ? null : body.outcome(), CurrentStaff.scope());
    }

    @PostMapping("/tasks/{taskId}/reschedule")
    @Operation(summary = "Move a task's due date (today or later); clears its escalation")
    EngagementTask reschedule(@PathVariable("taskId") long taskId, @RequestBody Reschedule body) {
        return tasks.reschedule(taskId, body.due(), CurrentStaff.scope());
    }

    @PostMapping("/tasks/{taskId}/reassign")
    @Operation(summary = "Give a task to another active agent or advisor of the branch")
    EngagementTask reassign(@PathVariable("taskId") long taskId, @RequestBody Reassignment body) {
        if (body.agentId() == null) {
            throw EngagementRefused.of("agentId", "engagement.task.assignee.invalid", "");
        }
        return tasks.reassign(taskId, body.agentId(), CurrentStaff.scope());
    }

    @GetMapping("/triggers")
    @Operation(summary = "Every trigger with its version")
    List<EngagementTrigger> triggers() {
        return triggers.all();
    }

    @PutMapping("/triggers/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Save a trigger as its next version (audited); 400 names each refused field")
    EngagementTrigger saveTrigger(@PathVariable("code") String code, @RequestBody TriggerChange body) {
        TriggerChange change = new TriggerChange(code, body.anchor(), body.offsetDays(), body.parameter(), body.createTask(),
                body.taskKind(), body.taskDueDays(), body.templateCode(), body.channel(), body.purpose(), body.enabled());
        return triggers.save(change, staff().username());
    }

    @GetMapping("/dry-run")
    @Operation(summary = "Who the date triggers and signals would contact today and why, in the caller's scope; nothing is written")
    List<DryRunTrigger> dryRun() {
        DataScope scope = CurrentStaff.scope();
        return scan.dryRun(LocalDate.now(clock), scope, 200).entrySet().stream()
                .map(e -> new DryRunTrigger(e.getKey().code(), e.getKey().anchor().name(), e.getKey().offsetDays(), e.getValue()))
                .toList();
    }

    @PostMapping("/scan")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Run today's scan now (it fires each occasion once, so a re-run is harmless)")
    TriggerScan.ScanResult runScan() {
        return scan.scan(LocalDate.now(clock));
    }

    @GetMapping("/templates")
    @Operation(summary = "Every message template in both languages")
    List<MessageTemplate> templates() {
        return templates.all();
    }

    @PutMapping("/templates/{code}/{locale}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Save a template (zh-CN or en) as its next version; an unknown variable is refused")
    MessageTemplate saveTemplate(@PathVariable("code") String code, @PathVariable("locale") String locale,
                                 @RequestBody TemplateText body) {
        MessageTemplate saved = templates.save(code, locale, body.subject(), body.body(), staff().username());
        audit.record(AuditAction.RULE_CHANGE, null, List.of("engagement_template." + code + "." + locale),
                "engagement template " + code + " " + locale + " v" + saved.version());
        return saved;
    }

    @GetMapping("/customers/{customerId}/messages")
    @Operation(summary = "A customer's message log, newest first")
    List<MessageLog.Entry> customerMessages(@PathVariable("customerId") long customerId) {
        List<MessageLog.Entry> entries = log.ofCustomer(customerId, CurrentStaff.scope());
        audit.record(AuditAction.VIEW_CUSTOMER_API, customerId, List.of("engagement_message"), null);
        return entries;
    }

    @PostMapping("/opt-outs")
    @Operation(summary = "Record an opt-out (reply TD, unsubscribe link, app setting); honoured by the next dispatch")
    ResponseEntity<Void> optOut(@RequestBody OptOut body) {
        if (body.customerId() == null || body.channel() == null) {
            throw EngagementRefused.of("channel", "engagement.customer.notFound", String.valueOf(body.customerId()));
        }
        log.ofCustomer(body.customerId(), CurrentStaff.scope());
        messages.optOut(body.customerId(), body.channel(), body.source() == null ? "staff" : body.source());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tickets")
    @Operation(summary = "Open service tickets in the caller's scope, most urgent first")
    List<EngagementTicket> tickets() {
        return tickets.open(CurrentStaff.scope());
    }

    @PostMapping("/tickets")
    @Operation(summary = "Open a complaint or service request (recorded as an interaction), due after its SLA")
    ResponseEntity<EngagementTicket> openTicket(@RequestBody OpenTicket body) {
        if (body.customerId() == null) {
            throw EngagementRefused.of("customerId", "engagement.customer.missing");
        }
        EngagementTicket ticket = tickets.open(body.customerId(), body.kind(), body.subject(), CurrentStaff.scope());
        return ResponseEntity.created(URI.create("/api/engagement/tickets")).body(ticket);
    }

    @PostMapping("/tickets/{ticketId}/resolve")
    @Operation(summary = "Resolve a ticket with what was done")
    EngagementTicket resolveTicket(@PathVariable("ticketId") long ticketId, @RequestBody Resolution body) {
        return tickets.resolve(ticketId, body.resolution(), CurrentStaff.scope());
    }

    @PostMapping("/surveys/answers")
    @Operation(summary = "Record an NPS answer (0-10) to a survey sent under an occasion key, as a SURVEY interaction")
    ResponseEntity<Map<String, Long>> answer(@RequestBody SurveyAnswer body) {
        if (body.score() == null) {
            throw EngagementRefused.of("score", "engagement.survey.score.range", "");
        }
        long interaction = tickets.answerSurvey(body.occasionKey(), body.score(), body.comment());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("interactionId", interaction));
    }

    @ExceptionHandler(EngagementRefused.class)
    ProblemDetail refused(EngagementRefused e, Locale locale) {
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("field", p.field(), "code", p.code(),
                        "message", texts.getMessage(p.code(), p.arguments().toArray(), p.code(), locale)))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(m -> m.get("field") + ": " + m.get("message")).toList()));
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Refused");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static StaffPrincipal staff() {
        return CurrentStaff.get().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
