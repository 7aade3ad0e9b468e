package io.insurecrm.privacy;

/** Where a consent or withdrawal was given, kept as evidence. */
public enum ConsentSource {
    PAPER_FORM, IN_PERSON, PHONE_RECORDED, ONLINE, IMPORTED
}
