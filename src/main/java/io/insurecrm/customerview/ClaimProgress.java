package io.insurecrm.customerview;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A claim of the customer with its progress through the steps, each with the date it was reached. */
public record ClaimProgress(long id, String claimNumber, long policyId, String policyNumber, String productNameZh,
                            String productNameEn, LocalDate incidentDate, LocalDate reportedOn, LocalDate settledOn,
                            BigDecimal amountClaimed, BigDecimal amountPaid, ClaimState status, String description,
                            List<ClaimStep> steps) {

    public String productName(Locale locale) {
        return "en".equals(locale.getLanguage()) ? productNameEn : productNameZh;
    }

    /** A recorded status change of a claim. */
    record Change(ClaimState status, Instant changedAt, String note) {
    }

    /**
     * The steps to show: the normal path REPORTED → ASSESSING → APPROVED → PAID, or for a rejected claim the steps it
     * went through followed by REJECTED. A step is reached when a change to it was recorded or the claim is past it
     * (claims loaded from a core system may lack history); it shows the first time it was reached.
     */
    static List<ClaimStep> steps(ClaimState current, List<Change> changes) {
        List<ClaimState> path = new ArrayList<>();
        if (current == ClaimState.REJECTED) {
            for (ClaimState state : ClaimState.NORMAL_PATH) {
                if (state == ClaimState.REPORTED || changes.stream().anyMatch(c -> c.status() == state)) {
                    path.add(state);
                }
            }
            path.add(ClaimState.REJECTED);
        } else {
            path.addAll(ClaimState.NORMAL_PATH);
        }
        int currentIndex = path.indexOf(current);
        List<ClaimStep> steps = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            ClaimState state = path.get(i);
            Change first = changes.stream().filter(c -> c.status() == state).findFirst().orElse(null);
            steps.add(new ClaimStep(state, first != null || i <= currentIndex, first == null ? null : first.changedAt(),
                    first == null ? null : first.note(), state == current));
        }
        return List.copyOf(steps);
    }
}
