package io.insurecrm.portal;

import io.insurecrm.claim.Claim;
import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ClaimNotFound;
import io.insurecrm.loyalty.MemberSummary;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.policy.PolicyManagement;
import io.insurecrm.policy.PolicyNotFound;
import io.insurecrm.policy.PolicyTransitionRefused;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a signed-in customer sees of his book: his policies (held, including his family's, or insuring him), his
 * claims and their progress; and the one-tap renewal through the policy module's facade. Every read takes the
 * customer id from the principal, and a record of someone else answers not found, exactly like one that does not exist.
 */
@Service
public class PortalBook {

    private final JdbcClient jdbc;
    private final PolicyManagement policies;
    private final ClaimManagement claims;
    private final Clock clock;
    private final PortalSettings settings;
    private final MemberCentre memberCentre;
    private final FieldCipher cipher;

    PortalBook(JdbcClient jdbc, PolicyManagement policies, ClaimManagement claims, Clock clock, PortalSettings settings,
               MemberCentre memberCentre, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.policies = policies;
        this.claims = claims;
        this.clock = clock;
        this.settings = settings;
        this.memberCentre = memberCentre;
    }

    /**
     * The home screen: policies, claims, member summary and (Gold and above) the photo fast-track of open claims.
     * {@code photoFastTrack} is null below Gold (the line is not shown).
     */
    public record PortalHome(List<PortalPolicy> policies, List<PortalClaim> claims, MemberSummary member,
                             Set<Long> photoFastTrack) {
    }

    /**
     * The customer's policies and claims in one statement (the same rows and order as {@link #policies} and
     * {@link #claims}), tagged P or C; ordered policies first, each by its own date.
     */
    private static final String HOME = """
            with held as (select id from policy where holder_id = :me),
                 my_policies as (select id from held union select id from policy where insured_id = :me),
                 my_claims as (select id from claim where customer_id = :me
                               union select c2.id from claim c2 where c2.policy_id in (select id from held))
            select 'P' as kind, p.id, p.policy_number, pr.name_zh, pr.name_en, pr.line, p.status, p.start_date, p.end_date,
                   p.premium, p.payment_frequency, p.annual_premium, p.sum_insured, p.holder_id, h.name as holder_name,
                   p.insured_id, i.name as insured_name, n.id as renewed_by, null::text as claim_number,
                   null::bigint as policy_id, null::date as incident_date, null::date as reported_on,
                   null::numeric as amount_claimed, null::numeric as amount_paid, null::text as description,
                   p.end_date as sort_date
              from my_policies m
              join policy p on p.id = m.id
              join product pr on pr.id = p.product_id
              join customer h on h.id = p.holder_id
              join customer i on i.id = p.insured_id
              left join policy n on n.renews_policy_id = p.id
            union all
            select 'C', c.id, p.policy_number, null, null, null, c.status, null, null, null, null, null, null, null, null,
                   null, null, null, c.claim_number, c.policy_id, c.incident_date, c.reported_on, c.amount_claimed,
                   c.amount_paid, c.description, c.reported_on
              from my_claims m join claim c on c.id = m.id join policy p on p.id = c.policy_id
             order by kind desc, sort_date desc, id desc""";

    /**
     * Everything the home screen shows, in one read-only transaction on one connection: one statement for policies
     * and claims, one indexed look-up for the member summary, and for Gold and above one for the fast-track flags.
     */
    @Transactional(readOnly = true)
    public PortalHome home(long customerId) {
        List<PortalPolicy> myPolicies = new ArrayList<>();
        List<PortalClaim> myClaims = new ArrayList<>();
        jdbc.sql(HOME).param("me", customerId).query((ResultSet rs) -> {
            if ("P".equals(rs.getString("kind"))) {
                myPolicies.add(policy(rs, customerId));
            } else {
                myClaims.add(claimRow(rs));
            }
        });
        MemberSummary member = memberCentre.summary(customerId);
        return new PortalHome(myPolicies, myClaims, member, memberCentre.photoFastTrack(member, myClaims));
    }

    private static final String POLICY_SELECT = """
            select p.id, p.policy_number, pr.name_zh, pr.name_en, pr.line, p.status, p.start_date, p.end_date, p.premium,
                   p.payment_frequency, p.annual_premium, p.sum_insured, p.holder_id, h.name holder_name, p.insured_id,
                   i.name insured_name, n.id renewed_by
              from policy p
              join product pr on pr.id = p.product_id
              join customer h on h.id = p.holder_id
              join customer i on i.id = p.insured_id
              left join policy n on n.renews_policy_id = p.id
            """;

    /** The customer's policies, ending latest first. */
    @Transactional(readOnly = true)
    public List<PortalPolicy> policies(long customerId) {
        return jdbc.sql(POLICY_SELECT + """
                         where p.id in (select id from policy where holder_id = :me union select id from policy where insured_id = :me)
                         order by p.end_date desc, p.id desc""")
                .param("me", customerId).query((rs, n) -> policy(rs, customerId)).list();
    }

    /** One of the customer's policies; someone else's is not found. */
    @Transactional(readOnly = true)
    public PortalPolicy policy(long customerId, long policyId) {
        return jdbc.sql(POLICY_SELECT + " where p.id = :id and (p.holder_id = :me or p.insured_id = :me)")
                .param("id", policyId).param("me", customerId).query((rs, n) -> policy(rs, customerId)).optional()
                .orElseThrow(() -> PolicyNotFound.withId(policyId));
    }

    /**
     * Renews a policy the customer holds, in its renewal window, with the premium unchanged; a second tap answers the
     * term the first one created.
     *
     * @return the id of the next term
     * @throws PortalRefused when the policy is outside its renewal window or cannot be renewed
     */
    public long renew(long customerId, long policyId) {
        PortalPolicy policy = policy(customerId, policyId);
        if (!policy.holder()) {
            throw new PortalRefused("portal.renewal.notHolder", policy.policyNumber());
        }
        if (policy.renewedById() != null) {
            return policy.renewedById();
        }
        if (!policy.renewable()) {
            LocalDate today = LocalDate.now(clock);
            throw new PortalRefused("portal.renewal.outsideWindow", policy.policyNumber(),
                    policy.endDate().minus(settings.renewalOpensBefore()), policy.endDate().plus(settings.renewalClosesAfter()), today);
        }
        try {
            return policies.renewAsHolder(policyId, customerId);
        } catch (PolicyTransitionRefused e) {
            // two taps at once: the other one created the next term
            return policies.renewalOf(policyId).orElseThrow(() -> new PortalRefused("portal.renewal.refused", policy.policyNumber()));
        }
    }

    /** The customer's claims (made by him or on policies he holds), newest first. */
    @Transactional(readOnly = true)
    public List<PortalClaim> claims(long customerId) {
        return jdbc.sql("""
                        select c.id, c.claim_number, c.policy_id, p.policy_number, c.incident_date, c.reported_on,
                               c.amount_claimed, c.amount_paid, c.status, c.description
                          from claim c join policy p on p.id = c.policy_id
                         where c.id in (select id from claim where customer_id = :me
                                        union select c2.id from claim c2 join policy p2 on p2.id = c2.policy_id where p2.holder_id = :me)
                         order by c.reported_on desc, c.id desc""")
                .param("me", customerId)
                .query((rs, n) -> claimRow(rs))
                .list();
    }

    /** A claim of a list; its description is stored sealed (claim/V90) and opened here. */
    private PortalClaim claimRow(ResultSet rs) throws SQLException {
        return new PortalClaim(rs.getLong("id"), rs.getString("claim_number"), rs.getLong("policy_id"),
                rs.getString("policy_number"), rs.getObject("incident_date", LocalDate.class),
                rs.getObject("reported_on", LocalDate.class), rs.getBigDecimal("amount_claimed"),
                rs.getBigDecimal("amount_paid"), rs.getString("status"), cipher.open(rs.getString("description")), List.of(),
                List.of());
    }

    /** One claim with its steps and photos; someone else's is not found. */
    @Transactional(readOnly = true)
    public PortalClaim claim(long customerId, long claimId) {
        Claim claim;
        try {
            claim = claims.find(claimId, DataScope.all());
        } catch (ClaimNotFound e) {
            throw e;
        }
        PortalPolicy policy;
        try {
            policy = policy(customerId, claim.getPolicyId());
        } catch (PolicyNotFound e) {
            throw ClaimNotFound.withId(claimId);
        }
        if (claim.getCustomerId() != customerId && policy.holderId() != customerId) {
            throw ClaimNotFound.withId(claimId);
        }
        List<PortalClaim.Step> steps = claim.getHistory().stream()
                .map(step -> new PortalClaim.Step(step.status().name(),
                        java.time.LocalDateTime.ofInstant(step.changedAt(), clock.getZone()), step.note())).toList();
        List<PortalClaim.Photo> photos = jdbc.sql("""
                        select id, file_name, content_type, size_bytes from portal_claim_photo where claim_id = :claim order by id""")
                .param("claim", claimId)
                .query((rs, n) -> new PortalClaim.Photo(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getInt("size_bytes"))).list();
        return new PortalClaim(claimId, claim.getClaimNumber().value(), claim.getPolicyId(), policy.policyNumber(),
                claim.getIncidentDate(), claim.getReportedOn(), claim.getAmountClaimed().amount(),
                claim.getAmountPaid().map(m -> m.amount()).orElse(null), claim.getStatus().name(), claim.getDescription(),
                steps, photos);
    }

    /** A photo of one of the customer's claims. */
    @Transactional(readOnly = true)
    public PhotoContent photo(long customerId, long claimId, long photoId) {
        claim(customerId, claimId);
        return jdbc.sql("select content_type, content from portal_claim_photo where id = :id and claim_id = :claim")
                .param("id", photoId).param("claim", claimId)
                .query((rs, n) -> new PhotoContent(rs.getString("content_type"), rs.getBytes("content"))).optional()
                .orElseThrow(() -> NotFoundException.of("portal.photo.notFound", photoId));
    }

    public record PhotoContent(String contentType, byte[] bytes) {
    }

    private PortalPolicy policy(ResultSet rs, long customerId) throws SQLException {
        LocalDate end = rs.getObject("end_date", LocalDate.class);
        String status = rs.getString("status");
        Long renewedBy = rs.getObject("renewed_by", Long.class);
        boolean holder = rs.getLong("holder_id") == customerId;
        LocalDate today = LocalDate.now(clock);
        boolean inWindow = !today.isBefore(end.minus(settings.renewalOpensBefore()))
                && !today.isAfter(end.plus(settings.renewalClosesAfter()));
        boolean renewable = holder && renewedBy == null && inWindow && (status.equals("ACTIVE") || status.equals("EXPIRED"));
        return new PortalPolicy(rs.getLong("id"), rs.getString("policy_number"), rs.getString("name_zh"),
                rs.getString("name_en"), rs.getString("line"), status, rs.getObject("start_date", LocalDate.class), end,
                rs.getBigDecimal("premium"), rs.getString("payment_frequency"), rs.getBigDecimal("annual_premium"),
                rs.getBigDecimal("sum_insured"), rs.getLong("holder_id"), rs.getString("holder_name"),
                rs.getLong("insured_id"), rs.getString("insured_name"), renewedBy, holder, renewable);
    }
}
