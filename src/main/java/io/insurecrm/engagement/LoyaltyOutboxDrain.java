package io.insurecrm.engagement;

import io.insurecrm.loyalty.Outbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drains the loyalty module's outbox (benefit-activation SMS after a tier upgrade) into this module's message outbox:
 * each loyalty row becomes one SERVICE message keyed {@code loyalty-outbox:<id>} and is marked sent in the same
 * transaction, so a crash in between queues nothing twice and loses nothing. Consent, quiet hours, caps and opt-outs
 * are applied when the message is sent, like every other message.
 */
@Component
class LoyaltyOutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyOutboxDrain.class);

    private final Outbox loyaltyOutbox;
    private final EngagementMessages messages;
    private final EngagementSettings settings;
    private final MessageSource texts;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    LoyaltyOutboxDrain(Outbox loyaltyOutbox, EngagementMessages messages, EngagementSettings settings,
                       MessageSource texts, TransactionTemplate tx, Clock clock) {
        this.loyaltyOutbox = loyaltyOutbox;
        this.messages = messages;
        this.settings = settings;
        this.texts = texts;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crm.engagement.poll-millis:1000}", initialDelayString = "${crm.engagement.poll-millis:1000}")
    void poll() {
        if (settings.dispatch()) {
            drain();
        }
    }

    /** Moves every unsent loyalty message into the engagement outbox; returns how many were moved. */
    int drain() {
        int moved = 0;
        while (true) {
            Integer round = tx.execute(status -> {
                int n = 0;
                for (Outbox.Message message : loyaltyOutbox.unsent(500)) {
                    messages.enqueueText(message.customerId(), Channel.valueOf(message.channel()), MessagePurpose.SERVICE,
                            null, text(message), "loyalty-outbox:" + message.id());
                    if (loyaltyOutbox.markSent(message.id(), Timestamp.from(clock.instant()))) {
                        n++;
                    }
                }
                return n;
            });
            if (round == null || round == 0) {
                break;
            }
            moved += round;
        }
        if (moved > 0) {
            log.info("Queued {} loyalty messages", moved);
        }
        return moved;
    }

    private String text(Outbox.Message message) {
        Locale locale = Locale.forLanguageTag(messages.localeOf(message.customerId()));
        boolean english = "en".equals(locale.getLanguage());
        JsonNode variables = json.readTree(message.variables() == null ? "{}" : message.variables());
        StringBuilder benefits = new StringBuilder();
        for (JsonNode benefit : variables.path("benefits")) {
            if (!benefits.isEmpty()) {
                benefits.append(english ? ", " : "、");
            }
            benefits.append(benefit.path(english ? "nameEn" : "nameZh").asString());
        }
        String tier = texts.getMessage("loyalty.tier." + variables.path("tier").asString(), null,
                variables.path("tier").asString(), locale);
        return texts.getMessage("engagement.loyalty.upgraded", new Object[]{tier, benefits.toString()}, locale);
    }
}
