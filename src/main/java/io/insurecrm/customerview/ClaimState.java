package io.insurecrm.customerview;

import java.util.List;

/** A claim's status; a claim normally goes REPORTED → ASSESSING → APPROVED → PAID, or ends REJECTED. */
public enum ClaimState {
    REPORTED, ASSESSING, APPROVED, PAID, REJECTED;

    static final List<ClaimState> NORMAL_PATH = List.of(REPORTED, ASSESSING, APPROVED, PAID);
}
