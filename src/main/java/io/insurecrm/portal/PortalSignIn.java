package io.insurecrm.portal;

import io.insurecrm.customer.PhoneNumber;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with a phone number and a one-time code. A code is six random digits, kept only as a hash, valid for
 * {@code crm.portal.code-validity} and used once; a phone may ask for one every {@code resend-interval} and at most
 * {@code codes-per-hour} an hour; {@code max-failures} wrong codes lock the phone out for {@code lockout}. Whether a
 * number is registered is not revealed: an unknown number gets the same answer and no code.
 */
@Service
public class PortalSignIn {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final OtpSender sender;
    private final AccessAudit audit;
    private final Clock clock;
    private final PortalSettings settings;

    PortalSignIn(JdbcClient jdbc, OtpSender sender, AccessAudit audit, Clock clock, PortalSettings settings) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** Sends a code to the phone if it belongs to exactly one individual customer; returns the masked phone. */
    @Transactional
    public String requestCode(String rawPhone) {
        String phone = mobile(rawPhone);
        Instant now = clock.instant();
        refuseIfLocked(phone, now);
        Optional<Instant> last = jdbc.sql("select max(created_at) from portal_otp where phone = :phone")
                .param("phone", phone).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
        if (last.isPresent() && last.get().plus(settings.resendInterval()).isAfter(now)) {
            long seconds = java.time.Duration.between(now, last.get().plus(settings.resendInterval())).toSeconds() + 1;
            throw new PortalRefused("portal.code.tooSoon", seconds);
        }
        int lastHour = jdbc.sql("select count(*) from portal_otp where phone = :phone and created_at > :since")
                .param("phone", phone).param("since", at(now.minusSeconds(3600))).query(Integer.class).single();
        if (lastHour >= settings.codesPerHour()) {
            throw new PortalRefused("portal.code.tooMany", settings.codesPerHour());
        }
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        boolean known = customerWith(phone).isPresent();
        // an unknown number is throttled the same way, but its row can never match a code
        jdbc.sql("""
                        insert into portal_otp (phone, code_hash, created_at, expires_at)
                        values (:phone, :hash, :now, :expires)""")
                .param("phone", phone).param("hash", known ? hash(phone, code) : "unknown-number")
                .param("now", at(now)).param("expires", at(now.plus(settings.codeValidity()))).update();
        if (known) {
            sender.send(phone, code);
        }
        return new PhoneNumber(phone).masked();
    }

    /**
     * Checks the code against the newest one sent to the phone and signs the customer in.
     *
     * @throws PortalRefused naming why: no code asked for, expired, already used, wrong (with the attempts left), locked out
     */
    @Transactional(noRollbackFor = PortalRefused.class)
    public CustomerPrincipal verify(String rawPhone, String rawCode) {
        String phone = mobile(rawPhone);
        String code = rawCode == null ? "" : rawCode.strip();
        if (!code.matches("\\d{6}")) {
            throw new FieldRuleViolation("code", "portal.code.format");
        }
        Instant now = clock.instant();
        refuseIfLocked(phone, now);
        record Otp(long id, String hash, Instant expiresAt, Instant usedAt) {
        }
        Otp otp = jdbc.sql("""
                        select id, code_hash, expires_at, used_at from portal_otp where phone = :phone
                         order by created_at desc, id desc limit 1""")
                .param("phone", phone)
                .query((rs, n) -> new Otp(rs.getLong("id"), rs.getString("code_hash"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("used_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null)))
                .optional().orElseThrow(() -> new PortalRefused("portal.code.none"));
        if (otp.usedAt() != null) {
            throw new PortalRefused("portal.code.used");
        }
        if (!otp.expiresAt().isAfter(now)) {
            throw new PortalRefused("portal.code.expired", settings.codeValidity().toMinutes());
        }
        boolean matches = MessageDigest.isEqual(otp.hash().getBytes(StandardCharsets.US_ASCII),
                hash(phone, code).getBytes(StandardCharsets.US_ASCII));
        Optional<CustomerPrincipal> customer = matches ? customerWith(phone) : Optional.empty();
        if (customer.isEmpty()) {
            jdbc.sql("update portal_otp set attempts = attempts + 1 where id = :id").param("id", otp.id()).update();
            int left = failed(phone, now);
            if (left <= 0) {
                audit.recordAs("portal:" + new PhoneNumber(phone).masked(), "CUSTOMER", AuditAction.LOGIN_LOCKED, null,
                        List.of("phone"), "portal sign-in locked after " + settings.maxFailures() + " wrong codes");
                throw new PortalRefused("portal.signIn.locked", settings.lockout().toMinutes());
            }
            audit.recordAs("portal:" + new PhoneNumber(phone).masked(), "CUSTOMER", AuditAction.LOGIN_FAILED, null,
                    List.of("phone"), "wrong portal sign-in code");
            throw new PortalRefused("portal.code.wrong", left);
        }
        jdbc.sql("update portal_otp set used_at = :now where id = :id").param("now", at(now)).param("id", otp.id()).update();
        jdbc.sql("delete from portal_lockout where phone = :phone").param("phone", phone).update();
        return customer.get();
    }

    private void refuseIfLocked(String phone, Instant now) {
        Optional<OffsetDateTime> until = jdbc.sql("select locked_until from portal_lockout where phone = :phone and locked_until > :now")
                .param("phone", phone).param("now", at(now)).query(OffsetDateTime.class).optional();
        if (until.isPresent()) {
            long minutes = java.time.Duration.between(now, until.get().toInstant()).toMinutes() + 1;
            throw new PortalRefused("portal.signIn.locked", minutes);
        }
    }

    /** Counts a wrong code (failures older than the lock-out period start afresh); returns the attempts left. */
    private int failed(String phone, Instant now) {
        int failures = jdbc.sql("""
                        insert into portal_lockout as l (phone, failures, first_failure) values (:phone, 1, :now)
                        on conflict (phone) do update set
                            failures = case when l.first_failure < :windowStart then 1 else l.failures + 1 end,
                            first_failure = case when l.first_failure < :windowStart then :now else l.first_failure end,
                            locked_until = null
                        returning failures""")
                .param("phone", phone).param("now", at(now)).param("windowStart", at(now.minus(settings.lockout())))
                .query(Integer.class).single();
        int left = settings.maxFailures() - failures;
        if (left <= 0) {
            jdbc.sql("update portal_lockout set locked_until = :until, failures = 0, first_failure = :now where phone = :phone")
                    .param("until", at(now.plus(settings.lockout()))).param("now", at(now)).param("phone", phone).update();
        }
        return left;
    }

    private Optional<CustomerPrincipal> customerWith(String phone) {
        List<CustomerPrincipal> found = jdbc.sql("""
                        select id, name from customer where phone = :phone and kind = 'INDIVIDUAL' limit 2""")
                .param("phone", phone)
                .query((rs, n) -> new CustomerPrincipal(rs.getLong("id"), rs.getString("name"), new PhoneNumber(phone).masked()))
                .list();
        // a number shared by several customers does not identify one: such customers ask their agent
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static String mobile(String raw) {
        String phone = raw == null ? "" : raw.replaceAll("[\\s-]", "");
        if (!phone.matches("1[3-9]\\d{9}")) {
            throw new FieldRuleViolation("phone", "portal.phone.invalid");
        }
        return phone;
    }

    private static String hash(String phone, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((phone + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
