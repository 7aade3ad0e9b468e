package io.insurecrm.portal;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the insurer configures about the portal (crm.portal.*).
 *
 * @param codeValidity         how long a sign-in code may be used
 * @param resendInterval       how soon another code may be asked for the same phone
 * @param codesPerHour         how many codes a phone may ask for in an hour
 * @param maxFailures          wrong codes in a row before the phone is locked out
 * @param lockout              how long a lock-out lasts
 * @param renewalOpensBefore   how long before the end date the one-tap renewal opens
 * @param renewalClosesAfter   how long after the end date an expired term may still be renewed
 * @param photoMaxBytes        the largest claim photo accepted
 * @param maxPhotos            photos per claim report
 * @param questionMaxChars     the longest question the assistant takes
 * @param abnormalRun          abnormal blood-pressure readings in a row that ask for a care call
 * @param systolicLimit        a systolic reading at or above this is abnormal
 * @param diastolicLimit       a diastolic reading at or above this is abnormal
 */
@ConfigurationProperties("crm.portal")
public record PortalSettings(@DefaultValue("5m") Duration codeValidity,
                             @DefaultValue("60s") Duration resendInterval,
                             @DefaultValue("5") int codesPerHour,
                             @DefaultValue("5") int maxFailures,
                             @DefaultValue("15m") Duration lockout,
                             @DefaultValue("30d") Period renewalOpensBefore,
                             @DefaultValue("30d") Period renewalClosesAfter,
                             @DefaultValue("5242880") int photoMaxBytes,
                             @DefaultValue("5") int maxPhotos,
                             @DefaultValue("500") int questionMaxChars,
                             @DefaultValue("3") int abnormalRun,
                             @DefaultValue("140") int systolicLimit,
                             @DefaultValue("90") int diastolicLimit) {
}
