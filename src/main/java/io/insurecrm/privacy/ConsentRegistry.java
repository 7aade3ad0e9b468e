package io.insurecrm.privacy;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent per purpose: grants and withdrawals are appended to the customer's history (with source, notice version,
 * time and who recorded it), the current state is the latest record per purpose, and {@link #require} refuses an
 * action for want of consent — auditing the refusal. Customers are read by SQL within the caller's data scope; one
 * outside it is not found.
 */
@Service
public class ConsentRegistry {

    private final JdbcClient jdbc;
    private final AccessAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConsentRegistry(JdbcClient jdbc, AccessAudit audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A grant recorded by staff. @throws FieldRuleViolation on the source PORTAL (only the customer records that) */
    @Transactional
    public ConsentRecord grant(long customerId, ConsentPurpose purpose, ConsentSource source, String noticeVersion, DataScope scope) {
        return record(customerId, purpose, true, staffSource(source), noticeVersion, scope);
    }

    /** A withdrawal recorded by staff. @throws FieldRuleViolation on the source PORTAL (only the customer records that) */
    @Transactional
    public ConsentRecord withdraw(long customerId, ConsentPurpose purpose, ConsentSource source, String noticeVersion, DataScope scope) {
        return record(customerId, purpose, false, staffSource(source), noticeVersion, scope);
    }

    private static ConsentSource staffSource(ConsentSource source) {
        if (source == ConsentSource.PORTAL) {
            throw new FieldRuleViolation("source", "consent.source.portalOnly");
        }
        return source;
    }

    /**
     * A grant or withdrawal made by the data subject himself through a self-service channel such as the customer
     * portal: it is recorded by {@code customer:<id>} (also the audit actor, role CUSTOMER), not by staff or
     * {@code system}, and the audit reason names the channel.
     */
    @Transactional
    public ConsentRecord recordBySubject(long customerId, ConsentPurpose purpose, boolean granted, ConsentSource source,
                                         String noticeVersion, String channel) {
        if (channel == null || !channel.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException("A channel of 1 to 20 lower-case letters, digits or dashes is needed");
        }
        return record(customerId, purpose, granted, source, noticeVersion, DataScope.all(), subject(customerId), channel);
    }

    /** How a data subject acting on his own behalf is named in consent records and the audit trail. */
    public static String subject(long customerId) {
        return "customer:" + customerId;
    }

    private ConsentRecord record(long customerId, ConsentPurpose purpose, boolean granted, ConsentSource source,
                                 String noticeVersion, DataScope scope) {
        return record(customerId, purpose, granted, source, noticeVersion, scope, null, null);
    }

    /** {@code subject} null: recorded by the signed-in staff member (or system); otherwise by the data subject. */
    private ConsentRecord record(long customerId, ConsentPurpose purpose, boolean granted, ConsentSource source,
                                 String noticeVersion, DataScope scope, String subject, String channel) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(source, "source");
        if (noticeVersion == null || noticeVersion.isBlank() || noticeVersion.strip().length() > 40) {
            throw new IllegalArgumentException("A notice version of 1 to 40 characters is needed");
        }
        requireVisible(customerId, scope);
        String recordedBy = subject != null ? subject : CurrentStaff.username();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:customer, :purpose, :granted, :source, :notice, :at, :by) returning id""")
                .param("customer", customerId).param("purpose", purpose.name()).param("granted", granted)
                .param("source", source.name()).param("notice", noticeVersion.strip())
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("by", recordedBy)
                .query(Long.class).single();
        String reason = (granted ? "granted" : "withdrawn") + " via " + source + (channel == null ? "" : " (" + channel + ")")
                + ", notice " + noticeVersion.strip();
        if (subject == null) {
            audit.record(AuditAction.CONSENT_CHANGE, customerId, List.of("consent." + purpose), reason);
        } else {
            audit.recordAs(subject, "CUSTOMER", AuditAction.CONSENT_CHANGE, customerId, List.of("consent." + purpose), reason);
        }
        events.publishEvent(granted
                ? new ConsentGranted(customerId, purpose, source, noticeVersion.strip(), at)
                : new ConsentWithdrawn(customerId, purpose, source, noticeVersion.strip(), at));
        return new ConsentRecord(id, customerId, purpose, granted, source, noticeVersion.strip(), at, recordedBy);
    }

    /** A consent (or withdrawal) read from an import file: the customer's state of a purpose as of {@code recordedAt}. */
    public record ImportedConsent(long customerId, ConsentPurpose purpose, boolean granted, Instant recordedAt,
                                  String noticeVersion) {

        public ImportedConsent {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(recordedAt, "recordedAt");
            if (noticeVersion == null || noticeVersion.isBlank() || noticeVersion.strip().length() > 40) {
                throw new IllegalArgumentException("A notice version of 1 to 40 characters is needed");
            }
            noticeVersion = noticeVersion.strip();
            recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /**
     * Records consents read from an import (source {@link ConsentSource#IMPORTED}), set-based in the caller's
     * transaction (an import chunk: they commit with the customers they belong to). A row is recorded only when it
     * changes the customer's current state of the purpose — no record yet, or the latest one says the opposite and is
     * not later than the file's time ({@link #importChangesCondition}) — so importing the same file again records
     * nothing, and an old file does not undo a later change. {@link ConsentGranted} / {@link ConsentWithdrawn} are
     * published for each row recorded. The caller audits the import (one IMPORT row per customer naming the consent
     * columns), so no CONSENT_CHANGE row is written per record.
     *
     * @return the records written
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<ConsentRecord> recordImported(List<ImportedConsent> consents, String recordedBy) {
        if (consents.isEmpty()) {
            return List.of();
        }
        int n = consents.size();
        Long[] customer = new Long[n];
        String[] purpose = new String[n];
        Boolean[] granted = new Boolean[n];
        String[] at = new String[n];
        String[] notice = new String[n];
        for (int i = 0; i < n; i++) {
            ImportedConsent c = consents.get(i);
            customer[i] = c.customerId();
            purpose[i] = c.purpose().name();
            granted[i] = c.granted();
            at[i] = c.recordedAt().toString();
            notice[i] = c.noticeVersion();
        }
        List<ConsentRecord> recorded = jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        select r.customer_id, r.purpose, r.granted, 'IMPORTED', r.notice, cast(r.at as timestamptz), :by
                          from unnest(cast(:customer as bigint[]), cast(:purpose as text[]), cast(:granted as boolean[]),
                                      cast(:at as text[]), cast(:notice as text[]))
                               with ordinality as r(customer_id, purpose, granted, at, notice, n)
                         where %s
                         order by r.n
                        returning *""".formatted(changes("r.customer_id", "r.purpose", "r.granted", "cast(r.at as timestamptz)")))
                .param("customer", customer).param("purpose", purpose).param("granted", granted).param("at", at)
                .param("notice", notice).param("by", recordedBy)
                .query(ConsentRegistry::row).list();
        for (ConsentRecord r : recorded) {
            events.publishEvent(r.granted()
                    ? new ConsentGranted(r.customerId(), r.purpose(), r.source(), r.noticeVersion(), r.recordedAt())
                    : new ConsentWithdrawn(r.customerId(), r.purpose(), r.source(), r.noticeVersion(), r.recordedAt()));
        }
        return recorded;
    }

    /**
     * A SQL condition, true when recording {@code grantedExpr} (a boolean, null: nothing to record) for the customer
     * {@code customerExpr} and the purpose as of {@code atExpr} would change his current state — the rule of
     * {@link #recordImported}, for an import's dry run to classify such a row as an update. The expressions are SQL of
     * the caller's query (column references), never input.
     */
    public static String importChangesCondition(String customerExpr, ConsentPurpose purpose, String grantedExpr, String atExpr) {
        return "(" + grantedExpr + " is not null and " + changes(customerExpr, "'" + purpose.name() + "'", grantedExpr, atExpr) + ")";
    }

    private static String changes(String customerExpr, String purposeExpr, String grantedExpr, String atExpr) {
        return """
                not exists (select 1 from (select k.granted, k.recorded_at from consent k
                                            where k.customer_id = %1$s and k.purpose = %2$s
                                            order by k.recorded_at desc, k.id desc limit 1) latest
                             where latest.granted = %3$s or latest.recorded_at > %4$s)"""
                .formatted(customerExpr, purposeExpr, grantedExpr, atExpr);
    }

    /** The current state and history of a customer in the scope. */
    @Transactional(readOnly = true)
    public ConsentState current(long customerId, DataScope scope) {
        requireVisible(customerId, scope);
        List<ConsentRecord> history = jdbc.sql("""
                        select * from consent where customer_id = :customer order by recorded_at desc, id desc""")
                .param("customer", customerId).query(ConsentRegistry::row).list();
        Map<ConsentPurpose, ConsentRecord> latest = new EnumMap<>(ConsentPurpose.class);
        history.forEach(record -> latest.putIfAbsent(record.purpose(), record));
        return new ConsentState(customerId, latest, history);
    }

    /** Whether the customer's latest record for the purpose is a grant. */
    @Transactional(readOnly = true)
    public boolean isGranted(long customerId, ConsentPurpose purpose) {
        return !granted(List.of(customerId), purpose).isEmpty();
    }

    /** Of the given customers, those whose latest record for the purpose is a grant (one query). */
    @Transactional(readOnly = true)
    public Set<Long> granted(Collection<Long> customerIds, ConsentPurpose purpose) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        select customer_id from (
                            select distinct on (customer_id) customer_id, granted
                              from consent
                             where customer_id = any(:ids) and purpose = :purpose
                             order by customer_id, recorded_at desc, id desc) latest
                         where granted""")
                .param("ids", customerIds.toArray(Long[]::new), Types.ARRAY).param("purpose", purpose.name())
                .query(Long.class).list());
    }

    /**
     * A SQL condition, true when the customer row {@code alias}'s latest record for the purpose is a grant — the rule of
     * {@link #granted} for set-based queries over many customers (one index probe of consent_latest_idx per row).
     */
    public static String grantedCondition(String alias, ConsentPurpose purpose) {
        if (!alias.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a table alias: " + alias);
        }
        return """
                coalesce((select k.granted from consent k
                           where k.customer_id = %s.id and k.purpose = '%s'
                           order by k.recorded_at desc, k.id desc limit 1), false)""".formatted(alias, purpose.name());
    }

    /**
     * Refuses the action unless the customer's consent for the purpose is granted; a refusal is audited as
     * {@link AuditAction#CONSENT_REFUSED} with the purpose and action as the reason.
     *
     * @throws ConsentMissing when it is not granted
     */
    public void require(long customerId, ConsentPurpose purpose, String action) {
        if (!isGranted(customerId, purpose)) {
            audit.record(AuditAction.CONSENT_REFUSED, customerId, List.of("consent." + purpose),
                    "no " + purpose + " consent for " + action);
            throw ConsentMissing.of(customerId, purpose, action);
        }
    }

    private void requireVisible(long customerId, DataScope scope) {
        boolean visible = jdbc.sql("select exists (select 1 from customer c where c.id = :id and " + DataScope.predicate("c") + ")")
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch()).query(Boolean.class).single();
        if (!visible) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
    }

    private static ConsentRecord row(ResultSet rs, int rowNum) throws SQLException {
        return new ConsentRecord(rs.getLong("id"), rs.getLong("customer_id"), ConsentPurpose.valueOf(rs.getString("purpose")),
                rs.getBoolean("granted"), ConsentSource.valueOf(rs.getString("source")), rs.getString("notice_version"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"));
    }
}
