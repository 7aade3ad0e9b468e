package io.insurecrm.metrics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One customer in the analysts' list, without direct identifiers: a keyed pseudonym instead of the id, generalised
 * quasi-identifiers (ten-year age band, gender, region at province level — null when generalised away because fewer
 * than k customers share the combination), and analytic attributes in bands. No name, phone, ID number, address,
 * birth date, customer id or policy number.
 *
 * @param kind INDIVIDUAL or CORPORATE
 * @param ageBand e.g. 30-39, 90+; null for companies
 * @param gender MALE / FEMALE; null for companies
 * @param regionCode province code, null when generalised (shown as *)
 * @param region province name in the reader's language, null when generalised
 * @param branch the servicing branch (staff, not a customer), null when the region is generalised (it would reveal it)
 * @param channel the acquisition channel (of his first policy), null without a policy
 * @param segments current segment per dimension (VALUE, LIFE_STAGE, BEHAVIOUR, RISK, DYNAMIC)
 * @param tags current tags
 * @param activePolicies active policies he holds
 * @param premiumBand annual premium of his active policies, banded (0, 1-1999, 2000-4999, 5000-19999, 20000-99999, 100000+)
 * @param claimsBand claims he made, banded (0, 1, 2-3, 4+)
 * @param tenureBand years since his first policy (or registration), banded (&lt;1, 1-2, 3-4, 5-9, 10+)
 * @param contribution his active policies minus the book's 客均合同 (how far he lifts or lowers it); null when he holds
 *                     none (he is not in the figure's denominator)
 */
public record PseudonymousCustomer(String pseudonym, String kind, String ageBand, String gender, String regionCode,
                                   String region, String branch, String channel, Map<String, String> segments,
                                   List<String> tags, int activePolicies, String premiumBand, String claimsBand,
                                   String tenureBand, BigDecimal contribution) {

    static final List<String> PREMIUM_BANDS = List.of("0", "1-1999", "2000-4999", "5000-19999", "20000-99999", "100000+");
    static final List<String> CLAIMS_BANDS = List.of("0", "1", "2-3", "4+");
    static final List<String> TENURE_BANDS = List.of("<1", "1-2", "3-4", "5-9", "10+");

    /** Whether the region (and branch) were generalised away for k-anonymity. */
    @com.fasterxml.jackson.annotation.JsonProperty("regionGeneralised")
    public boolean regionGeneralised() {
        return regionCode == null;
    }
}
