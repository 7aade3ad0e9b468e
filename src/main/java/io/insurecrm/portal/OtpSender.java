package io.insurecrm.portal;

/**
 * Delivers a one-time sign-in code to a phone. The default writes it to the log (demo and tests); the engagement
 * module's SMS channel takes over by providing a primary bean of this type.
 */
public interface OtpSender {

    void send(String phone, String code);
}
