package io.insurecrm.engagement;

/**
 * Why a message is sent, which decides the consent it needs: SERVICE notices need the SERVICE consent, MARKETING
 * the MARKETING consent; AUTH (one-time sign-in codes the customer asked for) needs none and ignores quiet hours
 * and frequency caps.
 */
public enum MessagePurpose {
    SERVICE, MARKETING, AUTH
}
