package io.insurecrm.interaction;

import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.platform.web.Paged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The interaction module's facade: logging an interaction with a customer and listing a customer's interactions,
 * newest first — both only for a customer the caller's data scope permits (any other is not found).
 */
@Service
public class InteractionLog {

    /** How many interactions a timeline shows at a time. */
    public static final int TIMELINE_PAGE_SIZE = 10;

    private final Interactions interactions;
    private final CustomerManagement customers;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final FieldCipher cipher;

    InteractionLog(Interactions interactions, CustomerManagement customers, JdbcClient jdbc,
                   ApplicationEventPublisher events, Clock clock, FieldCipher cipher) {
        this.cipher = cipher;
        this.interactions = interactions;
        this.customers = customers;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records an interaction with a customer; the handling agent is the caller when he is an agent or advisor.
     * Publishes {@link InteractionRecorded}.
     *
     * @throws io.insurecrm.customer.CustomerNotFound when the customer is missing or outside the scope
     * @throws FieldRuleViolation when a rule is broken, naming the form field
     */
    @Transactional
    public long record(long customerId, InteractionForm form, DataScope scope) {
        customers.find(customerId, scope);
        if (form.getReferredCustomerId() != null && form.getReferredCustomerId() != customerId
                && form.getType() == InteractionType.REFERRAL) {
            requireVisible(form.getReferredCustomerId(), scope);
        }
        Instant occurredAt = form.getOccurredAt() == null ? null : form.getOccurredAt().atZone(clock.getZone()).toInstant();
        Interaction interaction;
        try {
            interaction = Interaction.record(customerId, form.getType(), form.getChannel(), occurredAt, form.getOutcome(),
                    form.getNpsScore(), form.getReferredCustomerId(), scope.agentId(), clock);
        } catch (InvalidInteraction e) {
            throw new FieldRuleViolation(e.field(), e.messageKey());
        }
        Interaction saved = interactions.save(interaction);
        events.publishEvent(saved.recorded());
        return saved.getId();
    }

    /** One interaction of a customer the scope permits. */
    @Transactional(readOnly = true)
    public InteractionEntry entry(long customerId, long interactionId, DataScope scope) {
        customers.find(customerId, scope);
        return jdbc.sql(SELECT + " where i.customer_id = :customerId and i.id = :id")
                .param("customerId", customerId)
                .param("id", interactionId)
                .param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query(this::entry)
                .optional()
                .orElseThrow(() -> NotFoundException.of("interaction.notFound", interactionId));
    }

    /** A page of the customer's interactions, newest first (by time, then by the order they were logged). */
    @Transactional(readOnly = true)
    public Paged<InteractionEntry> list(long customerId, DataScope scope, int page, int size) {
        customers.find(customerId, scope);
        int pageSize = Paged.boundedSize(size);
        int pageNumber = Math.max(0, page);
        long total = jdbc.sql("select count(*) from interaction where customer_id = :customerId")
                .param("customerId", customerId)
                .query(Long.class).single();
        List<InteractionEntry> rows = jdbc.sql(SELECT + """
                 where i.customer_id = :customerId
                 order by i.occurred_at desc, i.id desc
                 limit :limit offset :offset
                """)
                .param("customerId", customerId)
                .param("limit", pageSize)
                .param("offset", (long) pageNumber * pageSize)
                .param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query(this::entry)
                .list();
        return new Paged<>(rows, pageNumber, pageSize, total);
    }

    private static final String SELECT = """
            select i.id, i.customer_id, i.type, i.channel, i.occurred_at, i.outcome, i.nps_score,
                   i.referred_customer_id, i.agent_id, a.name as agent_name,
                   rc.name as referred_name, (rc.id is not null and %s) as referred_visible
              from interaction i
              left join agent a on a.id = i.agent_id
              left join customer rc on rc.id = i.referred_customer_id
            """.formatted(DataScope.predicate("rc"));

    /** A row of {@link #SELECT}; the outcome is stored sealed (interaction/V93) and opened here. */
    private InteractionEntry entry(ResultSet rs, int row) throws SQLException {
        boolean referredVisible = rs.getBoolean("referred_visible");
        Timestamp occurredAt = rs.getTimestamp("occurred_at");
        return new InteractionEntry(rs.getLong("id"), rs.getLong("customer_id"),
                InteractionType.valueOf(rs.getString("type")), InteractionChannel.valueOf(rs.getString("channel")),
                occurredAt.toInstant(), cipher.open(rs.getString("outcome")), rs.getObject("nps_score", Integer.class),
                rs.getObject("referred_customer_id", Long.class), referredVisible ? rs.getString("referred_name") : null,
                referredVisible, rs.getObject("agent_id", Long.class), rs.getString("agent_name"));
    }

    private void requireVisible(long referredCustomerId, DataScope scope) {
        try {
            customers.find(referredCustomerId, scope);
        } catch (io.insurecrm.customer.CustomerNotFound e) {
            throw new FieldRuleViolation("referredCustomerId", "interaction.referredCustomer.unknown", referredCustomerId);
        }
    }
}
