package io.insurecrm.customerview;

import java.time.Instant;

/** One step of a claim's progress: reached or not yet, when, and whether the claim stands there now. */
public record ClaimStep(ClaimState status, boolean reached, Instant reachedAt, String note, boolean current) {
}
