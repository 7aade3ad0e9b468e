package io.insurecrm.engagement;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The message log: a customer's messages in the caller's scope, and the outbox's recent rows for the log page. */
@Service
public class MessageLog {

    /** One message as the log shows it. */
    public record Entry(long id, Long customerId, String customerName, Channel channel, MessagePurpose purpose,
                        String templateCode, String recipient, String subject, String body, String status, int attempts,
                        String lastError, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
    }

    private static final String SELECT = """
            select m.*, c.name as customer_name
              from engagement_message m join customer c on c.id = m.customer_id
            """;

    private final JdbcClient jdbc;

    MessageLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A customer's messages, newest first; a customer outside the scope is not found. */
    @Transactional(readOnly = true)
    public List<Entry> ofCustomer(long customerId, DataScope scope) {
        boolean visible = jdbc.sql("select exists (select 1 from customer c where c.id = :id and " + DataScope.predicate("c") + ")")
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(Boolean.class).single();
        if (!visible) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
        return jdbc.sql(SELECT + " where m.customer_id = :id order by m.created_at desc, m.id desc limit 200")
                .param("id", customerId).query(MessageLog::row).list();
    }

    /** The latest messages in the scope, optionally of one status. */
    @Transactional(readOnly = true)
    public List<Entry> recent(String status, DataScope scope, int limit) {
        return jdbc.sql(SELECT + " where (cast(:status as text) is null or m.status = :status) and " + DataScope.predicate("c")
                        + " order by m.id desc limit :limit")
                .param("status", status, java.sql.Types.VARCHAR).param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent()).param("scopeBranch", scope.scopeBranch()).param("limit", limit)
                .query(MessageLog::row).list();
    }

    private static Entry row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        Object customer = rs.getObject("customer_id");
        return new Entry(rs.getLong("id"), customer == null ? null : ((Number) customer).longValue(), rs.getString("customer_name"),
                Channel.valueOf(rs.getString("channel")), MessagePurpose.valueOf(rs.getString("purpose")),
                rs.getString("template_code"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), sent == null ? null : sent.toInstant(),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
    }
}
