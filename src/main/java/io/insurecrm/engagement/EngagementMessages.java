package io.insurecrm.engagement;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's front door: a message to a customer is rendered from its template and written as a QUEUED row in
 * the caller's transaction, so it is sent if and only if the decision that made it commits. The same idempotency
 * key twice queues one message. Consent, opt-outs, quiet hours and caps are applied when the dispatcher sends.
 */
@Service
public class EngagementMessages {

    private final JdbcClient jdbc;
    private final MessageTemplates templates;
    private final EngagementSettings settings;
    private final Clock clock;

    EngagementMessages(JdbcClient jdbc, MessageTemplates templates, EngagementSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /** The customer's name, agent and contact addresses; variables the caller gives win over these. */
    record Recipient(long customerId, String name, String agentName, String phone, String email, String pushAddress,
                     String locale) {

        String address(Channel channel) {
            return switch (channel) {
                case SMS -> phone;
                case EMAIL -> email;
                // the app addresses its signed-in user by customer id when no device address is registered
                case PUSH -> pushAddress == null || pushAddress.isBlank() ? "app:" + customerId : pushAddress;
            };
        }
    }

    /**
     * Queues a message from a template to a customer.
     *
     * @param idempotencyKey the key of this message; the same key again queues nothing
     * @return the message's id, or empty when a message with the key was queued before
     * @throws EngagementRefused when the template does not exist
     */
    @Transactional
    public Optional<Long> enqueue(long customerId, Channel channel, MessagePurpose purpose, String templateCode,
                                  Map<String, String> variables, String idempotencyKey, String occasionKey) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Recipient recipient = recipient(customerId);
        Composed m = compose(template(templateCode, recipient.locale()), recipient, channel, variables);
        return insert(idempotencyKey, customerId, channel, m.address(), purpose, templateCode, recipient.locale(),
                m.subject(), m.body(), m.status(), m.problem(), occasionKey);
    }

    /** One message of {@link #enqueueAll}: its customer, the variables beside name and agent, its keys. */
    public record Draft(long customerId, Map<String, String> variables, String idempotencyKey, String occasionKey) {
    }

