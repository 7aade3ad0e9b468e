package io.insurecrm.portal;

import io.insurecrm.engagement.EngagementTasks;
import io.insurecrm.engagement.TaskKind;
import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests for a person to call a customer back: a question the assistant could not answer (QUESTION) or a run of
 * abnormal health readings (CARE, at most one open per customer). Kept in the portal's own table (staff see the open
 * ones of their scope on /portal-admin/callbacks) and, in the same transaction, opened as a task for the customer's
 * agent or advisor in the engagement module's task queue, due the next day.
 */
@Service
public class CallbackRequests {

    public enum Kind { QUESTION, CARE }

    public record CallbackRequest(long id, long customerId, String customerName, Kind kind, String subject, String detail,
                                  String status, LocalDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EngagementTasks tasks;

    CallbackRequests(JdbcClient jdbc, Clock clock, EngagementTasks tasks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tasks = tasks;
    }

    /** Records a request; a second open CARE request for the same customer is not added (returns false). */
    @Transactional
    public boolean request(long customerId, Kind kind, String subject, String detail) {
        boolean added = jdbc.sql("""
                        insert into portal_callback_request (customer_id, kind, subject, detail, created_at)
                        values (:customer, :kind, :subject, :detail, :at)
                        on conflict do nothing""")
                .param("customer", customerId).param("kind", kind.name()).param("subject", subject)
                .param("detail", detail).param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update() == 1;
        if (added) {
            String reason = (kind == Kind.CARE ? "客户门户：健康关怀回访 — " : "客户门户：请回电 — ") + subject;
            tasks.open(customerId, kind == Kind.CARE ? TaskKind.FOLLOW_UP : TaskKind.PORTAL_REQUEST,
                    reason.length() > 500 ? reason.substring(0, 500) : reason, LocalDate.now(clock).plusDays(1));
        }
        return added;
    }

    /** The open requests of customers within the staff member's scope, oldest first. */
    @Transactional(readOnly = true)
    public List<CallbackRequest> open(DataScope scope) {
        return jdbc.sql("""
                        select r.id, r.customer_id, c.name, r.kind, r.subject, r.detail, r.status, r.created_at
                          from portal_callback_request r join customer c on c.id = r.customer_id
                         where r.status = 'OPEN' and """ + DataScope.predicate("c") + """
                         order by r.created_at, r.id limit 500""")
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent()).param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new CallbackRequest(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("name"),
                        Kind.valueOf(rs.getString("kind")), rs.getString("subject"), rs.getString("detail"), rs.getString("status"),
                        LocalDateTime.ofInstant(rs.getObject("created_at", OffsetDateTime.class).toInstant(), clock.getZone())))
                .list();
    }

    /** The customer's own requests, newest first. */
    @Transactional(readOnly = true)
    public List<CallbackRequest> of(long customerId) {
        return open(DataScope.all()).stream().filter(r -> r.customerId() == customerId).toList();
    }
}
