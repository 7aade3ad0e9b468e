package io.insurecrm.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The command to issue a policy. Field rules are here; rules across fields and against the database (end after
 * start, unknown product, holder or insured outside the scope) are checked by {@link PolicyManagement} and reported
 * on the field they concern.
 *
 * @param insuredId the insured person; the holder when empty
 * @param agentId   the selling agent; when empty the signed-in agent, or else the holder's servicing agent
 */
public record IssuePolicy(
        @NotNull(message = "{validation.required}") Long holderId,
        Long insuredId,
        @NotNull(message = "{validation.required}") Long productId,
        @NotNull(message = "{validation.required}") @PositiveOrZero(message = "{policy.premium.negative}") BigDecimal premium,
        @NotNull(message = "{validation.required}") PaymentFrequency paymentFrequency,
        @NotNull(message = "{validation.required}") @PositiveOrZero(message = "{policy.sumInsured.negative}") BigDecimal sumInsured,
        @NotNull(message = "{validation.required}") LocalDate startDate,
        @NotNull(message = "{validation.required}") LocalDate endDate,
        @NotNull(message = "{validation.required}") SalesChannel channel,
        Long agentId) {
}
