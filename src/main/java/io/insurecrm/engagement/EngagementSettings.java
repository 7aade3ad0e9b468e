package io.insurecrm.engagement;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * crm.engagement.*: gateways, outbox pacing, guards and the daily scan (docs/engagement.md).
 *
 * @param smsUrl       the SMS gateway's endpoint (POST JSON); blank = the logging gateway (demo)
 * @param pushUrl      the app push gateway's endpoint; blank = the logging gateway
 * @param mailFrom     the sender of e-mails; e-mail goes over SMTP when spring.mail.host is set, else it is logged
 * @param gatewayTimeout how long a gateway may take to answer
 * @param batchSize    messages claimed per dispatcher round
 * @param maxAttempts  attempts before a message is parked with the reason
 * @param backoff      the first retry delay; each further attempt doubles it
 * @param maxBackoff   the longest retry delay
 * @param quietStart   quiet hours start (local time of the clock's zone); messages are deferred, not dropped
 * @param quietEnd     quiet hours end
 * @param capPerDay    messages per customer and channel in 24 hours (AUTH codes are not counted)
 * @param capPerWeek   messages per customer and channel in 7 days
 * @param locale       the language of messages to customers (zh-CN or en)
 * @param dispatch     whether the dispatcher polls the outbox (off in tests, which call it)
 * @param scan         whether the daily trigger scan runs (off in tests)
 * @param scanCron     when the daily scan and escalation run
 * @param surveyUrl    the NPS survey page; the occasion key is appended
 * @param complaintSla how long a complaint ticket may stay open
 * @param requestSla   how long a service request ticket may stay open
 * @param sendConcurrency messages of one dispatcher round sent at the same time (gateway calls in parallel)
 */
@ConfigurationProperties("crm.engagement")
public record EngagementSettings(String smsUrl, String pushUrl, String mailFrom, Duration gatewayTimeout,
                                 int batchSize, int maxAttempts, Duration backoff, Duration maxBackoff,
                                 LocalTime quietStart, LocalTime quietEnd, int capPerDay, int capPerWeek,
                                 String locale, boolean dispatch, boolean scan, String scanCron,
                                 String surveyUrl, Duration complaintSla, Duration requestSla, int sendConcurrency) {

    public EngagementSettings {
        smsUrl = smsUrl == null ? "" : smsUrl.strip();
        pushUrl = pushUrl == null ? "" : pushUrl.strip();
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "noreply@insurecrm.local" : mailFrom.strip();
        gatewayTimeout = gatewayTimeout == null ? Duration.ofSeconds(5) : gatewayTimeout;
        batchSize = batchSize <= 0 ? 100 : batchSize;
        maxAttempts = maxAttempts <= 0 ? 6 : maxAttempts;
        backoff = backoff == null ? Duration.ofSeconds(30) : backoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        quietStart = quietStart == null ? LocalTime.of(21, 0) : quietStart;
        quietEnd = quietEnd == null ? LocalTime.of(8, 0) : quietEnd;
        capPerDay = capPerDay <= 0 ? 3 : capPerDay;
        capPerWeek = capPerWeek <= 0 ? 10 : capPerWeek;
        locale = locale == null || locale.isBlank() ? "zh-CN" : locale.strip();
        scanCron = scanCron == null || scanCron.isBlank() ? "0 30 6 * * *" : scanCron;
        complaintSla = complaintSla == null ? Duration.ofHours(48) : complaintSla;
        requestSla = requestSla == null ? Duration.ofHours(72) : requestSla;
        sendConcurrency = sendConcurrency <= 0 ? 16 : Math.min(sendConcurrency, 256);
        surveyUrl = surveyUrl == null || surveyUrl.isBlank() ? "http://localhost:8080/nps?k=" : surveyUrl.strip();
    }

    /** The same settings with another send concurrency (a benchmark's sequential baseline). */
    public EngagementSettings withSendConcurrency(int concurrency) {
        return new EngagementSettings(smsUrl, pushUrl, mailFrom, gatewayTimeout, batchSize, maxAttempts, backoff, maxBackoff,
                quietStart, quietEnd, capPerDay, capPerWeek, locale, dispatch, scan, scanCron, surveyUrl, complaintSla,
                requestSla, concurrency);
    }

    /** The delay before attempt {@code attempts + 1}: backoff × 2^(attempts − 1), at most maxBackoff. */
    public Duration retryDelay(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = backoff.multipliedBy(factor);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
