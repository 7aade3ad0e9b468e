package io.insurecrm.portal;

import io.insurecrm.engagement.Channel;
import io.insurecrm.engagement.MessageChannels;
import io.insurecrm.engagement.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Sends the sign-in code as an SMS through the engagement module's SMS channel, at once and without the outbox (the
 * customer is waiting). With no SMS gateway configured (crm.engagement.sms-url) that channel is the logging gateway,
 * so in the demo the code appears in the application log. The idempotency key is derived from the phone and the code,
 * so a retried request never texts the same code twice.
 */
@Component
class SmsOtpSender implements OtpSender {

    private final MessageChannels channels;
    private final MessageSource messages;

    SmsOtpSender(MessageChannels channels, MessageSource messages) {
        this.channels = channels;
        this.messages = messages;
    }

    @Override
    public void send(String phone, String code) {
        String body = messages.getMessage("portal.otp.sms", new Object[]{code}, LocaleContextHolder.getLocale());
        channels.send(new OutgoingMessage("portal-otp:" + digest(phone + ":" + code), Channel.SMS, phone, null, body));
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
