package io.insurecrm.portal;

import io.insurecrm.platform.crypto.FieldCipher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Readings stored in the clear before V16 are moved, sealed, at start: resumable and idempotent. */
@SpringBootTest
class HealthReadingSealingTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HealthReadingSealing sealing;
    @Autowired
    HealthReadings readings;
    @Autowired
    FieldCipher cipher;

    @Test
    void clearReadingsAreMovedSealedWithTheirTimeAndASecondRunChangesNothing() {
        long customer = new PortalFixture(jdbc).customer("旧血压");
        int rows = HealthReadingSealing.CHUNK + 3;   // more than one chunk
        jdbc.sql("""
                        insert into portal_health_reading (customer_id, systolic, diastolic, measured_at, abnormal)
                        select :c, 100 + g % 80, 60 + g % 30, timestamptz '2026-01-01 08:00:00.123456+00' + g * interval '1 hour',
                               false
                          from generate_series(1, :n) g""")
                .param("c", customer).param("n", rows).update();

        assertThat(sealing.moveClearReadings()).isGreaterThanOrEqualTo(rows);
        assertThat(jdbc.sql("select count(*) from portal_health_reading").query(Long.class).single()).isZero();
        List<String> stored = jdbc.sql("select reading from portal_blood_pressure where customer_id = :c order by measured_at")
                .param("c", customer).query(String.class).list();
        assertThat(stored).hasSize(rows).allSatisfy(v -> assertThat(v).startsWith("v1:" + cipher.activeKeyId() + ":"));
        assertThat(cipher.open(stored.get(0))).isEqualTo("101/61");
        assertThat(jdbc.sql("select measured_at = timestamptz '2026-01-01 09:00:00.123456+00' from portal_blood_pressure "
                + "where customer_id = :c order by measured_at limit 1").param("c", customer).query(Boolean.class).single())
                .as("the time is kept to the microsecond").isTrue();
        List<HealthReadings.Reading> all = readings.all(customer);
        assertThat(all).hasSize(rows);
        assertThat(all.get(0).systolic()).isEqualTo(101);
        assertThat(all.get(0).abnormal()).isFalse();
        assertThat(all.stream().filter(HealthReadings.Reading::abnormal)).as("140 and above is abnormal, decided on opening")
                .allSatisfy(r -> assertThat(r.systolic() >= 140 || r.diastolic() >= 90).isTrue()).isNotEmpty();

        assertThat(sealing.moveClearReadings()).as("nothing left: a second run changes nothing").isZero();
        assertThat(jdbc.sql("select reading from portal_blood_pressure where customer_id = :c order by measured_at")
                .param("c", customer).query(String.class).list()).isEqualTo(stored);
    }
}
