package io.insurecrm.portal;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.customer.Customer;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.ConsentState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A copy of the customer's own data on request (PIPL article 45): profile, policies, claims, consent history,
 * health readings and callback requests, as one JSON document. The export is audited.
 */
@Service
public class MyDataCopy {

    private final CustomerManagement customers;
    private final PortalBook book;
    private final PortalConsents consents;
    private final JdbcClient jdbc;
    private final AccessAudit audit;
    private final HealthReadings health;

    MyDataCopy(CustomerManagement customers, PortalBook book, PortalConsents consents, JdbcClient jdbc, AccessAudit audit,
               HealthReadings health) {
        this.health = health;
        this.customers = customers;
        this.book = book;
        this.consents = consents;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> of(long customerId) {
        Customer customer = customers.find(customerId, DataScope.all());
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", customer.getId());
        profile.put("name", customer.getName());
        profile.put("gender", customer.getGender());
        profile.put("birthDate", String.valueOf(customer.getBirthDate()));
        // stored encrypted (ADR 0004): the copy of his own data holds the number decrypted by the customer module
        // (the export is audited below)
        profile.put("idNumber", customer.getStoredIdNumber() == null ? null
                : customers.editForm(customerId, DataScope.all()).getIdNumber());
        profile.put("phone", customer.getPhone());
        profile.put("region", customer.getRegionCode());
        profile.put("city", customer.getCity());
        profile.put("occupation", customer.getOccupation());
        profile.put("maritalStatus", customer.getMaritalStatus());
        ConsentState consent = consents.current(customerId);
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("profile", profile);
        copy.put("policies", book.policies(customerId));
        copy.put("claims", book.claims(customerId));
        copy.put("consentHistory", consent.history().stream().map(r -> Map.of("purpose", r.purpose().name(),
                "granted", r.granted(), "source", r.source().name(), "noticeVersion", r.noticeVersion(),
                "recordedAt", r.recordedAt().toString())).toList());
        // stored encrypted (ADR 0004): opened for his own copy
        copy.put("healthReadings", health.all(customerId).stream().map(r -> Map.of("systolic", r.systolic(),
                "diastolic", r.diastolic(), "measuredAt", r.measuredAt().toString(), "abnormal", r.abnormal())).toList());
        copy.put("callbackRequests", jdbc.sql("""
                        select kind, subject, status, created_at from portal_callback_request where customer_id = :me order by id""")
                .param("me", customerId).query((rs, n) -> Map.of("kind", rs.getString("kind"),
                        "subject", rs.getString("subject"), "status", rs.getString("status"),
                        "createdAt", rs.getString("created_at"))).list());
        audit.recordAs(io.insurecrm.privacy.ConsentRegistry.subject(customerId), "CUSTOMER", AuditAction.EXPORT, customerId,
                List.of("profile", "policies", "claims", "consent", "health"), "copy of own data requested in the portal");
        return copy;
    }
}
