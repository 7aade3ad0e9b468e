package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.insurecrm.fixtures.BookFixtures;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox end to end: e-mail over real SMTP (GreenMail), SMS and push through a local stub gateway; retries with
 * back-off, parking with the reason, the guards (consent, opt-out, quiet hours, caps) and one row per key.
 */
@SpringBootTest
class OutboxTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final StubGateway GATEWAY;

    static {
        try {
            GATEWAY = new StubGateway(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        registry.add("crm.engagement.sms-url", GATEWAY::url);
        registry.add("crm.engagement.push-url", GATEWAY::url);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
        registry.add("crm.engagement.max-attempts", () -> "3");
        registry.add("crm.engagement.backoff", () -> "10s");
        registry.add("crm.engagement.gateway-timeout", () -> "500ms");
    }

    @AfterAll
    static void stop() {
        GATEWAY.close();
    }

    @Autowired JdbcClient jdbc;
    @Autowired EngagementMessages messages;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired MessageTemplates templates;

    BookFixtures book;
    long customer;

    @BeforeEach
    void customer() {
        GATEWAY.mode(StubGateway.Mode.OK);
        book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("44"), "李顾问");
        customer = book.individual("张三", LocalDate.of(1980, 5, 1), true, "44", agent);
        consent(customer, "SERVICE");
        messages.contact(customer, "zhang.san@example.com", null);
    }

    /** 10:00 in Shanghai tomorrow: outside quiet hours, after every row queued now. */
    static Instant daytime() {
        return LocalDate.now(SHANGHAI).plusDays(1).atTime(10, 0).atZone(SHANGHAI).toInstant();
    }

    @Test
    void smsAndPushGoThroughTheGatewayWithTheKeyAndEmailOverSmtp() throws Exception {
        String sms = key();
        String push = key();
        String email = key();
        messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-1", "date", "2027-01-01"), sms, null);
        messages.enqueue(customer, Channel.PUSH, MessagePurpose.SERVICE, "CLAIM_PROGRESS",
                Map.of("claimNumber", "C-9", "claimStatus", "已赔付"), push, null);
        messages.enqueue(customer, Channel.EMAIL, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-2", "date", "2027-02-01"), email, null);

        drain(daytime());

        assertThat(GATEWAY.delivered(sms)).isTrue();
        assertThat(GATEWAY.delivered(push)).isTrue();
        assertThat(GATEWAY.bodies()).anySatisfy(body -> assertThat(body)
                .contains("\"key\":\"" + sms + "\"").contains("张三您好，您的保单P-1将于2027-01-01到期"));
        assertThat(GATEWAY.bodies()).anySatisfy(body -> assertThat(body).contains("\"to\":\"app:" + customer + "\""));
        assertThat(status(sms)).isEqualTo("SENT");
        assertThat(status(email)).isEqualTo("SENT");
        MimeMessage received = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> header(m, "X-Idempotency-Key").equals(email)).findFirst().orElseThrow();
        assertThat(received.getSubject()).isEqualTo("续保提醒");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("zhang.san@example.com");
        assertThat(((String) received.getContent()).strip()).isEqualTo("张三您好，您的保单P-2将于2027-02-01到期，请及时续保。");
        assertThat(header(received, "Message-ID")).contains(email);
    }

    @Test
    void theSameKeyQueuesOneMessageAndTheGatewayDeliversItOnce() {
        String k = key();
        assertThat(messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-1", "date", "2027-01-01"), k, null)).isPresent();
        assertThat(messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-1", "date", "2027-01-01"), k, null)).isEmpty();
        // a crash after sending and before marking: the row is queued again and resent with the same key
        drain(daytime());
        long before = GATEWAY.deliveredKeys();
        jdbc.sql("update engagement_message set status = 'QUEUED' where idempotency_key = :k").param("k", k).update();
        drain(daytime());
        assertThat(GATEWAY.deliveredKeys()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from engagement_message where idempotency_key = :k").param("k", k)
                .query(Integer.class).single()).isOne();
    }

    @Test
    void aFailingGatewayIsRetriedWithBackOffThenParkedWithTheReason() {
        String k = key();
        messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-1", "date", "2027-01-01"), k, null);
        GATEWAY.mode(StubGateway.Mode.FAIL_500);
        Instant now = daytime();
        drain(now);
        assertThat(status(k)).isEqualTo("QUEUED");
        assertThat(attempts(k)).isEqualTo(1);
        assertThat(nextAttempt(k)).isEqualTo(now.plusSeconds(10));
        assertThat(error(k)).contains("answered 500");

        drain(now.plusSeconds(5));
        assertThat(attempts(k)).as("not due yet").isEqualTo(1);

        GATEWAY.mode(StubGateway.Mode.STALL);
        drain(now.plusSeconds(10));
        assertThat(attempts(k)).isEqualTo(2);
        assertThat(error(k)).contains("timed out");
        assertThat(nextAttempt(k)).as("the delay doubles").isEqualTo(now.plusSeconds(10 + 20));

        GATEWAY.mode(StubGateway.Mode.FAIL_500);
        drain(now.plusSeconds(30));
        assertThat(status(k)).isEqualTo("PARKED");
        assertThat(attempts(k)).isEqualTo(3);
        assertThat(error(k)).isEqualTo("attempt 3: SMS gateway answered 500: gateway broken");
        assertThat(GATEWAY.delivered(k)).isFalse();
    }

    @Test
    void guardsSuppressWithoutConsentOrAfterOptOutAndDeferQuietHoursAndCaps() {
        String marketing = key();
        messages.enqueue(customer, Channel.SMS, MessagePurpose.MARKETING, "COVERAGE_REVIEW", Map.of(), marketing, null);
        drain(daytime());
        assertThat(status(marketing)).isEqualTo("SUPPRESSED");
        assertThat(error(marketing)).isEqualTo("no MARKETING consent");

        messages.optOut(customer, Channel.PUSH, "reply TD");
        String push = key();
        messages.enqueue(customer, Channel.PUSH, MessagePurpose.SERVICE, "CLAIM_PROGRESS",
                Map.of("claimNumber", "C-1", "claimStatus", "已报案"), push, null);
        drain(daytime());
        assertThat(status(push)).isEqualTo("SUPPRESSED");
        assertThat(error(push)).isEqualTo("opted out of PUSH");

        String night = key();
        messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-1", "date", "2027-01-01"), night, null);
        Instant late = LocalDate.now(SHANGHAI).plusDays(1).atTime(22, 30).atZone(SHANGHAI).toInstant();
        drain(late);
        assertThat(status(night)).isEqualTo("QUEUED");
        assertThat(nextAttempt(night)).isEqualTo(LocalDate.now(SHANGHAI).plusDays(2).atTime(8, 0).atZone(SHANGHAI).toInstant());
        assertThat(error(night)).isEqualTo("quiet hours until 08:00");
        assertThat(GATEWAY.delivered(night)).isFalse();

        // the cap: 3 SMS a day; the fourth service SMS waits a day
        String[] keys = {key(), key(), key(), key()};
        for (String k : keys) {
            messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                    Map.of("policyNumber", "P-1", "date", "2027-01-01"), k, null);
        }
        Instant morning = LocalDate.now(SHANGHAI).plusDays(2).atTime(9, 0).atZone(SHANGHAI).toInstant();
        drain(morning);
        long sent = java.util.Arrays.stream(keys).filter(k -> status(k).equals("SENT")).count()
                + (status(night).equals("SENT") ? 1 : 0);
        assertThat(sent).isEqualTo(3);
        assertThat(java.util.Arrays.stream(keys).filter(k -> status(k).equals("QUEUED")).map(this::error))
                .containsOnly("frequency cap 3/day, 10/week on SMS");
    }

    @Test
    void aMessageWithoutAddressOrValueIsRecordedNotDropped() {
        long other = book.individual("李四", LocalDate.of(1990, 1, 1), false, "11", book.agent(book.branch("11")));
        consent(other, "SERVICE");
        String email = key();
        messages.enqueue(other, Channel.EMAIL, MessagePurpose.SERVICE, "CLAIM_PROGRESS",
                Map.of("claimNumber", "C-1", "claimStatus", "x"), email, null);
        assertThat(status(email)).isEqualTo("SUPPRESSED");
        assertThat(error(email)).isEqualTo("no EMAIL address");
        String missing = key();
        messages.enqueue(other, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER", Map.of("date", "2027-01-01"), missing, null);
        assertThat(status(missing)).isEqualTo("PARKED");
        assertThat(error(missing)).isEqualTo("template RENEWAL_REMINDER v2: variable policyNumber has no value");
    }

    @Test
    void aTemplateWithAnUnknownVariableIsRefusedOnSave() {
        assertThatThrownBy(() -> templates.save("RENEWAL_REMINDER", "en", "Hi", "Dear {{customerName}}, {{premium}} due", "admin"))
                .isInstanceOfSatisfying(EngagementRefused.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::field, RuleProblem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("body", "engagement.template.variable.unknown")));
        assertThat(templates.find("RENEWAL_REMINDER", "en").orElseThrow().body()).doesNotContain("premium");
        MessageTemplate saved = templates.save("TEST_" + (System.nanoTime() % 100000), "en", "Hi {{customerName}}", "Code {{code}}", "admin");
        assertThat(saved.version()).isEqualTo(1);
    }

    @Test
    void quietHoursEndAtTheNextMorning() {
        assertThat(OutboxDispatcher.quietUntil(Instant.parse("2026-12-01T14:00:00Z"), SHANGHAI, LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(OutboxDispatcher.quietUntil(Instant.parse("2026-12-01T23:30:00Z"), SHANGHAI, LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(OutboxDispatcher.quietUntil(Instant.parse("2026-12-01T02:00:00Z"), SHANGHAI, LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .isNull();
    }

    private void drain(Instant now) {
        while (dispatcher.dispatch(now).claimed() > 0) {
            // until nothing due is left
        }
    }

    private void consent(long customerId, String purpose) {
        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                values (:c, :p, true, 'PAPER_FORM', 'test', now(), 'test')""").param("c", customerId).param("p", purpose).update();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    private String status(String key) {
        return column(key, "status", String.class);
    }

    private String error(String key) {
        return column(key, "last_error", String.class);
    }

    private int attempts(String key) {
        return column(key, "attempts", Integer.class);
    }

    private Instant nextAttempt(String key) {
        return column(key, "next_attempt_at", java.time.OffsetDateTime.class).toInstant();
    }

    private <T> T column(String key, String column, Class<T> type) {
        return jdbc.sql("select " + column + " from engagement_message where idempotency_key = :k").param("k", key)
                .query(type).single();
    }

    private static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? "" : values[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
