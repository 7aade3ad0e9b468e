package io.insurecrm.customerview;

import io.insurecrm.customer.CompanySize;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.Gender;
import io.insurecrm.customer.IncomeBand;
import io.insurecrm.customer.MaritalStatus;
import io.insurecrm.customer.Relationship;
import io.insurecrm.platform.crypto.FieldCipher;
import io.insurecrm.platform.security.DataScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL behind the Customer 360: each query reads by an indexed key (customer id, holder or insured id,
 * household id, claim id) and the data scope is applied in SQL to every customer row that is shown.
 */
@Component
class Customer360Queries {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    Customer360Queries(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The customer's current tags, by tag dimension (the caller has checked the scope with the profile). */
    List<TagLine> tagsOf(long customerId) {
        return jdbc.sql("""
                        select t.id, t.tag_dimension, t.tag, t.source, t.reason_key,
                               array(select jsonb_array_elements_text(t.reason_args)) as reason_args, t.note, t.created_by,
                               cast(t.created_at at time zone 'Asia/Shanghai' as date) as since
                          from customer_tag t
                         where t.customer_id = :customer and t.removed_at is null
                         order by array_position(array['RISK','VALUE','NEED'], t.tag_dimension), t.source desc, t.tag""")
                .param("customer", customerId)
                .query((rs, n) -> new TagLine(rs.getLong("id"), rs.getString("tag_dimension"), rs.getString("tag"),
                        rs.getString("source"), rs.getString("reason_key"),
                        List.of((String[]) rs.getArray("reason_args").getArray()), rs.getString("note"),
                        rs.getString("created_by"), rs.getObject("since", LocalDate.class)))
                .list();
    }

    /** The customer's current segments, one per dimension (the caller has checked the scope with the profile). */
    List<SegmentLine> segmentsOf(long customerId) {
        return jdbc.sql("""
                        select sp.dimension, sp.segment, sp.reason, r.version, sp.valid_from, sp.reason_key,
                               array(select jsonb_array_elements_text(sp.reason_args)) as reason_args
                          from segment_placement sp
                          join segment_rule_set r on r.id = sp.rule_set_id
                         where sp.customer_id = :customer and sp.valid_to is null
                         order by array_position(array['VALUE','LIFE_STAGE','BEHAVIOUR','DYNAMIC','RISK'], sp.dimension), sp.dimension""")
                .param("customer", customerId)
                .query((rs, n) -> new SegmentLine(rs.getString("dimension"), rs.getString("segment"), rs.getString("reason"),
                        rs.getInt("version"), rs.getObject("valid_from", LocalDate.class), rs.getString("reason_key"),
                        rs.getArray("reason_args") == null ? List.of() : List.of((String[]) rs.getArray("reason_args").getArray())))
                .list();
    }

    /** The customer this one was merged into, or his own id, if he exists within the scope. */
    Optional<Long> shownAs(long customerId, DataScope scope) {
        return scoped(jdbc.sql("select coalesce(c.merged_into_id, c.id) from customer c where c.id = :id and "
                        + DataScope.predicate("c")), scope)
                .param("id", customerId).query(Long.class).optional();
    }

    /** The profile plus the household id, if the customer exists within the scope. */
    Optional<ProfileRow> profile(long customerId, DataScope scope, LocalDate today) {
        return scoped(jdbc.sql("""
                        select c.id, c.kind, c.name, c.gender, c.birth_date, c.id_number_masked, c.occupation, c.income_band,
                               c.marital_status, c.credit_code, c.industry, c.company_size, c.phone, c.region_code,
                               r.name_zh as region_zh, r.name_en as region_en, r.climate, c.city, c.agent_id,
                               a.code as agent_code, a.name as agent_name, a.kind as agent_kind, a.phone as agent_phone,
                               c.branch_id, b.name as branch_name, c.created_at, hm.household_id, h.name as household_name,
                               c.bank_name, c.bank_account_masked
                          from customer c
                          join region r on r.code = c.region_code
                          join agent a on a.id = c.agent_id
                          join branch b on b.id = c.branch_id
                          left join household_member hm on hm.customer_id = c.id
                          left join household h on h.id = hm.household_id
                         where c.id = :id and %s
                        """.formatted(DataScope.predicate("c"))), scope)
                .param("id", customerId)
                .query((rs, n) -> new ProfileRow(new CustomerProfile(rs.getLong("id"), CustomerKind.valueOf(rs.getString("kind")),
                        rs.getString("name"), enumOf(Gender.class, rs.getString("gender")),
                        rs.getObject("birth_date", LocalDate.class), age(rs.getObject("birth_date", LocalDate.class), today),
                        rs.getString("id_number_masked"),
                        rs.getString("occupation"), enumOf(IncomeBand.class, rs.getString("income_band")),
                        enumOf(MaritalStatus.class, rs.getString("marital_status")), rs.getString("credit_code"),
                        rs.getString("industry"), enumOf(CompanySize.class, rs.getString("company_size")), rs.getString("phone"),
                        rs.getString("region_code"), rs.getString("region_zh"), rs.getString("region_en"), rs.getString("climate"),
                        rs.getString("city"), rs.getLong("agent_id"), rs.getString("agent_code"), rs.getString("agent_name"),
                        rs.getString("agent_kind"), rs.getString("agent_phone"), rs.getLong("branch_id"),
                        rs.getString("branch_name"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("bank_name"), rs.getString("bank_account_masked")),
                        rs.getObject("household_id", Long.class), rs.getString("household_name")))
                .optional();
    }

    record ProfileRow(CustomerProfile profile, Long householdId, String householdName) {
    }

    /** The household's members, head first, each marked visible or not in the scope; names only when visible. */
    List<MemberRow> householdMembers(long householdId, DataScope scope, LocalDate today) {
        return scoped(jdbc.sql("""
                        select hm.customer_id, hm.relationship, c.name, c.birth_date, %s as visible
                          from household_member hm
                          join customer c on c.id = hm.customer_id
                         where hm.household_id = :household
                         order by case hm.relationship when 'SELF' then 0 when 'SPOUSE' then 1 when 'PARENT' then 2
                                                       when 'CHILD' then 3 else 4 end, hm.customer_id
                        """.formatted(DataScope.predicate("c"))), scope)
                .param("household", householdId)
                .query((rs, n) -> {
                    boolean visible = rs.getBoolean("visible");
                    return new MemberRow(rs.getLong("customer_id"), Relationship.valueOf(rs.getString("relationship")),
                            visible ? rs.getString("name") : null,
                            visible ? age(rs.getObject("birth_date", LocalDate.class), today) : null, visible);
                })
                .list();
    }

    record MemberRow(long customerId, Relationship relationship, String name, Integer age, boolean visible) {
    }

    private static final String POLICY_SELECT = """
            select p.id, p.policy_number, p.product_id, pr.name_zh, pr.name_en, pr.line, pr.layer,
                   p.annual_premium, p.sum_insured, p.start_date, p.end_date, p.status, p.terminated_on,
                   p.holder_id, p.insured_id, case when %s then ins.name end as insured_name,
                   p.renews_policy_id, prev.policy_number as renews_number,
                   next.id as renewed_by_id, next.policy_number as renewed_by_number
              from policy p
              join product pr on pr.id = p.product_id
              join customer ins on ins.id = p.insured_id
              left join policy prev on prev.id = p.renews_policy_id
              left join lateral (select n.id, n.policy_number from policy n
                                  where n.renews_policy_id = p.id order by n.id limit 1) next on true
            """.formatted(DataScope.predicate("ins"));

    /** The policies the customer holds or is insured by. */
    List<PolicyLine> policiesOf(long customerId, DataScope scope) {
        return scoped(jdbc.sql(POLICY_SELECT + """
                         where p.holder_id = :customer or p.insured_id = :customer
                         order by p.start_date desc, p.id desc
                        """), scope)
                .param("customer", customerId)
                .query((rs, n) -> policy(rs, customerId))
                .list();
    }

    /** The policies held by the given customers (household members within the scope), by holder. */
    Map<Long, List<PolicyLine>> policiesHeldBy(Collection<Long> holderIds, DataScope scope) {
        Map<Long, List<PolicyLine>> byHolder = new LinkedHashMap<>();
        if (holderIds.isEmpty()) {
            return byHolder;
        }
        scoped(jdbc.sql(POLICY_SELECT + """
                         where p.holder_id in (:holders)
                         order by p.holder_id, case p.status when 'ACTIVE' then 0 when 'LAPSED' then 1
                                                             when 'EXPIRED' then 2 else 3 end, p.end_date desc, p.id desc
                        """), scope)
                .param("holders", List.copyOf(holderIds))
                .query((rs, n) -> policy(rs, rs.getLong("holder_id")))
                .list()
                .forEach(p -> byHolder.computeIfAbsent(p.holderId(), id -> new ArrayList<>()).add(p));
        return byHolder;
    }

    /**
     * The customer's claims, newest report first, each with its recorded status changes (two queries, no N+1); the
     * description and notes are stored sealed (claim/V90) and opened here.
     */
    List<ClaimProgress> claimsOf(long customerId) {
        Map<Long, List<ClaimProgress.Change>> changes = new LinkedHashMap<>();
        jdbc.sql("""
                        select s.claim_id, s.status, s.changed_at, s.note
                          from claim_status_change s
                          join claim cl on cl.id = s.claim_id
                         where cl.customer_id = :customer
                         order by s.claim_id, s.seq
                        """)
                .param("customer", customerId)
                .query(rs -> {
                    changes.computeIfAbsent(rs.getLong("claim_id"), id -> new ArrayList<>())
                            .add(new ClaimProgress.Change(ClaimState.valueOf(rs.getString("status")),
                                    rs.getTimestamp("changed_at").toInstant(), cipher.open(rs.getString("note"))));
                });
        return jdbc.sql("""
                        select cl.id, cl.claim_number, cl.policy_id, p.policy_number, pr.name_zh, pr.name_en,
                               cl.incident_date, cl.reported_on, cl.settled_on, cl.amount_claimed, cl.amount_paid,
                               cl.status, cl.description
                          from claim cl
                          join policy p on p.id = cl.policy_id
                          join product pr on pr.id = p.product_id
                         where cl.customer_id = :customer
                         order by cl.reported_on desc, cl.id desc
                        """)
                .param("customer", customerId)
                .query((rs, n) -> {
                    ClaimState status = ClaimState.valueOf(rs.getString("status"));
                    long id = rs.getLong("id");
                    return new ClaimProgress(id, rs.getString("claim_number"), rs.getLong("policy_id"),
                            rs.getString("policy_number"), rs.getString("name_zh"), rs.getString("name_en"),
                            rs.getObject("incident_date", LocalDate.class), rs.getObject("reported_on", LocalDate.class),
                            rs.getObject("settled_on", LocalDate.class), rs.getBigDecimal("amount_claimed"),
                            rs.getBigDecimal("amount_paid"), status, cipher.open(rs.getString("description")),
                            ClaimProgress.steps(status, changes.getOrDefault(id, List.of())));
                })
                .list();
    }

    private static PolicyLine policy(ResultSet rs, long customerId) throws SQLException {
        long holderId = rs.getLong("holder_id");
        long insuredId = rs.getLong("insured_id");
        PolicyRole role = holderId == customerId
                ? (insuredId == customerId ? PolicyRole.HOLDER_AND_INSURED : PolicyRole.HOLDER)
                : PolicyRole.INSURED;
        return new PolicyLine(rs.getLong("id"), rs.getString("policy_number"), rs.getLong("product_id"),
                rs.getString("name_zh"), rs.getString("name_en"), rs.getString("line"),
                CoverageLayer.of(rs.getString("layer")), rs.getBigDecimal("annual_premium"),
                rs.getBigDecimal("sum_insured"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), PolicyState.valueOf(rs.getString("status")),
                rs.getObject("terminated_on", LocalDate.class), holderId, insuredId,
                insuredId == customerId ? null : rs.getString("insured_name"), role,
                rs.getObject("renews_policy_id", Long.class), rs.getString("renews_number"),
                rs.getObject("renewed_by_id", Long.class), rs.getString("renewed_by_number"));
    }

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec spec, DataScope scope) {
        return spec.param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch());
    }

    private static Integer age(LocalDate birthDate, LocalDate today) {
        return birthDate == null ? null : Period.between(birthDate, today).getYears();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

}
