package io.insurecrm.interaction;

/** What kind of contact took place. Only a survey carries an NPS score; only a referral names a referred customer. */
public enum InteractionType {
    CONSULTATION, COMPLAINT, SERVICE_REQUEST, SURVEY, REFERRAL, EVENT_ATTENDANCE
}
