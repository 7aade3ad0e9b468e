package io.insurecrm.privacy;

import java.util.Arrays;
import java.util.List;

/**
 * Where a consent or withdrawal was given, kept as evidence. {@link #PORTAL} is the customer acting himself in the
 * self-service portal: only {@link ConsentRegistry#recordBySubject} records it, never staff.
 */
public enum ConsentSource {
    PAPER_FORM, IN_PERSON, PHONE_RECORDED, ONLINE, IMPORTED, PORTAL;

    /** The sources staff may record a consent from (all but the portal's). */
    public static List<ConsentSource> staffSources() {
        return Arrays.stream(values()).filter(s -> s != PORTAL).toList();
    }
}
