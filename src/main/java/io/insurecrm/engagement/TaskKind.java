package io.insurecrm.engagement;

/** What a task asks a person to do. */
public enum TaskKind {
    COVERAGE_REVIEW, RENEWAL, ANNUAL_REVIEW, HOME_SAFETY, CLAIM_CARE, COVERAGE_GAP, RETENTION, SERVICE_TICKET,
    CROSS_SELL, PORTAL_REQUEST, FOLLOW_UP
}
