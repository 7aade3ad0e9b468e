package io.insurecrm.customer;

import io.insurecrm.organisation.Agent;
import io.insurecrm.organisation.Agents;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer module's facade: registering, editing, finding and searching customers and keeping households,
 * always within the caller's data scope. A customer outside the scope is reported as not found.
 */
@Service
public class CustomerManagement {

    private final Customers customers;
    private final Households households;
    private final Agents agents;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final IdNumberProtection idNumbers;
    private final BankAccountProtection bankAccounts;

    CustomerManagement(Customers customers, Households households, Agents agents, JdbcClient jdbc,
                       ApplicationEventPublisher events, Clock clock, IdNumberProtection idNumbers,
                       BankAccountProtection bankAccounts) {
        this.idNumbers = idNumbers;
        this.bankAccounts = bankAccounts;
        this.customers = customers;
        this.households = households;
        this.agents = agents;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The customer if he exists and the scope permits him. */
    @Transactional(readOnly = true)
    public Customer find(long id, DataScope scope) {
        return customers.findById(id)
                .filter(customer -> scope.permits(customer.getAgentId(), customer.getBranchId()))
                .orElseThrow(() -> CustomerNotFound.withId(id));
    }

    /** The edit form of a customer in the scope, with the full ID number decrypted (the caller audits the view). */
    @Transactional(readOnly = true)
    public CustomerForm editForm(long id, DataScope scope) {
        Customer customer = find(id, scope);
        BankAccountView bank = bank(id);
        return CustomerForm.of(customer, idNumbers.open(customer.getStoredIdNumber())).withBank(bank.name(), bank.masked());
    }

    /** The customer's premium payment account as screens show it: the bank and the number's mask (no decryption). */
    public record BankAccountView(String name, String masked) {
    }

    /** The bank account of a customer (the caller checked the scope). */
    BankAccountView bank(long customerId) {
        return jdbc.sql("select bank_name, bank_account_masked from customer where id = :id").param("id", customerId)
                .query((rs, n) -> new BankAccountView(rs.getString("bank_name"), rs.getString("bank_account_masked")))
                .optional().orElse(new BankAccountView(null, null));
    }

    /**
     * The form's bank fields, checked before anything is written: a typed account number must be 12–19 digits. Returns
     * the writer to run once the customer row exists.
     */
    private java.util.function.LongConsumer bankWriter(CustomerForm form) {
        String name = CustomerForm.trimmed(form.getBankName());
        if (form.isClearBankAccount()) {
            return id -> jdbc.sql("""
                            update customer set bank_name = null, bank_account = null, bank_account_bidx = null,
                                   bank_account_masked = null where id = :id""").param("id", id).update();
        }
        String typed = BankAccountNumber.compact(form.getBankAccount());
        if (typed == null) {
            return id -> jdbc.sql("update customer set bank_name = :name where id = :id and bank_name is distinct from :name")
                    .param("id", id).param("name", name, java.sql.Types.VARCHAR).update();
        }
        if (!BankAccountNumber.isValid(typed)) {
            throw new FieldRuleViolation("bankAccount", "customer.bankAccount.invalid");
        }
        BankAccountProtection.Sealed sealed = bankAccounts.seal(new BankAccountNumber(typed));
        return id -> jdbc.sql("""
                        update customer set bank_name = :name, bank_account = :stored, bank_account_bidx = :bidx,
                               bank_account_masked = :masked where id = :id""")
                .param("id", id).param("name", name, java.sql.Types.VARCHAR).param("stored", sealed.stored())
                .param("bidx", sealed.blindIndex()).param("masked", sealed.masked()).update();
    }

    @Transactional(readOnly = true)
    public CustomerSummary summary(long id, DataScope scope) {
        return CustomerSummary.of(find(id, scope));
    }

    /** Summaries of the given customers that the scope permits, by id. */
    @Transactional(readOnly = true)
    public Map<Long, CustomerSummary> summaries(java.util.Collection<Long> ids, DataScope scope) {
        return customers.findAllById(ids).stream()
                .filter(customer -> scope.permits(customer.getAgentId(), customer.getBranchId()))
                .map(CustomerSummary::of)
                .collect(Collectors.toMap(CustomerSummary::id, Function.identity()));
    }

    @Transactional
    public long register(CustomerForm form, DataScope scope) {
        Agent agent = servicingAgent(form.getAgentId(), scope);
        requireRegion(form.getRegionCode());
        Instant now = clock.instant();
        Customer customer;
        if (form.getKind() == CustomerKind.INDIVIDUAL) {
            ChineseIdNumber idNumber = requiredIdNumber(form);
            SealedIdNumber sealed = idNumbers.seal(idNumber);
            IdNumberProtection.Lookup lookup = idNumbers.lookup(idNumber.value());
            // both index columns while a rotation of the index key is under way (ADR 0004, amendment)
            jdbc.sql("select id from customer c where " + IdNumberProtection.matches("c") + " order by id limit 1")
                    .param("bidx", lookup.current()).param("bidxNext", lookup.next(), java.sql.Types.VARCHAR)
                    .query(Long.class).optional().ifPresent(existing -> {
                        throw new FieldRuleViolation("idNumber", "customer.idNumber.duplicate", existing);
                    });
            customer = Customer.individual(form.getName(), sealed, phone(form), form.getRegionCode(), form.getCity(),
                    CustomerForm.trimmed(form.getOccupation()), form.getIncomeBand(), form.getMaritalStatus(),
                    agent.getId(), agent.getBranchId(), now);
        } else {
            UnifiedSocialCreditCode code = requiredCreditCode(form);
            customers.findByCreditCode(code.value()).ifPresent(existing -> {
                throw new FieldRuleViolation("creditCode", "customer.creditCode.duplicate", existing.getId());
            });
            customer = Customer.corporate(form.getName(), code, CustomerForm.trimmed(form.getIndustry()), form.getCompanySize(),
                    phone(form), form.getRegionCode(), form.getCity(), agent.getId(), agent.getBranchId(), now);
        }
        java.util.function.LongConsumer writeBank = bankWriter(form);
        Customer saved = customers.save(customer);
        writeBank.accept(saved.getId());
        events.publishEvent(new CustomerRegistered(saved.getId(), saved.getKind()));
        return saved.getId();
    }

    @Transactional
    public void update(long id, CustomerForm form, DataScope scope) {
        Customer customer = find(id, scope);
        requireRegion(form.getRegionCode());
        Instant now = clock.instant();
        if (customer.isIndividual()) {
            if (form.getIdNumber() != null && !form.getIdNumber().isBlank()
                    && !form.getIdNumber().strip().equalsIgnoreCase(idNumbers.open(customer.getStoredIdNumber()))) {
                throw new FieldRuleViolation("idNumber", "customer.idNumber.immutable");
            }
            customer.updateIndividualProfile(form.getName(), phone(form), form.getRegionCode(), form.getCity(),
                    CustomerForm.trimmed(form.getOccupation()), form.getIncomeBand(), form.getMaritalStatus(), now);
        } else {
            customer.updateCorporateProfile(form.getName(), phone(form), form.getRegionCode(), form.getCity(),
                    CustomerForm.trimmed(form.getIndustry()), form.getCompanySize(), now);
        }
        if (form.getAgentId() != null && form.getAgentId() != customer.getAgentId()) {
            Agent agent = servicingAgent(form.getAgentId(), scope);
            customer.assignTo(agent.getId(), agent.getBranchId(), now);
        }
        java.util.function.LongConsumer writeBank = bankWriter(form);
        customers.save(customer);
        writeBank.accept(id);
    }

    /**
     * Customers matching the query within the scope: one indexed look-up per kind of key, then paging. A customer
     * merged into another is not listed; a key of his (name, phone, ID number) finds the survivor instead.
     */
    @Transactional(readOnly = true)
    public Paged<CustomerRow> search(CustomerQuery query, DataScope scope) {
        String where = """
                where %s
                  and c.merged_into_id is null
                  and (cast(:text as text) is null or c.id in (
                        with recursive found(id, merged_into_id) as (
                            select k.id, cu.merged_into_id
                              from (select id from customer where name like :prefix
                                    union select id from customer where phone = :text
                                    union select c.id from customer c where %2$s
                                    union select c.id from customer c where %3$s
                                    union select id from customer where credit_code = upper(:text)
                                    union select holder_id from policy where policy_number = :text) k
                              join customer cu on cu.id = k.id
                            union
                            select cu.id, cu.merged_into_id from found f join customer cu on cu.id = f.merged_into_id)
                        select id from found where merged_into_id is null))
                  and (cast(:region as text) is null or c.region_code = :region)
                  and (cast(:kind as text) is null or c.kind = :kind)
                  and (cast(:segmentDimension as text) is null
                       or (:segmentDimension <> 'CLUSTER' and exists (
                        select 1 from segment_placement sp
                         where sp.customer_id = c.id and sp.valid_to is null
                           and sp.dimension = :segmentDimension and sp.segment = :segmentName))
                       -- CLUSTER:n = cluster n of the current need-cluster run (segmentation, docs/segmentation.md)
                       or (:segmentDimension = 'CLUSTER' and exists (
                        select 1 from need_cluster_member m
                         where m.customer_id = c.id and m.cluster_no::text = :segmentName
                           and m.run_id = (select max(r.id) from need_cluster_run r where r.status = 'FINISHED'))))
                  and (cast(:tagDimension as text) is null or exists (
                        select 1 from customer_tag t
                         where t.customer_id = c.id and t.removed_at is null
                           and t.tag_dimension = :tagDimension and t.tag = :tagName))
                """.formatted(DataScope.predicate("c"), IdNumberProtection.matches("c"), BankAccountProtection.matches("c"));
        String prefix = query.text() == null ? null : escapeLike(query.text()) + "%";
        IdNumberProtection.Lookup textIndex = idNumbers.lookup(query.text());
        BankAccountProtection.Lookup bankIndex = bankAccounts.lookup(query.text());
        long total = bind(jdbc.sql("select count(*) from customer c " + where), query, prefix, scope)
                .param("bidx", textIndex.current(), java.sql.Types.VARCHAR)
                .param("bidxNext", textIndex.next(), java.sql.Types.VARCHAR)
                .param("bankBidx", bankIndex.current(), java.sql.Types.VARCHAR)
                .param("bankBidxNext", bankIndex.next(), java.sql.Types.VARCHAR)
                .query(Long.class).single();
        List<CustomerRow> rows = bind(jdbc.sql("""
                select c.id, c.kind, c.name, c.gender, c.birth_date, c.id_number_masked, c.phone, c.region_code,
                       r.name_zh as region_name, c.city, a.name as agent_name
                  from customer c
                  join region r on r.code = c.region_code
                  join agent a on a.id = c.agent_id
                """ + where + " order by " + query.orderBy() + " limit :limit offset :offset"), query, prefix, scope)
                .param("bidx", textIndex.current(), java.sql.Types.VARCHAR)
                .param("bidxNext", textIndex.next(), java.sql.Types.VARCHAR)
                .param("bankBidx", bankIndex.current(), java.sql.Types.VARCHAR)
                .param("bankBidxNext", bankIndex.next(), java.sql.Types.VARCHAR)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query((rs, n) -> new CustomerRow(rs.getLong("id"), CustomerKind.valueOf(rs.getString("kind")),
                        rs.getString("name"), rs.getString("gender") == null ? null : Gender.valueOf(rs.getString("gender")),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getString("id_number_masked"),
                        rs.getString("phone"), rs.getString("region_code"), rs.getString("region_name"), rs.getString("city"),
                        rs.getString("agent_name")))
                .list();
        return new Paged<>(rows, query.page(), query.size(), total);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, CustomerQuery query, String prefix, DataScope scope) {
        return spec.param("text", query.text())
                .param("prefix", prefix)
                .param("region", query.regionCode())
                .param("kind", query.kind() == null ? null : query.kind().name())
                .param("segmentDimension", CustomerQuery.part(query.segment(), 0))
                .param("segmentName", CustomerQuery.part(query.segment(), 1))
                .param("tagDimension", CustomerQuery.part(query.tag(), 0))
                .param("tagName", CustomerQuery.part(query.tag(), 1))
                .param("scopeAll", scope.scopeAll())
                .param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    // ---- households ----

    @Transactional(readOnly = true)
    public Optional<HouseholdView> householdOf(long customerId, DataScope scope) {
        find(customerId, scope);
        return households.findByMember(customerId).map(this::view);
    }

    /** Founds a household headed by the customer, who must not be in one already. */
    @Transactional
    public long foundHousehold(long headCustomerId, String name, DataScope scope) {
        find(headCustomerId, scope);
        requireNoHousehold(headCustomerId, "headCustomerId");
        return households.save(Household.foundedBy(headCustomerId, name, LocalDate.now(clock), clock.instant())).getId();
    }

    /** Adds a customer to the household of another; publishes {@link HouseholdMemberAdded}. */
    @Transactional
    public void addToHousehold(long memberOfHousehold, long newMemberId, Relationship relationship, DataScope scope) {
        find(memberOfHousehold, scope);
        find(newMemberId, scope);
        Household household = households.findByMember(memberOfHousehold)
                .orElseThrow(() -> new FieldRuleViolation("customerId", "household.none", memberOfHousehold));
        requireNoHousehold(newMemberId, "newMemberId");
        try {
            household.add(newMemberId, relationship, LocalDate.now(clock));
        } catch (IllegalArgumentException e) {
            throw new FieldRuleViolation("relationship", "household.relationship.invalid");
        }
        households.save(household);
        events.publishEvent(new HouseholdMemberAdded(household.getId(), newMemberId, relationship));
    }

    @Transactional
    public void removeFromHousehold(long customerId, DataScope scope) {
        find(customerId, scope);
        Household household = households.findByMember(customerId)
                .orElseThrow(() -> new FieldRuleViolation("customerId", "household.none", customerId));
        try {
            household.remove(customerId);
        } catch (IllegalArgumentException e) {
            throw new FieldRuleViolation("customerId", "household.head.cannotLeave");
        }
        households.save(household);
    }

    private void requireNoHousehold(long customerId, String field) {
        households.findByMember(customerId).ifPresent(existing -> {
            throw new FieldRuleViolation(field, "household.alreadyMember", customerId, existing.getName());
        });
    }

    private HouseholdView view(Household household) {
        Map<Long, Customer> members = customers.findAllById(
                household.getMembers().stream().map(HouseholdMember::customerId).toList()).stream()
                .collect(Collectors.toMap(Customer::getId, Function.identity()));
        List<HouseholdView.Member> list = household.getMembers().stream()
                .sorted(Comparator.comparing(HouseholdMember::relationship).thenComparing(HouseholdMember::customerId))
                .map(m -> {
                    Customer c = members.get(m.customerId());
                    return new HouseholdView.Member(m.customerId(), c.getName(), m.relationship(), c.getBirthDate(), m.joinedOn());
                })
                .toList();
        return new HouseholdView(household.getId(), household.getName(), list);
    }

    // ---- rules against the database ----

    private Agent servicingAgent(Long requestedAgentId, DataScope scope) {
        Long agentId = requestedAgentId != null ? requestedAgentId : scope.agentId();
        if (agentId == null) {
            throw new FieldRuleViolation("agentId", "customer.agent.required");
        }
        Agent agent = agents.findById(agentId)
                .orElseThrow(() -> new FieldRuleViolation("agentId", "customer.agent.unknown", agentId));
        if (!scope.permits(agent.getId(), agent.getBranchId())) {
            throw new FieldRuleViolation("agentId", "customer.agent.outOfScope", agentId);
        }
        return agent;
    }

    private void requireRegion(String regionCode) {
        boolean known = jdbc.sql("select exists (select 1 from region where code = :code)")
                .param("code", regionCode).query(Boolean.class).single();
        if (!known) {
            throw new FieldRuleViolation("regionCode", "customer.regionCode.unknown", regionCode);
        }
    }

    private static ChineseIdNumber requiredIdNumber(CustomerForm form) {
        String value = CustomerForm.trimmed(form.getIdNumber());
        if (value == null) {
            throw new FieldRuleViolation("idNumber", "customer.idNumber.required");
        }
        if (!ChineseIdNumber.isValid(value)) {
            throw new FieldRuleViolation("idNumber", "customer.idNumber.invalid");
        }
        return new ChineseIdNumber(value);
    }

    private static UnifiedSocialCreditCode requiredCreditCode(CustomerForm form) {
        String value = CustomerForm.trimmed(form.getCreditCode());
        if (value == null) {
            throw new FieldRuleViolation("creditCode", "customer.creditCode.required");
        }
        value = value.toUpperCase(java.util.Locale.ROOT);
        if (!UnifiedSocialCreditCode.isValid(value)) {
            throw new FieldRuleViolation("creditCode", "customer.creditCode.invalid");
        }
        return new UnifiedSocialCreditCode(value);
    }

    private static PhoneNumber phone(CustomerForm form) {
        String value = CustomerForm.trimmed(form.getPhone());
        return value == null ? null : new PhoneNumber(value);
    }

    /** Region codes and names for forms, in the locale's language. */
    @Transactional(readOnly = true)
    public List<Region> regions() {
        return jdbc.sql("select code, name_zh, name_en, climate from region order by code")
                .query((rs, n) -> new Region(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                        rs.getString("climate")))
                .list();
    }

    /** Agents the scope may assign customers to. */
    @Transactional(readOnly = true)
    public List<Agent> assignableAgents(DataScope scope) {
        return switch (scope.kind()) {
            case OWN_BOOK -> agents.findById(scope.agentId()).stream().toList();
            case BRANCH -> agents.findByBranchId(scope.branchId());
            case ALL -> agents.findTop500ByOrderByCode();
        };
    }

    public record Region(String code, String nameZh, String nameEn, String climate) {
        public String name(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }
}
