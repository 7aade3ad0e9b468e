package io.insurecrm.engagement;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks for people — the facade other modules use ({@code open(customerId, kind, reason, due)}): a task is assigned
 * to the customer's servicing agent or advisor, is due on a date (its SLA), can be completed, rescheduled or
 * reassigned within the branch, and is escalated to the branch's managers when it is overdue.
 */
@Service
public class EngagementTasks {

    private static final String SELECT = """
            select t.*, c.name as customer_name, a.name as assignee_name
              from engagement_task t
              join customer c on c.id = t.customer_id
              join agent a on a.id = t.assignee_agent_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    EngagementTasks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Opens a task for the customer's agent or advisor.
     *
     * @return the task's id
     * @throws EngagementRefused when the customer does not exist, the reason is empty or the due date is past
     */
    @Transactional
    public long open(long customerId, TaskKind kind, String reason, LocalDate due) {
        if (kind == null) {
            throw EngagementRefused.of("kind", "engagement.task.kind.missing");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw EngagementRefused.of("reason", "engagement.task.reason.invalid", 500);
        }
        if (due == null || due.isBefore(LocalDate.now(clock))) {
            throw EngagementRefused.of("due", "engagement.task.due.past", String.valueOf(due));
        }
        String by = CurrentStaff.username();
        return jdbc.sql("""
                        insert into engagement_task (customer_id, kind, reason, assignee_agent_id, branch_id, due_on,
                               status, created_at, created_by)
                        select c.id, :kind, :reason, c.agent_id, c.branch_id, :due, 'OPEN', :now, :by
                          from customer c where c.id = :customer
                        returning id""")
                .param("kind", kind.name()).param("reason", reason.strip()).param("due", due)
                .param("now", now()).param("by", by).param("customer", customerId)
                .query(Long.class).optional()
                .orElseThrow(() -> EngagementRefused.of("customerId", "engagement.customer.notFound", customerId));
    }

    /**
     * Opens the task of an occasion once: a second call with the same occasion key opens nothing.
     *
     * @return whether a task was opened
     */
    @Transactional
    boolean openOnce(long customerId, TaskKind kind, String reason, LocalDate due, String occasionKey, String by) {
        return jdbc.sql("""
                        insert into engagement_task (customer_id, kind, reason, assignee_agent_id, branch_id, due_on,
                               status, occasion_key, created_at, created_by)
                        select c.id, :kind, :reason, c.agent_id, c.branch_id, :due, 'OPEN', :occasion, :now, :by
                          from customer c where c.id = :customer
                        on conflict (occasion_key) do nothing""")
                .param("kind", kind.name()).param("reason", reason).param("due", due).param("occasion", occasionKey)
                .param("now", now()).param("by", by).param("customer", customerId).update() == 1;
    }

    /** Open tasks of an agent or advisor, by due date; for branch managers the branch's escalated tasks. */
    @Transactional(readOnly = true)
    public List<EngagementTask> queue(StaffPrincipal staff) {
        if (staff.agentId() != null) {
            return jdbc.sql(SELECT + " where t.status = 'OPEN' and t.assignee_agent_id = :agent order by t.due_on, t.id limit 500")
                    .param("agent", staff.agentId()).query(EngagementTasks::row).list();
        }
        DataScope scope = staff.scope();
        return jdbc.sql(SELECT + " where t.status = 'OPEN' and t.escalated_at is not null and "
                        + "(:scopeAll or t.branch_id = :scopeBranch) order by t.due_on, t.id limit 500")
                .param("scopeAll", scope.scopeAll()).param("scopeBranch", scope.scopeBranch())
                .query(EngagementTasks::row).list();
    }

    /** Tasks of a customer in the scope, newest first. */
    @Transactional(readOnly = true)
    public List<EngagementTask> ofCustomer(long customerId, DataScope scope) {
        return jdbc.sql(SELECT + " where t.customer_id = :customer and " + DataScope.predicate("c")
                        + " order by t.created_at desc limit 100")
                .param("customer", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(EngagementTasks::row).list();
    }

    /** One task in the scope (the customer's agent, his branch, or all). */
    @Transactional(readOnly = true)
    public EngagementTask find(long taskId, DataScope scope) {
        return jdbc.sql(SELECT + " where t.id = :id and (:scopeAll or t.assignee_agent_id = :scopeAgent "
                        + "or c.agent_id = :scopeAgent or t.branch_id = :scopeBranch)")
                .param("id", taskId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(EngagementTasks::row).optional()
                .orElseThrow(() -> NotFoundException.of("engagement.task.notFound", taskId));
    }

    @Transactional
    public EngagementTask complete(long taskId, String outcome, DataScope scope) {
        requireOpen(find(taskId, scope));
        String by = CurrentStaff.username();
        jdbc.sql("""
                        update engagement_task set status = 'DONE', completed_at = :now, completed_by = :by,
                               outcome = :outcome, version = version + 1 where id = :id""")
                .param("now", now()).param("by", by).param("outcome", outcome == null || outcome.isBlank() ? null : outcome.strip(), Types.VARCHAR)
                .param("id", taskId).update();
        return find(taskId, scope);
    }

    @Transactional
    public EngagementTask reschedule(long taskId, LocalDate due, DataScope scope) {
        requireOpen(find(taskId, scope));
        if (due == null || due.isBefore(LocalDate.now(clock))) {
            throw EngagementRefused.of("due", "engagement.task.due.past", String.valueOf(due));
        }
        jdbc.sql("update engagement_task set due_on = :due, escalated_at = null, version = version + 1 where id = :id")
                .param("due", due).param("id", taskId).update();
        return find(taskId, scope);
    }

    /** Gives the task to another active agent or advisor of the same branch. */
    @Transactional
    public EngagementTask reassign(long taskId, long agentId, DataScope scope) {
        EngagementTask task = requireOpen(find(taskId, scope));
        int updated = jdbc.sql("""
                        update engagement_task t set assignee_agent_id = a.id, version = t.version + 1
                          from agent a where t.id = :id and a.id = :agent and a.active and a.branch_id = t.branch_id""")
                .param("id", task.id()).param("agent", agentId).update();
        if (updated == 0) {
            throw EngagementRefused.of("agentId", "engagement.task.assignee.invalid", agentId);
        }
        return find(taskId, scope);
    }

    /** Marks every open task past its due date as escalated (the branch managers' queue shows them); returns how many. */
    @Transactional
    public int escalateOverdue(LocalDate today) {
        return jdbc.sql("""
                        update engagement_task set escalated_at = :now
                         where status = 'OPEN' and escalated_at is null and due_on < :today""")
                .param("now", now()).param("today", today).update();
    }

    private static EngagementTask requireOpen(EngagementTask task) {
        if (!"OPEN".equals(task.status())) {
            throw EngagementRefused.of("status", "engagement.task.notOpen", task.id(), task.status());
        }
        return task;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static EngagementTask row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime escalated = rs.getObject("escalated_at", OffsetDateTime.class);
        return new EngagementTask(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("customer_name"),
                TaskKind.valueOf(rs.getString("kind")), rs.getString("reason"), rs.getLong("assignee_agent_id"),
                rs.getString("assignee_name"), rs.getObject("due_on", LocalDate.class), rs.getString("status"),
                escalated == null ? null : escalated.toInstant(), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("created_by"), rs.getString("outcome"));
    }
}