    /**
     * Queues many messages from one template set-based, in the caller's transaction: the template is read once per
     * language, the recipients (with their language) in one query, the rows written in one INSERT; keys queued before
     * are left alone, as with {@link #enqueue}. Variables that are text in a language must be given in the customer's
     * ({@link #localesOf}).
     *
     * @return how many messages were queued (drafts whose key existed are not counted)
     * @throws EngagementRefused when the template or a customer does not exist, or a key is invalid
     */
    @Transactional
    public int enqueueAll(Channel channel, MessagePurpose purpose, String templateCode, List<Draft> drafts) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        if (drafts.isEmpty()) {
            return 0;
        }
        Map<String, MessageTemplate> byLocale = new HashMap<>();
        Map<Long, Recipient> recipients = recipients(drafts.stream().map(Draft::customerId).distinct().toList());
        int n = drafts.size();
        String[] keys = new String[n];
        Long[] customers = new Long[n];
        String[] addresses = new String[n];
        String[] subjects = new String[n];
        String[] bodies = new String[n];
        String[] statuses = new String[n];
        String[] problems = new String[n];
        String[] occasions = new String[n];
        String[] locales = new String[n];
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            checkKey(d.idempotencyKey());
            Recipient recipient = recipients.get(d.customerId());
            if (recipient == null) {
                throw EngagementRefused.of("customerId", "engagement.customer.notFound", d.customerId());
            }
            MessageTemplate template = byLocale.computeIfAbsent(recipient.locale(), locale -> template(templateCode, locale));
            Composed m = compose(template, recipient, channel, d.variables());
            keys[i] = d.idempotencyKey();
            customers[i] = d.customerId();
            addresses[i] = m.address();
            subjects[i] = m.subject();
            bodies[i] = m.body();
            statuses[i] = m.status();
            problems[i] = m.problem();
            occasions[i] = d.occasionKey();
            locales[i] = recipient.locale();
        }
        return jdbc.sql("""
                        insert into engagement_message (idempotency_key, customer_id, channel, recipient, purpose,
                               template_code, locale, subject, body, status, next_attempt_at, last_error, occasion_key,
                               created_at)
                        select m.key, m.customer, :channel, m.recipient, :purpose, :template, m.locale, m.subject, m.body,
                               m.status, :now, m.problem, m.occasion, :now
                          from unnest(:keys, :customers, :recipients, :subjects, :bodies, :statuses, :problems, :occasions,
                                      :locales)
                               as m(key, customer, recipient, subject, body, status, problem, occasion, locale)
                        on conflict (idempotency_key) do nothing""")
                .param("channel", channel.name()).param("purpose", purpose.name()).param("template", templateCode)
                .param("locales", locales).param("now", queuedAt())
                .param("keys", keys).param("customers", customers).param("recipients", addresses)
                .param("subjects", subjects).param("bodies", bodies).param("statuses", statuses)
                .param("problems", problems).param("occasions", occasions)
                .update();
    }

    private MessageTemplate template(String templateCode, String locale) {
        return templates.find(templateCode, locale)
                .orElseThrow(() -> EngagementRefused.of("templateCode", "engagement.template.notFound", templateCode, locale));
    }

    /** A rendered message: its address, texts, and QUEUED, PARKED (template problem) or SUPPRESSED (no address). */
    private record Composed(String address, String subject, String body, String status, String problem) {
    }

    private static Composed compose(MessageTemplate template, Recipient recipient, Channel channel,
                                    Map<String, String> variables) {
        Map<String, String> values = new HashMap<>();
        values.put("customerName", recipient.name());
        values.put("agentName", recipient.agentName());
        variables.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        String subject;
        String body;
        String problem = null;
        try {
            subject = MessageTemplate.render(template.subject(), values);
            body = MessageTemplate.render(template.body(), values);
        } catch (IllegalArgumentException e) {
            subject = template.subject();
            body = template.body();
            problem = "template " + template.code() + " v" + template.version() + ": " + e.getMessage();
        }
        String address = recipient.address(channel);
        String status = "QUEUED";
        if (problem != null) {
            status = "PARKED";
        } else if (address == null || address.isBlank()) {
            status = "SUPPRESSED";
            problem = "no " + channel + " address";
        }
        return new Composed(address, subject, body, status, problem);
    }

    /** Queues a ready text (no template) to a customer, e.g. a code; the recipient is the customer's address. */
    @Transactional
    public Optional<Long> enqueueText(long customerId, Channel channel, MessagePurpose purpose, String subject,
                                      String body, String idempotencyKey) {
        String address = recipient(customerId).address(channel);
        boolean missing = address == null || address.isBlank();
        return insert(idempotencyKey, customerId, channel, address, purpose, null, null, subject, body,
                missing ? "SUPPRESSED" : "QUEUED", missing ? "no " + channel + " address" : null, null);
    }

    private Optional<Long> insert(String key, long customerId, Channel channel, String address, MessagePurpose purpose,
                                  String templateCode, String locale, String subject, String body, String status,
                                  String problem, String occasionKey) {
        checkKey(key);
        return jdbc.sql("""
                        insert into engagement_message (idempotency_key, customer_id, channel, recipient, purpose,
                               template_code, locale, subject, body, status, next_attempt_at, last_error, occasion_key,
                               created_at)
                        values (:key, :customer, :channel, :recipient, :purpose, :template, :locale, :subject, :body,
                                :status, :now, :problem, :occasion, :now)
                        on conflict (idempotency_key) do nothing
                        returning id""")
                .param("key", key).param("customer", customerId).param("channel", channel.name())
                .param("recipient", address, Types.VARCHAR).param("purpose", purpose.name())
                .param("template", templateCode, Types.VARCHAR).param("locale", locale, Types.VARCHAR)
                .param("subject", subject, Types.VARCHAR).param("body", body).param("status", status)
                .param("now", queuedAt()).param("problem", problem, Types.VARCHAR).param("occasion", occasionKey, Types.VARCHAR)
                .query(Long.class).optional();
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw EngagementRefused.of("idempotencyKey", "engagement.message.key.invalid");
        }
    }

    private OffsetDateTime queuedAt() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    Recipient recipient(long customerId) {
        Recipient recipient = recipients(List.of(customerId)).get(customerId);
        if (recipient == null) {
            throw EngagementRefused.of("customerId", "engagement.customer.notFound", customerId);
        }
        return recipient;
    }

    private Map<Long, Recipient> recipients(List<Long> customerIds) {
        Map<Long, Recipient> byId = new HashMap<>();
        jdbc.sql("""
                        select c.id, c.name, a.name as agent_name, c.phone, ec.email, ec.push_address,
                               coalesce(el.locale, :locale) as locale
                          from customer c join agent a on a.id = c.agent_id
                          left join engagement_contact ec on ec.customer_id = c.id
                          left join engagement_language el on el.customer_id = c.id
                         where c.id = any(:ids)""")
                .param("ids", customerIds.toArray(Long[]::new)).param("locale", settings.locale())
                .query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("agent_name"),
                        rs.getString("phone"), rs.getString("email"), rs.getString("push_address"), rs.getString("locale")))
                .list().forEach(r -> byId.put(r.customerId(), r));
        return byId;
    }

    /**
     * The language the customer reads messages in: his preference ({@link CustomerLanguages}), else
     * crm.engagement.locale. Variables that are text in a language (advice, a claim status) are looked up in it.
     */
    public String localeOf(long customerId) {
        return localesOf(List.of(customerId)).get(customerId);
    }

    /** The languages of many customers in one query ({@link #localeOf} for each). */
    public Map<Long, String> localesOf(Collection<Long> customerIds) {
        Map<Long, String> locales = new HashMap<>();
        customerIds.forEach(id -> locales.put(id, settings.locale()));
        jdbc.sql("select customer_id, locale from engagement_language where customer_id = any(:ids)")
                .param("ids", customerIds.toArray(Long[]::new))
                .query((rs, n) -> locales.put(rs.getLong("customer_id"), rs.getString("locale"))).list();
        return locales;
    }

    /** Records that the customer no longer wants messages on the channel; honoured by the next dispatch. */
    @Transactional
    public void optOut(long customerId, Channel channel, String source) {
        jdbc.sql("""
                        insert into engagement_opt_out (customer_id, channel, opted_out_at, source)
                        values (:customer, :channel, :at, :source) on conflict (customer_id, channel) do nothing""")
                .param("customer", customerId).param("channel", channel.name())
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("source", source).update();
    }

    /** Records a customer's e-mail and push addresses. */
    @Transactional
    public void contact(long customerId, String email, String pushAddress) {
        jdbc.sql("""
                        insert into engagement_contact (customer_id, email, push_address, updated_at)
                        values (:customer, :email, :push, :at)
                        on conflict (customer_id) do update set email = excluded.email, push_address = excluded.push_address,
                            updated_at = excluded.updated_at""")
                .param("customer", customerId).param("email", email, Types.VARCHAR).param("push", pushAddress, Types.VARCHAR)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
    }

    /** When a message counts as sent now, for callers that need the time (tests, the outbox). */
    Instant now() {
        return clock.instant();
    }
}
