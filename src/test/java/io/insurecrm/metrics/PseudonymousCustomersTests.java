package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pseudonymised analyst list on a hand-made book (emptied inside the test's rolled-back transaction), k = 5, read
 * from the stored list rebuilt in the same transaction: consent filter, k-anonymity (a class of 4 generalised or
 * suppressed, 5 shown), pseudonyms, bands, filters, audit.
 */
@SpringBootTest(properties = {"crm.metrics.cache-ttl=0s", "crm.analytics.k=5"})
@Transactional
class PseudonymousCustomersTests {

    private static final LocalDate BORN_1985 = LocalDate.of(1985, 6, 15);   // 40-49 until 2035
    private static final LocalDate BORN_1992 = LocalDate.of(1992, 6, 15);   // 30-39 until 2032

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PseudonymousCustomers customers;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    AnalystModel model;

    MetricsFixtures fixtures;
    long branch33, branch44, agent33, agent44, medical;

    @BeforeEach
    void book() {
        fixtures = new MetricsFixtures(jdbc);
        fixtures.emptyBookKeepingIds();
        branch33 = fixtures.branch("B33", "33");
        branch44 = fixtures.branch("B44", "44");
        agent33 = fixtures.agent("A33", branch33);
        agent44 = fixtures.agent("A44", branch44);
        medical = fixtures.product("MED", "MEDICAL", "BASIC");
    }

    private long woman(String region, long agent, long branch) {
        return consenting(fixtures.customer("女客户", region, agent, branch, false, BORN_1985));
    }

    private long man(String region, long agent, long branch) {
        return consenting(fixtures.customer("男客户", region, agent, branch, true, BORN_1992));
    }

    private long consenting(long customer) {
        fixtures.consent(customer, "ANALYTICS", true, "2026-01-01T09:00:00Z");
        return customer;
    }

    private AnalystCustomerList all() {
        return rebuilt().page(query(null, null, null, null, null), DataScope.all(), Locale.SIMPLIFIED_CHINESE);
    }

    /** The list as stored after a rebuild of the book made so far (in the test's transaction). */
    private PseudonymousCustomers rebuilt() {
        model.rebuildNow(ModelBuild.Trigger.MANUAL, "test", "test");
        return customers;
    }

    private static AnalystCustomerQuery query(String segment, String tag, String region, String ageBand, String sort) {
        return AnalystCustomerQuery.of(segment, tag, region, null, null, ageBand, sort, null, 0, 200);
    }

    private List<String> pseudonymsOf(List<Long> ids) {
        return ids.stream().map(pseudonyms::of).toList();
    }

    @Test
    void onlyCustomersWhoseLatestAnalyticsConsentIsAGrantAreListedAndTheOthersCounted() {
        List<Long> granted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            granted.add(woman("33", agent33, branch33));
        }
        long never = fixtures.customer("未同意", "33", agent33, branch33, false, BORN_1985);
        long withdrawn = woman("33", agent33, branch33);
        fixtures.consent(withdrawn, "ANALYTICS", false, "2026-02-01T09:00:00Z");
        long otherPurpose = fixtures.customer("仅营销", "33", agent33, branch33, false, BORN_1985);
        fixtures.consent(otherPurpose, "MARKETING", true, "2026-01-01T09:00:00Z");

        AnalystCustomerList list = all();

        assertThat(list.page().content()).extracting(PseudonymousCustomer::pseudonym)
                .containsExactlyInAnyOrderElementsOf(pseudonymsOf(granted))
                .doesNotContainAnyElementsOf(pseudonymsOf(List.of(never, withdrawn, otherPurpose)));
        assertThat(list.inScope()).isEqualTo(8);
        assertThat(list.withoutConsent()).isEqualTo(3);
        assertThat(list.published()).isEqualTo(5);
        assertThat(list.suppressed()).isZero();
        assertThat(list.k()).isEqualTo(5);
    }

    @Test
    void aClassOfFiveIsShownWithItsRegionAndAClassOfFourIsSuppressed() {
        List<Long> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(woman("33", agent33, branch33));
        }
        List<Long> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(man("44", agent44, branch44));
        }

        AnalystCustomerList list = all();

        assertThat(list.page().content()).extracting(PseudonymousCustomer::pseudonym)
                .containsExactlyInAnyOrderElementsOf(pseudonymsOf(five));
        assertThat(list.page().content()).allSatisfy(row -> {
            assertThat(row.regionCode()).isEqualTo("33");
            assertThat(row.region()).isEqualTo("浙江省");
            assertThat(row.branch()).isEqualTo("分公司B33");
            assertThat(row.ageBand()).isEqualTo("40-49");
            assertThat(row.gender()).isEqualTo("FEMALE");
        });
        assertThat(list.suppressed()).isEqualTo(4);
        assertThat(list.published()).isEqualTo(5);
        assertThat(list.generalised()).isZero();
    }

    @Test
    void classesOfFewerThanKWhoTogetherMakeKAreShownWithTheRegionGeneralised() {
        List<Long> men = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            men.add(man("44", agent44, branch44));
        }
        men.add(man("33", agent33, branch33));

        AnalystCustomerList list = all();

        assertThat(list.page().content()).extracting(PseudonymousCustomer::pseudonym)
                .containsExactlyInAnyOrderElementsOf(pseudonymsOf(men));
        assertThat(list.page().content()).allSatisfy(row -> {
            assertThat(row.regionGeneralised()).isTrue();
            assertThat(row.region()).isNull();
            assertThat(row.branch()).as("the branch would give the region away").isNull();
            assertThat(row.ageBand()).isEqualTo("30-39");
        });
        assertThat(list.generalised()).isEqualTo(5);
        assertThat(list.suppressed()).isZero();
        // a region filter matches published regions only: the generalised rows are not found by their real region
        assertThat(rebuilt().page(query(null, null, "44", null, null), DataScope.all(), Locale.ENGLISH).page().content()).isEmpty();
    }

    @Test
    void thePseudonymIsStableKeyedAndNotTheId() {
        List<Long> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(woman("33", agent33, branch33));
        }
        List<String> first = all().page().content().stream().map(PseudonymousCustomer::pseudonym).toList();
        List<String> second = all().page().content().stream().map(PseudonymousCustomer::pseudonym).toList();

        assertThat(second).as("the same order and pseudonyms on every request").isEqualTo(first);
        assertThat(first).allSatisfy(p -> assertThat(p).matches("P-[A-Z2-9]{16}")).doesNotHaveDuplicates();
        for (long id : five) {
            String pseudonym = pseudonyms.of(id);
            assertThat(first).contains(pseudonym);
            assertThat(pseudonym).isNotEqualTo(String.valueOf(id)).isNotEqualTo("P-" + id);
            assertThat(new Pseudonyms(new byte[32]).of(id)).as("another key, another pseudonym").isNotEqualTo(pseudonym);
        }
    }

    @Test
    void rowsCarryBandsSegmentsTagsAndTheContributionToContractsPerCustomer() {
        List<Long> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(woman("33", agent33, branch33));
        }
        long rich = five.get(0);
        fixtures.policy(rich, medical).by("ONLINE", agent33, branch33).from("2020-01-01", "2030-12-31").active();
        fixtures.policy(rich, medical).by("AGENT", agent33, branch33).from("2024-01-01", "2030-12-31").active();
        long claimPolicy = fixtures.policy(five.get(1), medical).by("AGENT", agent33, branch33).from("2025-01-01", "2030-12-31").active();
        fixtures.claim(claimPolicy, five.get(1), "2025-06-01");
        fixtures.claim(claimPolicy, five.get(1), "2025-07-01");
        fixtures.segment(rich, "VALUE", "HIGH");
        fixtures.tag(rich, "HIGH_VALUE");
        // book: 3 active contracts held by 2 customers -> 1.50

        Map<String, PseudonymousCustomer> rows = new java.util.HashMap<>();
        all().page().content().forEach(row -> rows.put(row.pseudonym(), row));

        PseudonymousCustomer richRow = rows.get(pseudonyms.of(rich));
        assertThat(richRow.activePolicies()).isEqualTo(2);
        assertThat(richRow.premiumBand()).isEqualTo("2000-4999");
        assertThat(richRow.channel()).as("the channel of the first policy").isEqualTo("ONLINE");
        assertThat(richRow.tenureBand()).as("since 2020-01-01").isIn("5-9", "10+");
        assertThat(richRow.segments()).containsExactly(Map.entry("VALUE", "HIGH"));
        assertThat(richRow.tags()).containsExactly("HIGH_VALUE");
        assertThat(richRow.contribution()).isEqualByComparingTo(new BigDecimal("0.50"));
        PseudonymousCustomer claimant = rows.get(pseudonyms.of(five.get(1)));
        assertThat(claimant.claimsBand()).isEqualTo("2-3");
        assertThat(claimant.contribution()).isEqualByComparingTo(new BigDecimal("-0.50"));
        PseudonymousCustomer none = rows.get(pseudonyms.of(five.get(2)));
        assertThat(none.activePolicies()).isZero();
        assertThat(none.premiumBand()).isEqualTo("0");
        assertThat(none.claimsBand()).isEqualTo("0");
        assertThat(none.contribution()).as("not in the figure").isNull();

        assertThat(rebuilt().page(query("VALUE:HIGH", null, null, null, null), DataScope.all(), Locale.ENGLISH)
                .page().content()).extracting(PseudonymousCustomer::pseudonym).containsExactly(pseudonyms.of(rich));
        assertThat(rebuilt().page(query(null, "HIGH_VALUE", "33", "40-49", null), DataScope.all(), Locale.ENGLISH)
                .page().content()).extracting(PseudonymousCustomer::pseudonym).containsExactly(pseudonyms.of(rich));
        assertThat(rebuilt().page(query(null, null, null, "30-39", null), DataScope.all(), Locale.ENGLISH)
                .page().content()).isEmpty();
        assertThat(rebuilt().page(query(null, null, null, null, "policies"), DataScope.all(), Locale.ENGLISH)
                .page().content().get(0).pseudonym()).as("fewest policies first").isNotEqualTo(pseudonyms.of(rich));
        assertThat(rebuilt().page(AnalystCustomerQuery.of(null, null, null, null, null, null, "policies", "desc", 0, 200),
                DataScope.all(), Locale.ENGLISH).page().content().get(0).pseudonym()).isEqualTo(pseudonyms.of(rich));
    }

    @Test
    void aPageIsRecordedAsAListingOfTheCustomersShownAndTheExportAsOneExport() {
        List<Long> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(woman("33", agent33, branch33));
        }
        long before = jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();

        rebuilt().page(AnalystCustomerQuery.of(null, null, null, null, null, null, null, null, 0, 3), DataScope.all(),
                Locale.ENGLISH);
        List<PseudonymousCustomer> exported = new ArrayList<>();
        rebuilt().each(query(null, null, "33", null, null), DataScope.all(), Locale.ENGLISH, exported::add);

        List<Map<String, Object>> events = jdbc.sql("""
                        select seq, action, reason from audit_event where seq > :before order by seq""")
                .param("before", before).query().listOfRows();
        assertThat(events).extracting(e -> e.get("action")).containsExactly("LIST_CUSTOMERS", "EXPORT");
        assertThat((String) events.get(0).get("reason")).startsWith("pseudonymised analyst list").contains("listed 3:");
        assertThat((String) events.get(1).get("reason")).contains("analytics-customers.csv").contains("region=33");
        List<Long> listed = jdbc.sql("select customer_id from audit_listing where seq = :seq")
                .param("seq", events.get(0).get("seq")).query(Long.class).list();
        assertThat(listed).hasSize(3).isSubsetOf(five);
        assertThat(exported).hasSize(5);
    }

    @Test
    void badFiltersNameTheParameter() {
        assertThatThrownBy(() -> query("HIGH", null, null, null, null)).isInstanceOfSatisfying(FieldRuleViolation.class,
                e -> assertThat(e.field()).isEqualTo("segment"));
        assertThatThrownBy(() -> query(null, null, "4", null, null)).isInstanceOfSatisfying(FieldRuleViolation.class,
                e -> assertThat(e.field()).isEqualTo("region"));
        assertThatThrownBy(() -> query(null, null, null, "35-44", null)).isInstanceOfSatisfying(FieldRuleViolation.class,
                e -> assertThat(e.field()).isEqualTo("ageBand"));
        assertThatThrownBy(() -> query(null, null, null, null, "name")).isInstanceOfSatisfying(FieldRuleViolation.class,
                e -> assertThat(e.field()).isEqualTo("sort"));
        assertThatThrownBy(() -> AnalystCustomerQuery.of(null, null, null, null, null, null, null, null, 0, 500))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("size"));
    }
}
