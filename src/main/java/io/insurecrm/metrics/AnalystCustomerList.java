package io.insurecrm.metrics;

import io.insurecrm.platform.web.Paged;
import java.time.Instant;

/**
 * A page of the pseudonymised customer list and what was left out of the whole list.
 *
 * @param inScope customers in the caller's scope (not merged into another)
 * @param withoutConsent of those, customers whose latest ANALYTICS consent is not a grant (or who never gave one): left out
 * @param published consenting customers in the list
 * @param generalised of those, customers shown with the region generalised (*) for k-anonymity
 * @param suppressed consenting customers left out because even without the region fewer than k share their age band
 *                   and gender
 * @param k the k of the k-anonymity
 * @param asOf when the stored list was built (the start of its rebuild); null before the first rebuild (then empty)
 */
public record AnalystCustomerList(Paged<PseudonymousCustomer> page, long inScope, long withoutConsent, long published,
                                  long generalised, long suppressed, int k, Instant asOf) {
}
