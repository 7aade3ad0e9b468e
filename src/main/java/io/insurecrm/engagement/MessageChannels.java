package io.insurecrm.engagement;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The channel for each {@link Channel}: HTTP gateways when crm.engagement.sms-url / push-url are set, SMTP when a
 * mail sender is configured (spring.mail.host), otherwise the logging gateway. {@link #send} delivers at once,
 * without the outbox: for one-time sign-in codes the portal sends while the customer waits.
 */
@Component
public class MessageChannels {

    private final Map<Channel, MessageChannel> channels = new EnumMap<>(Channel.class);

    MessageChannels(EngagementSettings settings, ObjectProvider<JavaMailSender> mail) {
        channels.put(Channel.SMS, settings.smsUrl().isEmpty() ? new LoggingChannel(Channel.SMS)
                : new HttpGatewayChannel(Channel.SMS, settings.smsUrl(), settings.gatewayTimeout()));
        channels.put(Channel.PUSH, settings.pushUrl().isEmpty() ? new LoggingChannel(Channel.PUSH)
                : new HttpGatewayChannel(Channel.PUSH, settings.pushUrl(), settings.gatewayTimeout()));
        JavaMailSender sender = mail.getIfAvailable();
        channels.put(Channel.EMAIL, sender == null ? new LoggingChannel(Channel.EMAIL)
                : new SmtpEmailChannel(sender, settings.mailFrom()));
    }

    public MessageChannel of(Channel channel) {
        return channels.get(channel);
    }

    /**
     * Sends at once through the channel, without consent checks, quiet hours or caps (for codes the customer asked
     * for).
     *
     * @throws DeliveryFailed when the gateway did not take it
     */
    public String send(OutgoingMessage message) {
        return of(message.channel()).send(message);
    }
}
