package io.insurecrm.engagement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo's gateway: writes the message to the log instead of sending it. */
class LoggingChannel implements MessageChannel {

    private static final Logger log = LoggerFactory.getLogger(LoggingChannel.class);

    private final Channel channel;

    LoggingChannel(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String send(OutgoingMessage message) {
        log.info("[{} logging gateway] key={} to={} subject={} text={}", channel, message.idempotencyKey(),
                message.recipient(), message.subject(), message.body());
        return "logged";
    }
}
