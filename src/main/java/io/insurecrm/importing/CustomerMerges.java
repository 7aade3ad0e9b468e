package io.insurecrm.importing;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.IllegalStateTransitionException;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.platform.web.Paged;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merging two customers that are one person. The survivor takes each field's value by the configured survivorship
 * rule; the other customer's policies (as holder and insured), claims, interactions (and referrals) and household
 * link move to the survivor. A before-image of both customer rows and of every moved link is stored, so an unmerge
 * restores both exactly. The merged customer's own row stays (its consent history is append-only and the audit
 * chain names it) and points to the survivor ({@code customer.merged_into_id}) while the merge stands: customer lists
 * leave it out, a search by its keys finds the survivor, and duplicate detection skips it. Both are audited as MERGE.
 */
@Service
public class CustomerMerges {

    /** Fields the survivorship rules cover, and the SQL column of each. */
    static final List<String> FIELDS = List.of("name", "phone", "occupation", "income_band", "marital_status",
            "region_code", "city", "agent_id");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccessAudit audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CustomerMerges(JdbcClient jdbc, PlatformTransactionManager transactions, AccessAudit audit, Clock clock,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.audit = audit;
        this.clock = clock;
    }

    public record Merge(long id, long survivorId, String survivorName, long mergedId, String mergedName,
                        Long candidateId, String mergedBy, Instant mergedAt, String unmergedBy, Instant unmergedAt) {
        public MergeState state() {
            return unmergedAt == null ? MergeState.MERGED : MergeState.UNMERGED;
        }
    }

    public Map<String, String> survivorship() {
        Map<String, String> rules = new LinkedHashMap<>();
        jdbc.sql("select field, rule from dedupe_survivorship order by field").query(rs -> {
            rules.put(rs.getString("field"), rs.getString("rule"));
        });
        return rules;
    }

    public void saveSurvivorship(String field, String rule) {
        if (!FIELDS.contains(field)) {
            throw new FieldRuleViolation("field", "dedupe.survivorship.fieldUnknown", field, String.join(", ", FIELDS));
        }
        if (!List.of("SURVIVOR", "MERGED", "MOST_RECENT", "SURVIVOR_UNLESS_BLANK").contains(rule)) {
            throw new FieldRuleViolation("rule", "dedupe.survivorship.ruleUnknown", rule);
        }
        jdbc.sql("insert into dedupe_survivorship (field, rule) values (:f, :r) on conflict (field) do update set rule = excluded.rule")
                .param("f", field).param("r", rule).update();
    }

