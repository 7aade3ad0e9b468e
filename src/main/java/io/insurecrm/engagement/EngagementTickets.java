package io.insurecrm.engagement;

import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service tickets and NPS surveys. A ticket (complaint or service request) is due after its SLA
 * (crm.engagement.complaint-sla / request-sla), is recorded as an interaction of its type, and is escalated by the
 * daily scan when overdue. An NPS answer is stored as a SURVEY interaction through the interaction module's facade.
 */
@Service
public class EngagementTickets {

    public static final List<String> KINDS = List.of("COMPLAINT", "SERVICE_REQUEST");

    private static final String SELECT = """
            select t.*, c.name as customer_name from engagement_ticket t join customer c on c.id = t.customer_id
            """;

    private final JdbcClient jdbc;
    private final InteractionLog interactions;
    private final EngagementSettings settings;
    private final Clock clock;

    EngagementTickets(JdbcClient jdbc, InteractionLog interactions, EngagementSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.interactions = interactions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Opens a ticket for a customer in the scope, due after the SLA of its kind.
     *
     * @throws EngagementRefused for an unknown kind or an empty subject
     */
    @Transactional
    public EngagementTicket open(long customerId, String kind, String subject, DataScope scope) {
        if (kind == null || !KINDS.contains(kind)) {
            throw EngagementRefused.of("kind", "engagement.ticket.kind.invalid", String.valueOf(kind));
        }
        if (subject == null || subject.isBlank() || subject.length() > 500) {
            throw EngagementRefused.of("subject", "engagement.ticket.subject.invalid", 500);
        }
        InteractionForm form = new InteractionForm();
        form.setType(InteractionType.valueOf(kind));
        form.setChannel(InteractionChannel.PHONE);
        form.setOccurredAt(LocalDateTime.now(clock));
        form.setOutcome(subject.strip());
        interactions.record(customerId, form, scope); // not found outside the scope
        Duration sla = kind.equals("COMPLAINT") ? settings.complaintSla() : settings.requestSla();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        long id = jdbc.sql("""
                        insert into engagement_ticket (customer_id, kind, subject, status, agent_id, branch_id, opened_at,
                               opened_by, due_at)
                        select c.id, :kind, :subject, 'OPEN', c.agent_id, c.branch_id, :now, :by, :due
                          from customer c where c.id = :customer returning id""")
                .param("kind", kind).param("subject", subject.strip()).param("now", now)
                .param("by", CurrentStaff.username())
                .param("due", now.plus(sla)).param("customer", customerId).query(Long.class).single();
        return find(id, scope);
    }

    @Transactional(readOnly = true)
    public EngagementTicket find(long id, DataScope scope) {
        return jdbc.sql(SELECT + " where t.id = :id and " + DataScope.predicate("c")).param("id", id)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(EngagementTickets::row).optional()
                .orElseThrow(() -> NotFoundException.of("engagement.ticket.notFound", id));
    }

    /** Open tickets in the scope, most urgent first. */
    @Transactional(readOnly = true)
    public List<EngagementTicket> open(DataScope scope) {
        return jdbc.sql(SELECT + " where t.status = 'OPEN' and " + DataScope.predicate("c") + " order by t.due_at limit 500")
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(EngagementTickets::row).list();
    }

    @Transactional
    public EngagementTicket resolve(long id, String resolution, DataScope scope) {
        EngagementTicket ticket = find(id, scope);
        if (!"OPEN".equals(ticket.status())) {
            throw EngagementRefused.of("status", "engagement.task.notOpen", id, ticket.status());
        }
        if (resolution == null || resolution.isBlank() || resolution.length() > 1000) {
            throw EngagementRefused.of("resolution", "engagement.ticket.resolution.invalid", 1000);
        }
        jdbc.sql("""
                        update engagement_ticket set status = 'RESOLVED', resolved_at = :now, resolved_by = :by,
                               resolution = :resolution, version = version + 1 where id = :id""")
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("by", CurrentStaff.username())
                .param("resolution", resolution.strip()).param("id", id).update();
        return find(id, scope);
    }

    /** Marks open tickets past their SLA as escalated; returns how many. */
    @Transactional
    public int escalateOverdue() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbc.sql("update engagement_ticket set escalated_at = :now where status = 'OPEN' and escalated_at is null and due_at < :now")
                .param("now", now).update();
    }

    /** Remembers that a survey went out under an occasion key, so its answer can be matched. */
    @Transactional
    void surveySent(String occasionKey, long customerId) {
        jdbc.sql("""
                        insert into engagement_survey (occasion_key, customer_id, sent_at) values (:key, :customer, :now)
                        on conflict (occasion_key) do nothing""")
                .param("key", occasionKey).param("customer", customerId)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
    }

    /**
     * Records the NPS answer to a survey once, as a SURVEY interaction of the customer.
     *
     * @return the interaction's id
     * @throws EngagementRefused for a score outside 0–10, an unknown survey or one answered already
     */
    @Transactional
    public long answerSurvey(String occasionKey, int score, String comment) {
        if (score < 0 || score > 10) {
            throw EngagementRefused.of("score", "engagement.survey.score.range", score);
        }
        record Survey(long customerId, boolean answered) {
        }
        Optional<Survey> survey = jdbc.sql("select customer_id, answered_at is not null as answered from engagement_survey where occasion_key = :key for update")
                .param("key", occasionKey).query((rs, n) -> new Survey(rs.getLong(1), rs.getBoolean(2))).optional();
        if (survey.isEmpty()) {
            throw EngagementRefused.of("occasionKey", "engagement.survey.notFound", occasionKey);
        }
        if (survey.get().answered()) {
            throw EngagementRefused.of("occasionKey", "engagement.survey.answered", occasionKey);
        }
        InteractionForm form = new InteractionForm();
        form.setType(InteractionType.SURVEY);
        form.setChannel(InteractionChannel.APP);
        form.setOccurredAt(LocalDateTime.now(clock));
        form.setNpsScore(score);
        form.setOutcome(comment == null || comment.isBlank() ? "NPS " + score : comment.strip());
        long interaction = interactions.record(survey.get().customerId(), form, DataScope.all());
        jdbc.sql("update engagement_survey set answered_at = :now, score = :score, interaction_id = :interaction where occasion_key = :key")
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("score", score)
                .param("interaction", interaction).param("key", occasionKey).update();
        return interaction;
    }

    private static EngagementTicket row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime escalated = rs.getObject("escalated_at", OffsetDateTime.class);
        OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
        return new EngagementTicket(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("customer_name"),
                rs.getString("kind"), rs.getString("subject"), rs.getString("status"),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant(), rs.getObject("due_at", OffsetDateTime.class).toInstant(),
                escalated == null ? null : escalated.toInstant(), resolved == null ? null : resolved.toInstant(),
                rs.getString("resolution"));
    }
}
