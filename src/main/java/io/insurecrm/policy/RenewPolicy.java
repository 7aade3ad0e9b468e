package io.insurecrm.policy;

import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/** The command to renew a term; a premium or sum insured left empty stays as it was. */
public record RenewPolicy(
        @PositiveOrZero(message = "{policy.premium.negative}") BigDecimal premium,
        @PositiveOrZero(message = "{policy.sumInsured.negative}") BigDecimal sumInsured) {

    public static RenewPolicy unchanged() {
        return new RenewPolicy(null, null);
    }
}
