package io.insurecrm.privacy;

/** A token that cannot be rotated: already revoked, expired, or rotated before (its revocation is scheduled). */
public class TokenRotationRefused extends PrivacyStepRefused {

    TokenRotationRefused(String messageKey, Object... arguments) {
        super(messageKey, arguments);
    }
}
