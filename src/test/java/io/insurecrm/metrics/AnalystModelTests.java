package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import io.insurecrm.privacy.ConsentSource;
import io.insurecrm.privacy.CustomerErased;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored analyst list against its oracle, the live statement it replaces ({@link LiveAnalystList}), on a seeded
 * book of 171 customers in two branches and regions (k = 5, so classes of every size from 1 up: exact, generalised and
 * suppressed rows in the whole book and in each branch), inside the test's rolled-back transaction (a rebuild there is
 * a savepoint); then idempotence, withdrawal and erasure, scope, a failed rebuild and one rebuild at a time.
 */
@SpringBootTest(properties = {"crm.metrics.cache-ttl=0s", "crm.analytics.k=5"})
@Transactional
class AnalystModelTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AnalystModel model;
    @Autowired
    PseudonymousCustomers customers;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    ContractsPerCustomer contractsPerCustomer;
    @Autowired
    ConsentRegistry consents;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Clock clock;
    @Autowired
    io.insurecrm.importing.CustomerMerges merges;

    MetricsFixtures fixtures;
    long branch33, branch44;
    List<Long> book = new ArrayList<>();

    @BeforeEach
    void seededBook() {
        fixtures = new MetricsFixtures(jdbc);
        fixtures.emptyBookKeepingIds();
        branch33 = fixtures.branch("B33", "33");
        branch44 = fixtures.branch("B44", "44");
        long agent33 = fixtures.agent("A33", branch33);
        long agent44 = fixtures.agent("A44", branch44);
        long medical = fixtures.product("MED", "MEDICAL", "BASIC");
        long motor = fixtures.product("CAR", "MOTOR", null);
        String[] channels = {"AGENT", "ONLINE", "BANCASSURANCE", "TELESALES"};
        String[] values = {"HIGH", "MEDIUM", "LOW"};
        Random random = new Random(20261202);
        for (int i = 0; i < 160; i++) {
            // the customer's region is mostly his branch's, sometimes the other one (a class of one to a few)
            boolean in33 = random.nextInt(10) < 6;
            String region = random.nextInt(8) == 0 ? (in33 ? "44" : "33") : (in33 ? "33" : "44");
            long branch = in33 ? branch33 : branch44;
            long agent = in33 ? agent33 : agent44;
            LocalDate born = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
            long customer = fixtures.customer("客户" + i, region, agent, branch, random.nextBoolean(), born);
            book.add(customer);
            int consent = random.nextInt(10);
            if (consent < 8) {
                fixtures.consent(customer, "ANALYTICS", true, "2026-01-01T09:00:00Z");
            }
            if (consent == 7) {
                fixtures.consent(customer, "ANALYTICS", false, "2026-02-01T09:00:00Z");
            }
            if (consent == 8) {
                fixtures.consent(customer, "MARKETING", true, "2026-01-01T09:00:00Z");
            }
            int policies = random.nextInt(4);
            for (int p = 0; p < policies; p++) {
                var policy = fixtures.policy(customer, p % 2 == 0 ? medical : motor)
                        .by(channels[random.nextInt(channels.length)], agent, branch)
                        .from((2015 + random.nextInt(10)) + "-0" + (1 + random.nextInt(9)) + "-15", "2030-12-31");
                long id = random.nextInt(5) == 0 ? policy.expired() : policy.active();
                if (random.nextInt(4) == 0) {
                    fixtures.claim(id, customer, "2025-0" + (1 + random.nextInt(9)) + "-01");
                }
            }
            if (random.nextInt(3) > 0) {
                fixtures.segment(customer, "VALUE", values[random.nextInt(values.length)]);
            }
            if (random.nextInt(4) == 0) {
                fixtures.tag(customer, random.nextBoolean() ? "HIGH_VALUE" : "CLAIM_PRONE");
            }
        }
        // nobody else is 90+: men of 90+ in each region (3 + 3: generalised in the whole book, suppressed in each
        // branch) and women of 90+ of branch 44 in both regions (3 + 2: generalised in the whole book and the branch)
        LocalDate old = LocalDate.of(1930, 5, 5);
        for (int i = 0; i < 3; i++) {
            book.add(consenting(fixtures.customer("老先生33-" + i, "33", agent33, branch33, true, old)));
            book.add(consenting(fixtures.customer("老先生44-" + i, "44", agent44, branch44, true, old)));
            book.add(consenting(fixtures.customer("老太太33-" + i, "33", agent44, branch44, false, old)));
        }
        for (int i = 0; i < 2; i++) {
            book.add(consenting(fixtures.customer("老太太44-" + i, "44", agent44, branch44, false, old)));
        }
        // a merged customer is in no list
        jdbc.sql("update customer set merged_into_id = :into where id = :id").param("into", book.get(0))
                .param("id", book.get(1)).update();
    }

    private long consenting(long customer) {
        fixtures.consent(customer, "ANALYTICS", true, "2026-01-01T09:00:00Z");
        return customer;
    }

    private ModelBuild rebuild() {
        return model.rebuildNow(ModelBuild.Trigger.MANUAL, "test", "test");
    }

    private LiveAnalystList live() {
        return new LiveAnalystList(jdbc, pseudonyms, 5, LocalDate.now(clock));
    }

    private List<PseudonymousCustomer> stored(AnalystCustomerQuery query, DataScope scope) {
        List<PseudonymousCustomer> rows = new ArrayList<>();
        customers.each(query, scope, Locale.ENGLISH, rows::add);
        return rows;
    }

    private List<PseudonymousCustomer> oracle(AnalystCustomerQuery query, DataScope scope) {
        return live().rows(query, scope, Locale.ENGLISH, contractsPerCustomer.overall(scope).ratio());
    }

    private static AnalystCustomerQuery query(String segment, String tag, String region, Long branch, String channel,
                                              String ageBand, String sort, String direction) {
        return AnalystCustomerQuery.of(segment, tag, region, branch, channel, ageBand, sort, direction, 0, 200);
    }

    @Test
    void theStoredRowsAndCountsEqualTheLiveStatementForEveryScopeFilterAndOrder() {
        rebuild();

        List<DataScope> scopes = List.of(DataScope.all(), DataScope.branch(branch33), DataScope.branch(branch44));
        List<AnalystCustomerQuery> queries = new ArrayList<>();
        for (AnalystCustomerQuery.Sort sort : AnalystCustomerQuery.Sort.values()) {
            queries.add(query(null, null, null, null, null, null, sort.parameter(), "asc"));
            queries.add(query(null, null, null, null, null, null, sort.parameter(), "desc"));
        }
        queries.add(query("VALUE:HIGH", null, null, null, null, null, null, null));
        queries.add(query(null, "HIGH_VALUE", null, null, null, null, "premium", "desc"));
        queries.add(query(null, null, "33", null, null, null, "age", null));
        queries.add(query(null, null, null, branch44, null, null, null, null));
        queries.add(query(null, null, null, null, "ONLINE", null, "tenure", "desc"));
        queries.add(query(null, null, "44", null, null, "50-59", "policies", "desc"));
        int compared = 0;
        for (DataScope scope : scopes) {
            assertThat(customers.summary(scope)).as("counts in " + scope).isEqualTo(live().summary(scope));
            for (AnalystCustomerQuery query : queries) {
                List<PseudonymousCustomer> expected = oracle(query, scope);
                assertThat(stored(query, scope)).as(query.describe() + " in " + scope).containsExactlyElementsOf(expected);
                compared += expected.size();
            }
        }
        // the book is not trivial: every kind of row is there and was compared
        PseudonymousCustomers.Summary whole = live().summary(DataScope.all());
        assertThat(whole.published()).isGreaterThan(50);
        assertThat(whole.generalised()).isPositive();
        assertThat(whole.suppressed()).isPositive();
        assertThat(whole.withoutConsent()).isPositive();
        assertThat(live().summary(DataScope.branch(branch44)).generalised()).isPositive();
        assertThat(compared).isGreaterThan(1000);

        // a page is a slice of the whole list in the same order, its total the filtered count
        AnalystCustomerQuery second = AnalystCustomerQuery.of(null, null, "33", null, null, null, "policies", "desc", 1, 7);
        AnalystCustomerList page = customers.page(second, DataScope.all(), Locale.ENGLISH);
        List<PseudonymousCustomer> all = oracle(query(null, null, "33", null, null, null, "policies", "desc"), DataScope.all());
        assertThat(page.page().content()).containsExactlyElementsOf(all.subList(7, 14));
        assertThat(page.page().total()).isEqualTo(all.size());
        assertThat(page.asOf()).isEqualTo(model.current().orElseThrow().builtAt());
    }

    @Test
    void rebuildingTwiceGivesTheSameRowsAndCounts() {
        rebuild();
        AnalystModel.Current first = model.current().orElseThrow();
        List<Map<String, Object>> firstRows = rowsOf(first.slot());
        List<Map<String, Object>> firstCounts = countsOf(first.slot());

        rebuild();
        AnalystModel.Current second = model.current().orElseThrow();

        assertThat(second.slot()).as("built into the other slot").isNotEqualTo(first.slot());
        assertThat(second.buildId()).isGreaterThan(first.buildId());
        assertThat(rowsOf(second.slot())).isNotEmpty().isEqualTo(firstRows);
        assertThat(countsOf(second.slot())).isEqualTo(firstCounts);
    }

    private List<Map<String, Object>> rowsOf(int slot) {
        return jdbc.sql("""
                        select scope_branch, customer_id, kind, gender, age_from, region_code, branch_id, channel,
                               active_policies, premium_band, claims_band, tenure_band, segments::text, tags::text, keyed
                          from analyst_customer where slot = :slot order by scope_branch, customer_id""")
                .param("slot", slot).query().listOfRows();
    }

    private List<Map<String, Object>> countsOf(int slot) {
        return jdbc.sql("""
                        select scope_branch, in_scope, without_consent, published, generalised, suppressed, active_contracts,
                               active_holders from analyst_customer_summary where slot = :slot order by scope_branch""")
                .param("slot", slot).query().listOfRows();
    }

    private long listedCustomer() {
        java.util.Set<String> shown = new java.util.HashSet<>();
        stored(query(null, null, null, null, null, null, null, null), DataScope.all()).forEach(row -> shown.add(row.pseudonym()));
        return book.stream().filter(id -> shown.contains(pseudonyms.of(id))).findFirst().orElseThrow();
    }

    private boolean listed(long customer, DataScope scope) {
        return stored(query(null, null, null, null, null, null, null, null), scope).stream()
                .anyMatch(row -> row.pseudonym().equals(pseudonyms.of(customer)));
    }

    @Test
    void aWithdrawnAnalyticsConsentTakesTheCustomerOutAtOnceAndTheNextRebuildKeepsHimOut() {
        rebuild();
        long customer = listedCustomer();
        long branch = jdbc.sql("select branch_id from customer where id = :id").param("id", customer).query(Long.class).single();
        PseudonymousCustomers.Summary before = customers.summary(DataScope.all());
        List<PseudonymousCustomer> othersBefore = stored(query(null, null, null, null, null, null, null, null), DataScope.all())
                .stream().filter(row -> !row.pseudonym().equals(pseudonyms.of(customer))).toList();
        long buildBefore = model.current().orElseThrow().buildId();

        consents.withdraw(customer, ConsentPurpose.ANALYTICS, ConsentSource.PAPER_FORM, "v2", DataScope.all());

        assertThat(model.current().orElseThrow().buildId()).as("no rebuild").isEqualTo(buildBefore);
        assertThat(listed(customer, DataScope.all())).isFalse();
        assertThat(listed(customer, DataScope.branch(branch))).isFalse();
        PseudonymousCustomers.Summary after = customers.summary(DataScope.all());
        assertThat(after.published()).isEqualTo(before.published() - 1);
        assertThat(after.withoutConsent()).isEqualTo(before.withoutConsent() + 1);
        assertThat(after.inScope()).isEqualTo(before.inScope());
        assertThat(stored(query(null, null, null, null, null, null, null, null), DataScope.all()))
                .as("the others as they were: k-anonymity as of the last rebuild").containsExactlyElementsOf(othersBefore);

        rebuild();
        assertThat(listed(customer, DataScope.all())).isFalse();
        assertThat(customers.summary(DataScope.all())).isEqualTo(live().summary(DataScope.all()));
    }

    @Test
    void aMergedCustomerLeavesTheListAtOnceAndAnUnmergePutsHimBackAsHeWas() {
        rebuild();
        long merged = listedCustomer();
        long survivor = book.stream().filter(id -> id != merged && listed(id, DataScope.all())).findFirst().orElseThrow();
        long branch = jdbc.sql("select branch_id from customer where id = :id").param("id", merged).query(Long.class).single();
        PseudonymousCustomers.Summary before = customers.summary(DataScope.all());
        List<PseudonymousCustomer> rowsBefore = stored(query(null, null, null, null, null, null, null, null), DataScope.all());
        long buildBefore = model.current().orElseThrow().buildId();

        io.insurecrm.importing.CustomerMerges.Merge merge = merges.merge(survivor, merged, null, "test");

        assertThat(model.current().orElseThrow().buildId()).as("no rebuild").isEqualTo(buildBefore);
        assertThat(listed(merged, DataScope.all())).isFalse();
        assertThat(listed(merged, DataScope.branch(branch))).isFalse();
        assertThat(listed(survivor, DataScope.all())).as("the survivor stays").isTrue();
        PseudonymousCustomers.Summary after = customers.summary(DataScope.all());
        assertThat(after.published()).isEqualTo(before.published() - 1);
        assertThat(after.inScope()).as("a merged customer is no longer one of the book's").isEqualTo(before.inScope() - 1);
        assertThat(after.withoutConsent()).isEqualTo(before.withoutConsent());
        assertThat(jdbc.sql("select count(*) from analyst_customer_removal where customer_id = :id and why = 'MERGED'")
                .param("id", merged).query(Integer.class).single()).isEqualTo(1);

        merges.unmerge(merge.id(), "test");

        assertThat(listed(merged, DataScope.all())).isTrue();
        assertThat(listed(merged, DataScope.branch(branch))).isTrue();
        assertThat(customers.summary(DataScope.all())).isEqualTo(before);
        assertThat(stored(query(null, null, null, null, null, null, null, null), DataScope.all()))
                .containsExactlyElementsOf(rowsBefore);
        rebuild();
        assertThat(customers.summary(DataScope.all())).isEqualTo(live().summary(DataScope.all()));
    }

    @Test
    void aMergeKeepsTheMergedCustomerOutOfTheNextRebuildAndAnUnmergeAfterItWaitsForTheOneAfter() {
        rebuild();
        long merged = listedCustomer();
        long survivor = book.stream().filter(id -> id != merged && listed(id, DataScope.all())).findFirst().orElseThrow();
        io.insurecrm.importing.CustomerMerges.Merge merge = merges.merge(survivor, merged, null, "test");
        rebuild();
        assertThat(listed(merged, DataScope.all())).isFalse();
        PseudonymousCustomers.Summary rebuilt = customers.summary(DataScope.all());

        merges.unmerge(merge.id(), "test");
        assertThat(listed(merged, DataScope.all())).as("rows of an older model are not put into this one").isFalse();
        assertThat(customers.summary(DataScope.all())).as("counts untouched").isEqualTo(rebuilt);
        rebuild();
        assertThat(listed(merged, DataScope.all())).isTrue();
    }

    @Test
    void anotherPurposeWithdrawnLeavesTheListAlone() {
        rebuild();
        long customer = listedCustomer();
        consents.withdraw(customer, ConsentPurpose.MARKETING, ConsentSource.PAPER_FORM, "v2", DataScope.all());
        assertThat(listed(customer, DataScope.all())).isTrue();
    }

    @Test
    void anErasedCustomerLeavesTheListAtOnceAndForGood() {
        rebuild();
        long customer = listedCustomer();
        PseudonymousCustomers.Summary before = customers.summary(DataScope.all());

        events.publishEvent(new CustomerErased(customer, clock.instant()));

        assertThat(listed(customer, DataScope.all())).isFalse();
        PseudonymousCustomers.Summary after = customers.summary(DataScope.all());
        assertThat(after.published()).isEqualTo(before.published() - 1);
        assertThat(after.inScope()).isEqualTo(before.inScope() - 1);

        // his consent stays on record as it was; the erasure keeps him out of every later rebuild
        jdbc.sql("""
                        insert into customer_erasure (customer_id, erased_at, erased_by, retained_until)
                        values (:id, now(), 'test', current_date + 3650)""").param("id", customer).update();
        rebuild();
        assertThat(listed(customer, DataScope.all())).isFalse();
    }

    @Test
    void aWithdrawalDuringARebuildIsNotUndoneByIt() {
        rebuild();
        long customer = listedCustomer();
        // the withdrawal lands while the rebuild writes its rows (its snapshot still has the grant): the switch takes
        // him out of the new slot before readers see it
        model.rebuildNow(ModelBuild.Trigger.MANUAL, "test", "test", (build, phase, percent) -> {
            if (phase.equals("SWITCH")) {
                jdbc.sql("""
                                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                                values (:c, 'ANALYTICS', false, 'PAPER_FORM', 'v2', now(), 'test')""").param("c", customer).update();
                model.remove(customer, AnalystModel.Removal.CONSENT_WITHDRAWN);
            }
        });
        assertThat(listed(customer, DataScope.all())).isFalse();
        assertThat(customers.summary(DataScope.all()).published())
                .isEqualTo(stored(query(null, null, null, null, null, null, null, null), DataScope.all()).size());
    }

    @Test
    void aBranchScopedCallerReadsHisBranchsOwnReleaseAndAnOwnBookScopeHasNone() {
        rebuild();
        List<PseudonymousCustomer> branch = stored(query(null, null, null, null, null, null, null, null), DataScope.branch(branch33));
        List<String> ofBranch = jdbc.sql("""
                        select id from customer where branch_id = :b and merged_into_id is null""").param("b", branch33)
                .query(Long.class).list().stream().map(pseudonyms::of).toList();
        assertThat(branch).isNotEmpty().extracting(PseudonymousCustomer::pseudonym).allMatch(ofBranch::contains);
        assertThat(customers.summary(DataScope.branch(branch33)).inScope()).isEqualTo(ofBranch.size());
        assertThat(customers.summary(DataScope.branch(999_999)))
                .as("a branch without customers").isEqualTo(new PseudonymousCustomers.Summary(0, 0, 0, 0, 0));
        assertThatThrownBy(() -> customers.summary(DataScope.ownBook(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedRebuildLeavesThePreviousModelAndIsRecorded() {
        ModelBuild first = rebuild();
        AnalystModel.Current current = model.current().orElseThrow();
        List<Map<String, Object>> rows = rowsOf(current.slot());
        List<Map<String, Object>> otherSlot = rowsOf(1 - current.slot());
        // the book changes, then the rebuild fails after writing its rows, before the switch
        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                select distinct customer_id, 'ANALYTICS', false, 'PAPER_FORM', 'v2', now(), 'test'
                  from consent where purpose = 'ANALYTICS'""").update();

        assertThatThrownBy(() -> model.rebuildNow(ModelBuild.Trigger.MANUAL, "test", "test", (build, phase, percent) -> {
            if (phase.equals("SWITCH")) {
                throw new IllegalStateException("injected failure");
            }
        })).hasMessageContaining("injected failure");

        assertThat(model.current()).contains(current);
        assertThat(rowsOf(current.slot())).isNotEmpty().isEqualTo(rows);
        assertThat(rowsOf(1 - current.slot())).as("the half-written slot rolled back").isEqualTo(otherSlot);
        ModelBuild failed = model.latest().orElseThrow();
        assertThat(failed.id()).isGreaterThan(first.id());
        assertThat(failed.status()).isEqualTo(ModelBuild.Status.FAILED);
        assertThat(failed.error()).contains("injected failure");
        assertThat(model.running()).isEmpty();
    }

    @Test
    void oneRebuildAtATimeAndAPersonMustSayWhy() {
        List<RuntimeException> refused = new ArrayList<>();
        model.rebuildNow(ModelBuild.Trigger.MANUAL, "test", "test", (build, phase, percent) -> {
            if (phase.equals("ROWS")) {
                try {
                    model.rebuildNow(ModelBuild.Trigger.MANUAL, "a second one", "test");
                } catch (AnalystModelBuildInProgress e) {
                    assertThat(e.runningId()).isEqualTo(build);
                    refused.add(e);
                }
            }
        });
        assertThat(refused).hasSize(1);
        assertThatThrownBy(() -> model.rebuildNow(ModelBuild.Trigger.MANUAL, " ", "test"))
                .isInstanceOfSatisfying(io.insurecrm.platform.web.FieldRuleViolation.class,
                        e -> assertThat(e.field()).isEqualTo("reason"));
        assertThat(model.running()).isEmpty();
    }

    @Test
    void aModelIsStaleWhenMissingOrBuiltUnderAnotherK() {
        jdbc.sql("update analyst_model set current_slot = null where id = 1").update();
        assertThat(model.stale()).isTrue();
        rebuild();
        assertThat(model.stale()).isFalse();
        jdbc.sql("update analyst_model set k = 7 where id = 1").update();
        assertThat(model.stale()).isTrue();
    }
}
