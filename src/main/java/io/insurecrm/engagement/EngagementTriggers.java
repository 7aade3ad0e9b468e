package io.insurecrm.engagement;

import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The triggers: listed, read, and saved as a new version after validation, each change on the audit trail. */
@Service
public class EngagementTriggers {

    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");

    private final JdbcClient jdbc;
    private final MessageTemplates templates;
    private final AccessAudit audit;
    private final Clock clock;

    EngagementTriggers(JdbcClient jdbc, MessageTemplates templates, AccessAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<EngagementTrigger> all() {
        return jdbc.sql("select * from engagement_trigger order by kind, code").query(EngagementTriggers::row).list();
    }

    @Transactional(readOnly = true)
    public Optional<EngagementTrigger> find(String code) {
        return jdbc.sql("select * from engagement_trigger where code = :code").param("code", code)
                .query(EngagementTriggers::row).optional();
    }

    @Transactional(readOnly = true)
    public List<EngagementTrigger> enabled(TriggerKind kind) {
        return jdbc.sql("select * from engagement_trigger where enabled and kind = :kind order by code")
                .param("kind", kind.name()).query(EngagementTriggers::row).list();
    }

    @Transactional(readOnly = true)
    public List<EngagementTrigger> enabled(Anchor anchor) {
        return jdbc.sql("select * from engagement_trigger where enabled and anchor = :anchor order by code")
                .param("anchor", anchor.name()).query(EngagementTriggers::row).list();
    }

    /** Every problem of a proposed trigger; empty means it may be saved. */
    public List<RuleProblem> problems(TriggerChange change) {
        List<RuleProblem> problems = new ArrayList<>();
        if (change.code() == null || !CODE.matcher(change.code()).matches()) {
            problems.add(new RuleProblem("code", "engagement.trigger.code.invalid", String.valueOf(change.code())));
        }
        Anchor anchor = change.anchor();
        if (anchor == null) {
            problems.add(new RuleProblem("anchor", "engagement.trigger.anchor.missing"));
            return problems;
        }
        if (change.offsetDays() < anchor.minOffset() || change.offsetDays() > anchor.maxOffset()) {
            problems.add(new RuleProblem("offsetDays", "engagement.trigger.offset.impossible", change.offsetDays(),
                    anchor.name(), anchor.minOffset(), anchor.maxOffset()));
        }
        if (anchor.takesParameter()) {
            if (change.parameter() == null || change.parameter() < anchor.minParameter() || change.parameter() > anchor.maxParameter()) {
                problems.add(new RuleProblem("parameter", "engagement.trigger.parameter.range", anchor.name(),
                        anchor.minParameter(), anchor.maxParameter()));
            }
        } else if (change.parameter() != null) {
            problems.add(new RuleProblem("parameter", "engagement.trigger.parameter.none", anchor.name()));
        }
        if (change.taskDueDays() < 0 || change.taskDueDays() > 365) {
            problems.add(new RuleProblem("taskDueDays", "engagement.trigger.due.range", 0, 365));
        }
        if (change.createTask() && change.taskKind() == null) {
            problems.add(new RuleProblem("taskKind", "engagement.trigger.taskKind.missing"));
        }
        boolean template = change.templateCode() != null && !change.templateCode().isBlank();
        if (template != (change.channel() != null)) {
            problems.add(new RuleProblem("channel", "engagement.trigger.message.incomplete"));
        }
        if (template) {
            for (String locale : MessageTemplate.LOCALES) {
                if (templates.find(change.templateCode(), locale).isEmpty()) {
                    problems.add(new RuleProblem("templateCode", "engagement.template.notFound", change.templateCode(), locale));
                }
            }
        }
        if (!change.createTask() && !template) {
            problems.add(new RuleProblem("createTask", "engagement.trigger.output.missing"));
        }
        if (change.purpose() == null || change.purpose() == MessagePurpose.AUTH) {
            problems.add(new RuleProblem("purpose", "engagement.trigger.purpose.invalid"));
        }
        return problems;
    }

    /**
     * Saves the trigger as its next version and records the change on the audit trail.
     *
     * @throws EngagementRefused naming each field and reason
     */
    @Transactional
    public EngagementTrigger save(TriggerChange change, String by) {
        List<RuleProblem> problems = problems(change);
        if (!problems.isEmpty()) {
            throw new EngagementRefused(problems);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        String template = change.templateCode() == null || change.templateCode().isBlank() ? null : change.templateCode();
        jdbc.sql("""
                        insert into engagement_trigger (code, kind, anchor, offset_days, parameter, create_task, task_kind,
                               task_due_days, template_code, channel, purpose, enabled, version, updated_at, updated_by)
                        values (:code, :kind, :anchor, :offset, :parameter, :createTask, :taskKind, :due, :template,
                                :channel, :purpose, :enabled, 1, :at, :by)
                        on conflict (code) do update set kind = excluded.kind, anchor = excluded.anchor,
                            offset_days = excluded.offset_days, parameter = excluded.parameter,
                            create_task = excluded.create_task, task_kind = excluded.task_kind,
                            task_due_days = excluded.task_due_days, template_code = excluded.template_code,
                            channel = excluded.channel, purpose = excluded.purpose, enabled = excluded.enabled,
                            version = engagement_trigger.version + 1, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .param("code", change.code()).param("kind", change.anchor().kind().name())
                .param("anchor", change.anchor().name()).param("offset", change.offsetDays())
                .param("parameter", change.parameter(), Types.INTEGER).param("createTask", change.createTask())
                .param("taskKind", change.createTask() ? change.taskKind().name() : null, Types.VARCHAR)
                .param("due", change.taskDueDays()).param("template", template, Types.VARCHAR)
                .param("channel", template == null ? null : change.channel().name(), Types.VARCHAR)
                .param("purpose", change.purpose().name()).param("enabled", change.enabled())
                .param("at", now).param("by", by).update();
        EngagementTrigger saved = find(change.code()).orElseThrow();
        audit.record(AuditAction.RULE_CHANGE, null, List.of("engagement_trigger." + saved.code()),
                "engagement trigger " + saved.code() + " v" + saved.version() + ": " + saved.anchor() + " "
                        + (saved.offsetDays() >= 0 ? "+" : "") + saved.offsetDays() + "d"
                        + (saved.parameter() == null ? "" : ", parameter " + saved.parameter())
                        + (saved.enabled() ? ", enabled" : ", disabled"));
        return saved;
    }

    static EngagementTrigger row(ResultSet rs, int n) throws SQLException {
        String taskKind = rs.getString("task_kind");
        String channel = rs.getString("channel");
        return new EngagementTrigger(rs.getString("code"), TriggerKind.valueOf(rs.getString("kind")),
                Anchor.valueOf(rs.getString("anchor")), rs.getInt("offset_days"), (Integer) rs.getObject("parameter"),
                rs.getBoolean("create_task"), taskKind == null ? null : TaskKind.valueOf(taskKind),
                rs.getInt("task_due_days"), rs.getString("template_code"), channel == null ? null : Channel.valueOf(channel),
                MessagePurpose.valueOf(rs.getString("purpose")), rs.getBoolean("enabled"), rs.getInt("version"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }
}
