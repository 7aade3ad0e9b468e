package io.insurecrm.engagement;

import java.time.LocalDate;

/** One customer (and policy term) a trigger picks today, with why; what a dry run lists and a scan fires. */
public record Occasion(String triggerCode, String occasionKey, long customerId, String customerName, Long policyId,
                       String policyNumber, LocalDate anchorDate, String climate, String reason) {
}
