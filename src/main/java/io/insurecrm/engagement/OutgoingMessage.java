package io.insurecrm.engagement;

import java.util.Objects;

/**
 * One message as a gateway sees it. The idempotency key travels with it, so a gateway that has seen the key already
 * does not deliver it again (a resend after a crash is harmless).
 */
public record OutgoingMessage(String idempotencyKey, Channel channel, String recipient, String subject, String body) {

    public OutgoingMessage {
        Objects.requireNonNull(channel, "channel");
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("An idempotency key of 1 to 200 characters is needed");
        }
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("A recipient is needed");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("A message body is needed");
        }
    }
}
