package io.insurecrm.privacy;

/**
 * A data-subject request step that the rules do not allow now (an erasure while a contract is in force, a
 * transition from a closed request, a rejection without reason). Nothing was changed.
 */
public class DataSubjectRequestRefused extends PrivacyStepRefused {

    DataSubjectRequestRefused(String messageKey, Object... arguments) {
        super(messageKey, arguments);
    }
}
