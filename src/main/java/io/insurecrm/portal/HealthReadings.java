package io.insurecrm.portal;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.ConsentMissing;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Blood-pressure readings the customer uploads: taken only with his SENSITIVE_DATA consent (checked through the
 * privacy module, which audits a refusal); a reading at or above the configured limits is abnormal, and a run of
 * {@code crm.portal.abnormal-run} abnormal readings in a row asks for a care callback (one open request at a time).
 */
@Service
public class HealthReadings {

    public record Reading(int systolic, int diastolic, LocalDateTime measuredAt, boolean abnormal) {
    }

    private final JdbcClient jdbc;
    private final ConsentRegistry consents;
    private final CallbackRequests callbacks;
    private final Clock clock;
    private final PortalSettings settings;

    HealthReadings(JdbcClient jdbc, ConsentRegistry consents, CallbackRequests callbacks, Clock clock, PortalSettings settings) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.callbacks = callbacks;
        this.clock = clock;
        this.settings = settings;
    }

    /** Stores a reading; returns whether it asked for a care callback. */
    @Transactional
    public boolean record(long customerId, Integer systolic, Integer diastolic) {
        try {
            consents.require(customerId, ConsentPurpose.SENSITIVE_DATA, "portal health reading");
        } catch (ConsentMissing e) {
            throw new PortalRefused("portal.health.consentNeeded");
        }
        if (systolic == null || systolic < 50 || systolic > 300) {
            throw new FieldRuleViolation("systolic", "portal.health.range", 50, 300);
        }
        if (diastolic == null || diastolic < 30 || diastolic > 200 || diastolic >= systolic) {
            throw new FieldRuleViolation("diastolic", "portal.health.range", 30, Math.min(200, systolic == null ? 200 : systolic - 1));
        }
        boolean abnormal = systolic >= settings.systolicLimit() || diastolic >= settings.diastolicLimit();
        jdbc.sql("""
                        insert into portal_health_reading (customer_id, systolic, diastolic, measured_at, abnormal)
                        values (:c, :s, :d, :at, :abnormal)""")
                .param("c", customerId).param("s", systolic).param("d", diastolic)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("abnormal", abnormal).update();
        if (!abnormal) {
            return false;
        }
        List<Boolean> lastRun = jdbc.sql("""
                        select abnormal from portal_health_reading where customer_id = :c order by measured_at desc, id desc limit :n""")
                .param("c", customerId).param("n", settings.abnormalRun()).query(Boolean.class).list();
        if (lastRun.size() == settings.abnormalRun() && lastRun.stream().allMatch(Boolean::booleanValue)) {
            return callbacks.request(customerId, CallbackRequests.Kind.CARE, "血压连续异常 / blood pressure abnormal",
                    settings.abnormalRun() + " abnormal readings in a row, latest " + systolic + "/" + diastolic + " mmHg");
        }
        return false;
    }

    @Transactional(readOnly = true)
    public List<Reading> of(long customerId) {
        return jdbc.sql("""
                        select systolic, diastolic, measured_at, abnormal from portal_health_reading
                         where customer_id = :c order by measured_at desc, id desc limit 30""")
                .param("c", customerId)
                .query((rs, n) -> new Reading(rs.getInt("systolic"), rs.getInt("diastolic"),
                        LocalDateTime.ofInstant(rs.getObject("measured_at", OffsetDateTime.class).toInstant(), clock.getZone()),
                        rs.getBoolean("abnormal")))
                .list();
    }
}
