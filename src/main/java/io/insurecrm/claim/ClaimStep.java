package io.insurecrm.claim;

import jakarta.validation.constraints.Size;

/** A step of a claim (assessment, approval) with the handler's optional note. */
public record ClaimStep(@Size(max = 2000) String note) {

    public static ClaimStep withoutNote() {
        return new ClaimStep(null);
    }
}
