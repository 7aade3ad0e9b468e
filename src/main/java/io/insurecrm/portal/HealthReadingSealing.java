package io.insurecrm.portal;

import io.insurecrm.platform.crypto.EncryptedColumn;
import io.insurecrm.platform.crypto.FieldCipher;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Health readings encrypted at rest (migration portal/V16). Declares {@code portal_blood_pressure.reading} as an
 * {@link EncryptedColumn}, so key rotation re-encrypts it (privacy.crypto.FieldReencryption), and at start moves the
 * readings stored in the clear in {@code portal_health_reading} (written before V16) into it, sealed: chunks of 1,000
 * rows, each chunk read ({@code for update skip locked}), sealed in Java, inserted and deleted from the old table in
 * one transaction. Its only state is the data — a reading still in the old table has not been moved — so an interrupted
 * start continues where it stopped and a start with nothing left changes nothing (one indexed {@code exists}).
 */
@Configuration(proxyBeanMethods = false)
class HealthReadingSealing implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(HealthReadingSealing.class);
    static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate chunkTransaction;

    HealthReadingSealing(JdbcClient jdbc, FieldCipher cipher, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.chunkTransaction = new TransactionTemplate(transactions);
    }

    @Bean
    static EncryptedColumn portalBloodPressureReading() {
        return new EncryptedColumn("portal_blood_pressure", "reading", null, HealthReadings.FIELD);
    }

    @Override
    public void afterSingletonsInstantiated() {
        long moved = moveClearReadings();
        if (moved > 0) {
            log.info("Sealed {} blood-pressure readings stored in the clear (portal_health_reading -> portal_blood_pressure)", moved);
        }
    }

    /** Moves every clear reading, sealed; the number moved (0 when none is left). */
    long moveClearReadings() {
        long moved = 0;
        for (int n = chunk(); n > 0; n = chunk()) {
            moved += n;
        }
        return moved;
    }

    private record Clear(long id, long customerId, int systolic, int diastolic, long measuredAtMicros) {
    }

    private int chunk() {
        Integer n = chunkTransaction.execute(status -> {
            List<Clear> rows = jdbc.sql("""
                            select id, customer_id, systolic, diastolic,
                                   (extract(epoch from measured_at) * 1000000)::bigint as at_us from portal_health_reading
                             order by id limit :limit for update skip locked""")
                    .param("limit", CHUNK)
                    .query((rs, i) -> new Clear(rs.getLong("id"), rs.getLong("customer_id"), rs.getInt("systolic"),
                            rs.getInt("diastolic"), rs.getLong("at_us")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            int size = rows.size();
            Long[] customers = new Long[size];
            String[] readings = new String[size];
            Long[] times = new Long[size];
            Long[] ids = new Long[size];
            for (int i = 0; i < size; i++) {
                Clear row = rows.get(i);
                ids[i] = row.id();
                customers[i] = row.customerId();
                readings[i] = cipher.seal(new HealthReadings.Pressure(row.systolic(), row.diastolic()).sealedForm());
                times[i] = row.measuredAtMicros();
            }
            jdbc.sql("""
                            insert into portal_blood_pressure (customer_id, reading, measured_at)
                            select c, r, timestamptz 'epoch' + t * interval '1 microsecond'
                              from unnest(cast(:customers as bigint[]), cast(:readings as text[]), cast(:times as bigint[])) as v(c, r, t)""")
                    .param("customers", customers).param("readings", readings).param("times", times).update();
            jdbc.sql("delete from portal_health_reading where id = any(cast(:ids as bigint[]))").param("ids", ids).update();
            return size;
        });
        return n == null ? 0 : n;
    }
}
