package io.insurecrm.engagement;

/**
 * A way to deliver a message: SMS and app push through HTTP gateways, e-mail over SMTP, or the demo's logging
 * gateway. Other modules send through {@link MessageChannels} (the portal's one-time sign-in codes); everything
 * else goes through the outbox ({@link EngagementMessages}).
 */
public interface MessageChannel {

    Channel channel();

    /**
     * Hands the message to the gateway, returning the gateway's reference.
     *
     * @throws DeliveryFailed when the gateway did not take it
     */
    String send(OutgoingMessage message);
}
