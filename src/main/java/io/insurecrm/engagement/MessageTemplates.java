package io.insurecrm.engagement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Message templates: listed, read and saved (a new version) after {@link MessageTemplate#problems} finds none. */
@Service
public class MessageTemplates {

    private final JdbcClient jdbc;
    private final Clock clock;

    MessageTemplates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<MessageTemplate> all() {
        return jdbc.sql("select * from engagement_template order by code, locale desc").query(MessageTemplates::row).list();
    }

    @Transactional(readOnly = true)
    public Optional<MessageTemplate> find(String code, String locale) {
        return jdbc.sql("select * from engagement_template where code = :code and locale = :locale")
                .param("code", code).param("locale", locale).query(MessageTemplates::row).optional();
    }

    /**
     * Saves the template as its next version.
     *
     * @throws EngagementRefused naming each field and reason (unknown variable, bad code, empty body)
     */
    @Transactional
    public MessageTemplate save(String code, String locale, String subject, String body, String by) {
        List<RuleProblem> problems = MessageTemplate.problems(code, locale, subject, body);
        if (!problems.isEmpty()) {
            throw new EngagementRefused(problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into engagement_template (code, locale, subject, body, version, updated_at, updated_by)
                        values (:code, :locale, :subject, :body, 1, :at, :by)
                        on conflict (code, locale) do update set subject = excluded.subject, body = excluded.body,
                            version = engagement_template.version + 1, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .param("code", code).param("locale", locale).param("subject", subject == null ? "" : subject.strip())
                .param("body", body.strip()).param("at", now).param("by", by).update();
        return find(code, locale).orElseThrow();
    }

    private static MessageTemplate row(ResultSet rs, int n) throws SQLException {
        return new MessageTemplate(rs.getString("code"), rs.getString("locale"), rs.getString("subject"),
                rs.getString("body"), rs.getInt("version"), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getString("updated_by"));
    }
}
