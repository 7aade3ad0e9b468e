package io.insurecrm.portal;

import io.insurecrm.platform.crypto.FieldCipher;
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
 * <p>
 * Health data is encrypted at rest (ADR 0004): each reading is one {@link FieldCipher} envelope of
 * {@code systolic/diastolic} in {@code portal_blood_pressure.reading}; nothing about it is stored in the clear but
 * the time it was taken. Whether it is abnormal is decided here after opening it, against the current limits (an
 * opening costs a few µs; the run check opens {@code abnormal-run} readings, the page at most 30).
 */
@Service
public class HealthReadings {

    /** The column's field name (blind-index-free: readings are never searched). */
    static final String FIELD = "portal.blood_pressure";

    public record Reading(int systolic, int diastolic, LocalDateTime measuredAt, boolean abnormal) {
    }

    /** A reading as opened from its envelope. */
    record Pressure(int systolic, int diastolic) {

        String sealedForm() {
            return systolic + "/" + diastolic;
        }

        static Pressure parse(String clear) {
            int slash = clear.indexOf('/');
            if (slash < 0) {
                throw new IllegalStateException("a stored blood-pressure reading is not systolic/diastolic");
            }
            return new Pressure(Integer.parseInt(clear.substring(0, slash).strip()),
                    Integer.parseInt(clear.substring(slash + 1).strip()));
        }
    }

    private final JdbcClient jdbc;
    private final ConsentRegistry consents;
    private final CallbackRequests callbacks;
    private final Clock clock;
    private final PortalSettings settings;
    private final FieldCipher cipher;

    HealthReadings(JdbcClient jdbc, ConsentRegistry consents, CallbackRequests callbacks, Clock clock, PortalSettings settings,
                   FieldCipher cipher) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.callbacks = callbacks;
        this.clock = clock;
        this.settings = settings;
        this.cipher = cipher;
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
        Pressure pressure = new Pressure(systolic, diastolic);
        jdbc.sql("insert into portal_blood_pressure (customer_id, reading, measured_at) values (:c, :reading, :at)")
                .param("c", customerId).param("reading", cipher.seal(pressure.sealedForm()))
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
        if (!abnormal(pressure)) {
            return false;
        }
        List<String> lastRun = jdbc.sql("""
                        select reading from portal_blood_pressure where customer_id = :c order by measured_at desc, id desc limit :n""")
                .param("c", customerId).param("n", settings.abnormalRun()).query(String.class).list();
        if (lastRun.size() == settings.abnormalRun() && lastRun.stream().allMatch(stored -> abnormal(open(stored)))) {
            // the callback's note names no values: it is read by staff and tasks outside the encrypted column
            return callbacks.request(customerId, CallbackRequests.Kind.CARE, "血压连续异常 / blood pressure abnormal",
                    settings.abnormalRun() + " abnormal readings in a row");
        }
        return false;
    }

    /** The newest 30 readings, opened. */
    @Transactional(readOnly = true)
    public List<Reading> of(long customerId) {
        return readings(customerId, "order by measured_at desc, id desc limit 30");
    }

    /** Every reading of the customer, oldest first (his copy of his own data). */
    @Transactional(readOnly = true)
    public List<Reading> all(long customerId) {
        return readings(customerId, "order by measured_at, id");
    }

    private List<Reading> readings(long customerId, String order) {
        return jdbc.sql("select reading, measured_at from portal_blood_pressure where customer_id = :c " + order)
                .param("c", customerId)
                .query((rs, n) -> {
                    Pressure pressure = open(rs.getString("reading"));
                    return new Reading(pressure.systolic(), pressure.diastolic(),
                            LocalDateTime.ofInstant(rs.getObject("measured_at", OffsetDateTime.class).toInstant(), clock.getZone()),
                            abnormal(pressure));
                })
                .list();
    }

    private Pressure open(String stored) {
        return Pressure.parse(cipher.open(stored));
    }

    private boolean abnormal(Pressure pressure) {
        return pressure.systolic() >= settings.systolicLimit() || pressure.diastolic() >= settings.diastolicLimit();
    }
}
