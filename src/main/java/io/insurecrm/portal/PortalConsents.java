package io.insurecrm.portal;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentSource;
import io.insurecrm.privacy.ConsentState;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The consent centre: the customer's own consent per purpose, changed online with the notice version he saw. A change
 * is one record in the privacy module's history, made by the customer himself (customer:&lt;id&gt;, not system), and
 * takes effect at once (every check reads the latest record).
 */
@Service
public class PortalConsents {

    /** The version of the notice texts the portal shows (portal.consent.notice.* in the portal bundle). */
    public static final String NOTICE_VERSION = "portal-2026-12";
    /** The channel named in the audit trail of a consent change made here. */
    public static final String CHANNEL = "portal";
    /** The purposes a customer may change himself; SERVICE is part of his contracts. */
    public static final List<ConsentPurpose> CHANGEABLE = List.of(ConsentPurpose.MARKETING, ConsentPurpose.ANALYTICS,
            ConsentPurpose.SENSITIVE_DATA);

    private final ConsentRegistry registry;

    PortalConsents(ConsentRegistry registry) {
        this.registry = registry;
    }

    public ConsentState current(long customerId) {
        return registry.current(customerId, DataScope.all());
    }

    public void change(long customerId, ConsentPurpose purpose, boolean granted) {
        if (!CHANGEABLE.contains(purpose)) {
            throw new PortalRefused("portal.consent.notChangeable", purpose);
        }
        // the customer acts on his own behalf: recorded by customer:<id>, source PORTAL, channel portal
        registry.recordBySubject(customerId, purpose, granted, ConsentSource.PORTAL, NOTICE_VERSION, CHANNEL);
    }

    public boolean isGranted(long customerId, ConsentPurpose purpose) {
        return registry.isGranted(customerId, purpose);
    }
}
