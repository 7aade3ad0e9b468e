package io.insurecrm.engagement;

/** Date-relative triggers run in the daily scan, events when a module publishes one, signals in the daily scan. */
public enum TriggerKind {
    DATE, EVENT, SIGNAL
}
