package io.insurecrm.loyalty;

/** Activities that earn points (domain.md §5). */
public enum Activity {
    /** home-protection class attendance (会员专属知识课堂) */
    HOME_CLASS,
    /** a home safety inspection taken */
    SAFETY_INSPECTION,
    /** a satisfaction survey answered */
    SURVEY
}
