package io.insurecrm.policy;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the insurer configures about policies.
 *
 * @param reinstatementPeriod how long after a lapse a policy may be reinstated (复效期); two years by default, the
 *                            period of article 37 of the PRC Insurance Law
 * @param expiryCron          when the nightly expiry batch runs (in {@code crm.time-zone})
 */
@ConfigurationProperties("crm.policy")
public record PolicySettings(@DefaultValue("2y") Period reinstatementPeriod,
                             @DefaultValue("0 30 0 * * *") String expiryCron) {

    public PolicySettings {
        if (reinstatementPeriod == null || reinstatementPeriod.isNegative()) {
            throw new IllegalArgumentException("crm.policy.reinstatement-period must be a positive period");
        }
    }

    public static PolicySettings defaults() {
        return new PolicySettings(Period.ofYears(2), "0 30 0 * * *");
    }
}
