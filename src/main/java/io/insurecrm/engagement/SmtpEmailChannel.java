package io.insurecrm.engagement;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail over SMTP. The idempotency key becomes the Message-ID, so a mail resent after a crash carries the same id
 * and mail systems (and the message log) can recognise it.
 */
class SmtpEmailChannel implements MessageChannel {

    /** Only for building messages: the sender's own session sends them. */
    private static final jakarta.mail.Session SESSION = jakarta.mail.Session.getInstance(new java.util.Properties());

    private final JavaMailSender mail;
    private final String from;

    SmtpEmailChannel(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(OutgoingMessage message) {
        String messageId = "<" + message.idempotencyKey().replaceAll("[^A-Za-z0-9._:-]", "_") + "@insurecrm>";
        try {
            MimeMessage mime = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.subject() == null ? "" : message.subject());
            helper.setText(message.body(), false);
            mime.setHeader("X-Idempotency-Key", message.idempotencyKey());
            mail.send(mime);
            return messageId;
        } catch (MessagingException e) {
            throw new DeliveryFailed("e-mail refused: " + e.getMessage(), false, e);
        } catch (MailSendException e) {
            throw new DeliveryFailed("SMTP send failed: " + e.getMessage(), true, e);
        } catch (MailException e) {
            throw new DeliveryFailed("SMTP failed: " + e.getMessage(), true, e);
        }
    }
}