    /** Merges the candidate's pair, keeping the given customer (one of the pair) as survivor. */
    public Merge mergeCandidate(long candidateId, long survivorId, String actor) {
        record Pair(long a, long b, String status) {
        }
        Pair pair = jdbc.sql("select customer_a, customer_b, status from duplicate_candidate where id = :id")
                .param("id", candidateId).query((rs, n) -> new Pair(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional().orElseThrow(() -> NotFoundException.of("dedupe.candidate.notFound", candidateId));
        if (!"OPEN".equals(pair.status())) {
            throw new IllegalStateTransitionException("Duplicate candidate " + candidateId,
                    CandidateStatus.valueOf(pair.status()), CandidateStatus.MERGED);
        }
        if (survivorId != pair.a() && survivorId != pair.b()) {
            throw new FieldRuleViolation("survivorId", "dedupe.merge.survivorNotInPair", survivorId);
        }
        return merge(survivorId, survivorId == pair.a() ? pair.b() : pair.a(), candidateId, actor);
    }

    public Merge merge(long survivorId, long mergedId, Long candidateId, String actor) {
        if (survivorId == mergedId) {
            throw new FieldRuleViolation("mergedId", "dedupe.merge.same", mergedId);
        }
        long mergeId = transaction.execute(status -> applyMerge(survivorId, mergedId, candidateId, actor));
        audit.record(AuditAction.MERGE, survivorId, FIELDS, "merge " + mergeId + ": survivor of customer " + mergedId);
        audit.record(AuditAction.MERGE, mergedId, FIELDS, "merge " + mergeId + ": merged into customer " + survivorId);
        return merge(mergeId);
    }

    private long applyMerge(long s, long m, Long candidateId, String actor) {
        List<String> kinds = jdbc.sql("select kind from customer where id in (:s, :m) order by id for update")
                .param("s", s).param("m", m).query(String.class).list();
        if (kinds.size() != 2) {
            throw NotFoundException.of("dedupe.customer.notFound", kinds.isEmpty() ? s + "," + m : (s + "/" + m));
        }
        if (!kinds.get(0).equals(kinds.get(1))) {
            throw new FieldRuleViolation("mergedId", "dedupe.merge.kinds", m);
        }
        boolean alreadyMerged = jdbc.sql("select count(*) from customer_merge where merged_id in (:s, :m) and unmerged_at is null")
                .param("s", s).param("m", m).query(Integer.class).single() > 0;
        if (alreadyMerged) {
            throw new FieldRuleViolation("mergedId", "dedupe.merge.alreadyMerged", m);
        }
        Long hs = jdbc.sql("select household_id from household_member where customer_id = :c").param("c", s)
                .query(Long.class).optional().orElse(null);
        Long hm = jdbc.sql("select household_id from household_member where customer_id = :c").param("c", m)
                .query(Long.class).optional().orElse(null);
        if (hs != null && hm != null && !hs.equals(hm)) {
            throw new FieldRuleViolation("mergedId", "dedupe.merge.twoHouseholds", hs + "|" + hm);
        }
        String image = jdbc.sql("""
                select jsonb_build_object(
                    'survivor', (select to_jsonb(c) from customer c where c.id = :s),
                    'merged', (select to_jsonb(c) from customer c where c.id = :m),
                    'policiesHeld', (select coalesce(jsonb_agg(id order by id), '[]') from policy where holder_id = :m),
                    'policiesInsured', (select coalesce(jsonb_agg(id order by id), '[]') from policy where insured_id = :m),
                    'claims', (select coalesce(jsonb_agg(id order by id), '[]') from claim where customer_id = :m),
                    'interactions', (select coalesce(jsonb_agg(id order by id), '[]') from interaction where customer_id = :m),
                    'referrals', (select coalesce(jsonb_agg(id order by id), '[]') from interaction where referred_customer_id = :m),
                    'householdSurvivor', (select to_jsonb(h) from household_member h where h.customer_id = :s),
                    'householdMerged', (select to_jsonb(h) from household_member h where h.customer_id = :m))::text""")
                .param("s", s).param("m", m).query(String.class).single();
        Map<String, String> rules = survivorship();
        StringBuilder set = new StringBuilder();
        for (String field : FIELDS) {
            String rule = rules.getOrDefault(field, "SURVIVOR");
            String value = switch (rule) {
                case "MERGED" -> "coalesce(m.%1$s, s.%1$s)";
                case "MOST_RECENT" -> "case when m.updated_at > s.updated_at then coalesce(m.%1$s, s.%1$s) else coalesce(s.%1$s, m.%1$s) end";
                case "SURVIVOR_UNLESS_BLANK" -> "coalesce(s.%1$s, m.%1$s)";
                default -> "s.%1$s";
            };
            set.append(field).append(" = ").append(value.formatted(field)).append(", ");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                update customer c set %s updated_at = :now, version = c.version + 1
                  from customer s, customer m where c.id = :s and s.id = :s and m.id = :m""".formatted(set))
                .param("s", s).param("m", m).param("now", java.sql.Timestamp.from(now)).update();
        jdbc.sql("update customer c set branch_id = a.branch_id from agent a where c.id = :s and a.id = c.agent_id")
                .param("s", s).update();
        jdbc.sql("update customer set merged_into_id = :s where id = :m").param("s", s).param("m", m).update();
        jdbc.sql("update policy set holder_id = :s, version = version + 1 where holder_id = :m").param("s", s).param("m", m).update();
        jdbc.sql("update policy set insured_id = :s, version = version + 1 where insured_id = :m").param("s", s).param("m", m).update();
        jdbc.sql("update claim set customer_id = :s, version = version + 1 where customer_id = :m").param("s", s).param("m", m).update();
        jdbc.sql("update interaction set customer_id = :s, version = version + 1 where customer_id = :m").param("s", s).param("m", m).update();
        jdbc.sql("update interaction set referred_customer_id = case when customer_id = :s then null else :s end, "
                + "version = version + 1 where referred_customer_id = :m").param("s", s).param("m", m).update();
        if (hm != null && hs == null) {
            jdbc.sql("update household_member set customer_id = :s where customer_id = :m").param("s", s).param("m", m).update();
        } else if (hm != null) {
            String relationship = jdbc.sql("delete from household_member where customer_id = :m returning relationship")
                    .param("m", m).query(String.class).single();
            if ("SELF".equals(relationship)) {
                jdbc.sql("update household_member set relationship = 'SELF' where customer_id = :s").param("s", s).update();
            }
        }
        int version = jdbc.sql("select version from customer where id = :s").param("s", s).query(Integer.class).single();
        long id = jdbc.sql("""
                insert into customer_merge (survivor_id, merged_id, candidate_id, before_image, survivor_version_after,
                                            merged_by, merged_at)
                values (:s, :m, :candidate, cast(:image as jsonb), :version, :actor, :now) returning id""")
                .param("s", s).param("m", m).param("candidate", candidateId).param("image", image)
                .param("version", version).param("actor", actor).param("now", java.sql.Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("""
                update duplicate_candidate set status = 'MERGED', decided_by = :actor, decided_at = :now
                 where status = 'OPEN' and customer_a = least(:s, :m) and customer_b = greatest(:s, :m)""")
                .param("s", s).param("m", m).param("actor", actor).param("now", java.sql.Timestamp.from(now)).update();
        // synchronous listeners (the analysts' stored list) act in this transaction: with the merge or not at all
        events.publishEvent(new CustomersMerged(id, s, m));
        return id;
    }

    /** Undoes a merge: both customer rows and every moved link as they were before it. */
    public Merge unmerge(long mergeId, String actor) {
        Merge merge = merge(mergeId);
        if (merge.unmergedAt() != null) {
            throw new IllegalStateTransitionException("Merge " + mergeId, MergeState.UNMERGED, MergeState.UNMERGED);
        }
        transaction.executeWithoutResult(status -> applyUnmerge(merge, actor));
        audit.record(AuditAction.MERGE, merge.survivorId(), FIELDS, "unmerge " + mergeId + ": customer " + merge.mergedId() + " restored");
        audit.record(AuditAction.MERGE, merge.mergedId(), FIELDS, "unmerge " + mergeId + ": restored from customer " + merge.survivorId());
        return merge(mergeId);
    }

    private void applyUnmerge(Merge merge, String actor) {
        long s = merge.survivorId();
        long m = merge.mergedId();
        int version = jdbc.sql("select version from customer where id = :s for update").param("s", s)
                .query(Integer.class).single();
        int after = jdbc.sql("select survivor_version_after from customer_merge where id = :id").param("id", merge.id())
                .query(Integer.class).single();
        if (version != after) {
            throw new FieldRuleViolation("mergeId", "dedupe.unmerge.survivorChanged", merge.id());
        }
        String image = "(select before_image from customer_merge where id = :id)";
        jdbc.sql("update customer set merged_into_id = null where id = :m").param("m", m).update();
        // the survivor's row as it was (all columns but the version, which moves on); a merge never changes the ID
        // number, so restoring the survivor's own blind index cannot collide with the unique index on id_number_bidx
        jdbc.sql("""
                update customer c set (kind, name, gender, birth_date, id_number, id_number_bidx, id_number_masked,
                                       occupation, income_band, marital_status,
                                       credit_code, industry, company_size, phone, region_code, city, agent_id,
                                       branch_id, created_at, updated_at, version)
                     = (select r.kind, r.name, r.gender, r.birth_date, r.id_number, r.id_number_bidx, r.id_number_masked,
                               r.occupation, r.income_band,
                               r.marital_status, r.credit_code, r.industry, r.company_size, r.phone, r.region_code,
                               r.city, r.agent_id, r.branch_id, r.created_at, r.updated_at, c.version + 1
                          from jsonb_populate_record(null::customer, %s -> 'survivor') r)
                 where c.id = :s""".formatted(image))
                .param("id", merge.id()).param("s", s).update();
        for (String[] link : List.of(new String[] {"policiesHeld", "policy", "holder_id"},
                new String[] {"policiesInsured", "policy", "insured_id"}, new String[] {"claims", "claim", "customer_id"},
                new String[] {"interactions", "interaction", "customer_id"},
                new String[] {"referrals", "interaction", "referred_customer_id"})) {
            jdbc.sql("""
                    update %2$s t set %3$s = :m, version = t.version + 1
                     where t.id in (select (jsonb_array_elements_text(%1$s -> '%4$s'))::bigint)"""
                            .formatted(image, link[1], link[2], link[0]))
                    .param("id", merge.id()).param("m", m).update();
        }
        // household links: remove what the merge made, put back both rows as they were
        jdbc.sql("""
                delete from household_member where customer_id in (:s, :m)
                   and (%1$s -> 'householdSurvivor' <> 'null'::jsonb or %1$s -> 'householdMerged' <> 'null'::jsonb)"""
                        .formatted(image))
                .param("id", merge.id()).param("s", s).param("m", m).update();
        jdbc.sql("""
                insert into household_member (household_id, customer_id, relationship, joined_on)
                select r.household_id, r.customer_id, r.relationship, r.joined_on
                  from (select %1$s -> 'householdSurvivor' as h union all select %1$s -> 'householdMerged') x,
                       jsonb_populate_record(null::household_member, x.h) r
                 where x.h is not null and x.h <> 'null'::jsonb""".formatted(image))
                .param("id", merge.id()).update();
        Instant now = clock.instant();
        jdbc.sql("update customer_merge set unmerged_by = :actor, unmerged_at = :now where id = :id")
                .param("actor", actor).param("now", java.sql.Timestamp.from(now)).param("id", merge.id()).update();
        if (merge.candidateId() != null) {
            jdbc.sql("update duplicate_candidate set status = 'OPEN', decided_by = null, decided_at = null where id = :c")
                    .param("c", merge.candidateId()).update();
        }
        events.publishEvent(new CustomersUnmerged(merge.id(), s, m));
    }

    public Merge merge(long id) {
        return jdbc.sql(MERGE_SELECT + " where g.id = :id").param("id", id).query((rs, n) -> merge(rs)).optional()
                .orElseThrow(() -> NotFoundException.of("dedupe.merge.notFound", id));
    }

    public Paged<Merge> merges(int page, int size) {
        int bounded = Paged.boundedSize(size);
        int current = Math.max(0, page);
        long total = jdbc.sql("select count(*) from customer_merge").query(Long.class).single();
        List<Merge> rows = jdbc.sql(MERGE_SELECT + " order by g.id desc limit :limit offset :offset")
                .param("limit", bounded).param("offset", (long) current * bounded).query((rs, n) -> merge(rs)).list();
        return new Paged<>(rows, current, bounded, total);
    }

    private static final String MERGE_SELECT = """
            select g.id, g.survivor_id, s.name as survivor_name, g.merged_id, m.name as merged_name, g.candidate_id,
                   g.merged_by, g.merged_at, g.unmerged_by, g.unmerged_at
              from customer_merge g join customer s on s.id = g.survivor_id join customer m on m.id = g.merged_id""";

    private static Merge merge(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Merge(rs.getLong("id"), rs.getLong("survivor_id"), rs.getString("survivor_name"),
                rs.getLong("merged_id"), rs.getString("merged_name"), (Long) rs.getObject("candidate_id", Long.class),
                rs.getString("merged_by"), rs.getTimestamp("merged_at").toInstant(), rs.getString("unmerged_by"),
                rs.getTimestamp("unmerged_at") == null ? null : rs.getTimestamp("unmerged_at").toInstant());
    }
}
