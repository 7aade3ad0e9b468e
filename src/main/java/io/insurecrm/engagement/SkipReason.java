package io.insurecrm.engagement;

/**
 * Why a campaign leaves an audience member out, judged in this order (each customer counted once, under the first
 * that applies): opted out of the channel, no consent for the purpose, no address on the channel, over the
 * frequency cap of the channel.
 */
public enum SkipReason {
    OPTED_OUT, NO_CONSENT, NO_CONTACT, FREQUENCY_CAP
}
