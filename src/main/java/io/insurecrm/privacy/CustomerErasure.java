package io.insurecrm.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure where the law allows (PIPL art. 47): the customer's personal fields are anonymised in place, his
 * interactions' free text cleared, his health readings deleted and his household membership removed; his policies and claims stay as the
 * insurer's records under legal retention (Insurance Law art. 87), the claims' free text cleared once their
 * retention has ended. Refused while a policy is in force (servicing the contract is still the purpose). All in
 * the caller's transaction: nothing half-done.
 */
@Component
class CustomerErasure {

    static final String ERASED_NAME = "已注销客户 #";

    private final JdbcClient jdbc;
    private final DataSubjectRightsSettings settings;
    private final Clock clock;

    /** The field name of the customer's ID number in its blind index (customer.IdNumberProtection.FIELD). */
    static final String ID_NUMBER_FIELD = "customer.id_number";

    private final io.insurecrm.platform.crypto.FieldCipher cipher;
    private final org.springframework.context.ApplicationEventPublisher events;

    CustomerErasure(JdbcClient jdbc, DataSubjectRightsSettings settings, Clock clock,
                    io.insurecrm.platform.crypto.FieldCipher cipher, org.springframework.context.ApplicationEventPublisher events) {
        this.cipher = cipher;
        this.events = events;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    record Result(long customerId, LocalDate retainedUntil, int policiesRetained, int interactionsCleared, int claimsCleared) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Result erase(long customerId, Long requestId, String actor) {
        LocalDate today = LocalDate.now(clock);
        record Subject(String kind, String name, boolean erased) {
        }
        Subject subject = jdbc.sql("""
                        select kind, name, exists (select 1 from customer_erasure e where e.customer_id = c.id) as erased
                          from customer c where c.id = :id for update""")
                .param("id", customerId)
                .query((rs, n) -> new Subject(rs.getString("kind"), rs.getString("name"), rs.getBoolean("erased")))
                .optional().orElseThrow(() -> new DataSubjectRequestRefused("rights.erasure.noCustomer", customerId));
        if (subject.erased()) {
            throw new DataSubjectRequestRefused("rights.erasure.already", customerId);
        }
        if (!subject.kind().equals("INDIVIDUAL")) {
            // PIPL protects natural persons; a company's data is not personal information
            throw new DataSubjectRequestRefused("rights.erasure.corporate", customerId);
        }
        List<String> inForce = jdbc.sql("""
                        select policy_number from policy
                         where (holder_id = :id or insured_id = :id) and status = 'ACTIVE' and end_date >= :today
                         order by policy_number""")
                .param("id", customerId).param("today", today).query(String.class).list();
        if (!inForce.isEmpty()) {
            throw new DataSubjectRequestRefused("rights.erasure.inForce", customerId, String.join(", ", inForce));
        }
        // the last day each policy must be kept: its end (lapse, cancellation or expiry) plus the retention years
        String retainedUntilSql = """
                (coalesce(p.terminated_on, p.end_date)
                 + make_interval(years => case when p.end_date - p.start_date > 366 then :longYears else :shortYears end))::date""";
        LocalDate retainedUntil = jdbc.sql("select max(" + retainedUntilSql + ") from policy p where p.holder_id = :id or p.insured_id = :id")
                .param("id", customerId).param("longYears", settings.retentionYearsLongTerm())
                .param("shortYears", settings.retentionYearsShortTerm()).query(LocalDate.class).optional().orElse(null);
        int retained = jdbc.sql("select count(*) from policy p where (p.holder_id = :id or p.insured_id = :id) and " + retainedUntilSql + " >= :today")
                .param("id", customerId).param("longYears", settings.retentionYearsLongTerm())
                .param("shortYears", settings.retentionYearsShortTerm()).param("today", today).query(Integer.class).single();
        int claimsCleared = jdbc.sql("""
                        update claim c set description = null, version = c.version + 1
                          from policy p
                         where p.id = c.policy_id and c.customer_id = :id and c.description is not null
                           and """ + retainedUntilSql + " < :today")
                .param("id", customerId).param("longYears", settings.retentionYearsLongTerm())
                .param("shortYears", settings.retentionYearsShortTerm()).param("today", today).update();
        jdbc.sql("""
                        update claim_status_change s set note = null
                          from claim c join policy p on p.id = c.policy_id
                         where s.claim_id = c.id and c.customer_id = :id and s.note is not null and """ + retainedUntilSql + " < :today")
                .param("id", customerId).param("longYears", settings.retentionYearsLongTerm())
                .param("shortYears", settings.retentionYearsShortTerm()).param("today", today).update();
        // health data (sensitive, no legal retention): removed, not anonymised — readings moved or not yet moved
        jdbc.sql("delete from portal_blood_pressure where customer_id = :id").param("id", customerId).update();
        jdbc.sql("delete from portal_health_reading where customer_id = :id").param("id", customerId).update();
        int interactions = jdbc.sql("update interaction set outcome = null, version = version + 1 where customer_id = :id and outcome is not null")
                .param("id", customerId).update();
        // households are named after their members: rename the ones he leaves behind, drop the ones left empty
        List<Long> households = jdbc.sql("delete from household_member where customer_id = :id returning household_id")
                .param("id", customerId).query(Long.class).list();
        for (long household : households) {
            jdbc.sql("delete from household h where h.id = :h and not exists (select 1 from household_member m where m.household_id = h.id)")
                    .param("h", household).update();
            jdbc.sql("update household set name = '家庭 #' || id, version = version + 1 where id = :h and position(:name in name) > 0")
                    .param("h", household).param("name", subject.name()).update();
        }
        anonymiseProfile(customerId);
        jdbc.sql("""
                        insert into customer_erasure (customer_id, request_id, erased_at, erased_by, retained_until)
                        values (:id, :request, :at, :actor, :until)""")
                .param("id", customerId).param("request", requestId, java.sql.Types.BIGINT)
                .param("at", java.time.OffsetDateTime.now(clock)).param("actor", actor)
                .param("until", retainedUntil, java.sql.Types.DATE).update();
        // in this transaction: whoever keeps a copy of him (the analysts' list) drops it together with the erasure
        events.publishEvent(new CustomerErased(customerId, clock.instant()));
        return new Result(customerId, retainedUntil, retained, interactions, claimsCleared);
    }

    /**
     * The profile without anything that identifies the person: the name becomes a number, contact, occupation,
     * income, marital status and the bank account are cleared, the city replaced, the birth date kept to its year, and the ID number
     * (required and unique for individuals) replaced by a synthetic number that cannot be anyone's: region 00.
     */
    private void anonymiseProfile(long customerId) {
        LocalDate birth = jdbc.sql("select birth_date from customer where id = :id").param("id", customerId).query(LocalDate.class).single();
        String synthetic = syntheticIdNumber(customerId);
        jdbc.sql("""
                        update customer set name = :name, phone = null, occupation = null, income_band = null,
                               marital_status = null, city = '—', birth_date = :birth, id_number = :idNumber,
                               bank_name = null, bank_account = null, bank_account_bidx = null,
                               bank_account_masked = null, bank_account_bidx_next = null,
                               id_number_bidx = :bidx, id_number_masked = :masked,
                               updated_at = :now, version = version + 1
                         where id = :id""")
                .param("id", customerId).param("name", ERASED_NAME + customerId)
                .param("birth", birth == null ? null : LocalDate.of(birth.getYear(), 1, 1), java.sql.Types.DATE)
                // stored like every ID number (ADR 0004): encrypted, with its blind index and mask
                .param("idNumber", cipher.seal(synthetic))
                .param("bidx", cipher.blindIndex(ID_NUMBER_FIELD, synthetic))
                .param("masked", synthetic.substring(0, 3) + "*".repeat(11) + synthetic.substring(14))
                .param("now", java.time.OffsetDateTime.now(clock)).update();
    }

    /** 18 characters with a valid check character, region 00 (no real region), unique per customer id. */
    static String syntheticIdNumber(long customerId) {
        long days = customerId / 1000;
        LocalDate date = LocalDate.of(1900, 1, 1).plusDays(days % 36500);
        String first17 = "00" + String.format("%04d", (days / 36500) % 10000)
                + String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth())
                + String.format("%03d", customerId % 1000);
        return first17 + checkCharacter(first17);
    }

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
