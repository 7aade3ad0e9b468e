package io.insurecrm.engagement;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The language each customer reads his messages in (engagement_language): zh-CN unless he prefers English. The
 * customer table has no language, so the preference is kept here; templates, climate advice, claim statuses and
 * the loyalty line are rendered in it. A customer without a preference gets crm.engagement.locale.
 */
@Service
public class CustomerLanguages {

    private final JdbcClient jdbc;
    private final EngagementSettings settings;
    private final Clock clock;

    CustomerLanguages(JdbcClient jdbc, EngagementSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** A customer's language: the one he reads in, and whether he chose it (false = the default). */
    public record Language(long customerId, String locale, boolean chosen) {
    }

    /** @throws NotFoundException outside the scope */
    @Transactional(readOnly = true)
    public Language of(long customerId, DataScope scope) {
        return jdbc.sql("select c.id, el.locale from customer c left join engagement_language el on el.customer_id = c.id"
                        + " where c.id = :id and " + DataScope.predicate("c"))
                .param("id", customerId).param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> rs.getString("locale") == null ? new Language(customerId, settings.locale(), false)
                        : new Language(customerId, rs.getString("locale"), true))
                .optional().orElseThrow(() -> NotFoundException.of("engagement.customer.notFound", customerId));
    }

    /**
     * Records the customer's language.
     *
     * @throws EngagementRefused for a language other than zh-CN or en
     * @throws NotFoundException outside the scope
     */
    @Transactional
    public Language set(long customerId, String locale, String by, DataScope scope) {
        of(customerId, scope);
        if (locale == null || !MessageTemplate.LOCALES.contains(locale)) {
            throw EngagementRefused.of("locale", "engagement.template.locale.invalid", String.valueOf(locale));
        }
        jdbc.sql("""
                        insert into engagement_language (customer_id, locale, updated_at, updated_by)
                        values (:customer, :locale, :at, :by)
                        on conflict (customer_id) do update set locale = excluded.locale, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .param("customer", customerId).param("locale", locale)
                .param("at", OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .param("by", by).update();
        return of(customerId, scope);
    }
}
