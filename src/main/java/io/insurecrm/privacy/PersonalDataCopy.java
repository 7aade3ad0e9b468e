package io.insurecrm.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the system holds about one customer (PIPL art. 45): his profile, household membership, policies (as
 * holder or insured), claims, interactions, health readings (opened), consent history, the data-subject requests he made and the audit of who
 * accessed his data. Sections are lists of rows (column name to value: text, number, boolean or list of text), in
 * a fixed order, so the JSON copy and the printable page show the same.
 */
public record PersonalDataCopy(long customerId, Instant generatedAt, String generatedBy, Map<String, List<Map<String, Object>>> sections) {

    /** The section names in the order they are shown; also the message keys {@code rights.section.NAME}. */
    public static final List<String> SECTIONS = List.of("profile", "household", "policies", "claims", "interactions",
            "healthReadings", "consents", "requests", "accessAudit");
}
