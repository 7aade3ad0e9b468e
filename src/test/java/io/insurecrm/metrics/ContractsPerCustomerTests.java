package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * 客均合同 on a hand-made book, with exact rows. The book (status now; dates for the month-end snapshots):
 * <pre>
 * customer region agent branch  policies (product, channel, policy agent)
 * c1       31     A1    B1      p1 MED AGENT A1 active · p2 CI AGENT A1 active · p3 HOME ONLINE A1 active
 * c2       31     A1    B1      p4 MED BANC A1 active · p5 CI lapsed 2025-06-30
 * c3       44     A2    B2      p6 HOME AGENT A2 active · p7 MED AGENT A2 active
 * c4       44     A2    B2      p8 MED lapsed 2024-05-01 · p9 HOME expired 2025-02-28     (none active)
 * c5       31     A1    B1      p10 CI cancelled 2025-03-15                               (none active)
 * c6       44     A2    B2      p11 MED ONLINE A1 active      (policy agent A1, but serviced by A2)
 * c7       44     A1    B2      p12 HOME AGENT A1 active      (agent A1's customer in branch B2)
 * households: 张家 = c1, c2, c5 · 李家 = c3, c4 · 王家 = c6, c7
 * </pre>
 */
@SpringBootTest(properties = "crm.metrics.cache-ttl=0s")  // every test has its own book
@Transactional
class ContractsPerCustomerTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ContractsPerCustomer contractsPerCustomer;
    @Autowired
    ContractsPerCustomerSnapshots snapshots;

    long a1, a2, b1, b2, c1, c2, c3, c4, c5, c6, c7, zhang, li, wang;

    @BeforeEach
    void book() {
        MetricsFixtures fixtures = new MetricsFixtures(jdbc);
        fixtures.emptyBook();
        b1 = fixtures.branch("B1", "31");
        b2 = fixtures.branch("B2", "44");
        a1 = fixtures.agent("A1", b1);
        a2 = fixtures.agent("A2", b2);
        long med = fixtures.product("MED", "MEDICAL", "BASIC");
        long ci = fixtures.product("CI", "CRITICAL_ILLNESS", "ADVANCED");
        long home = fixtures.product("HOME", "HOME_PROPERTY", null);
        c1 = fixtures.customer("c1", "31", a1, b1);
        c2 = fixtures.customer("c2", "31", a1, b1);
        c3 = fixtures.customer("c3", "44", a2, b2);
        c4 = fixtures.customer("c4", "44", a2, b2);
        c5 = fixtures.customer("c5", "31", a1, b1);
        c6 = fixtures.customer("c6", "44", a2, b2);
        c7 = fixtures.customer("c7", "44", a1, b2);
        fixtures.policy(c1, med).by("AGENT", a1, b1).from("2025-01-01", "2026-12-31").active();
        fixtures.policy(c1, ci).by("AGENT", a1, b1).from("2024-06-01", "2044-05-31").active();
        fixtures.policy(c1, home).by("ONLINE", a1, b1).from("2026-03-01", "2027-02-28").active();
        fixtures.policy(c2, med).by("BANCASSURANCE", a1, b1).from("2026-01-15", "2027-01-14").active();
        fixtures.policy(c2, ci).by("AGENT", a1, b1).from("2023-01-01", "2043-01-01").lapsed("2025-06-30");
        fixtures.policy(c3, home).by("AGENT", a2, b2).from("2025-07-01", "2026-06-30").active();
        fixtures.policy(c3, med).by("AGENT", a2, b2).from("2025-09-01", "2026-08-31").active();
        fixtures.policy(c4, med).by("AGENT", a2, b2).from("2024-01-01", "2024-12-31").lapsed("2024-05-01");
        fixtures.policy(c4, home).by("AGENT", a2, b2).from("2024-03-01", "2025-02-28").expired();
        fixtures.policy(c5, ci).by("BANCASSURANCE", a1, b1).from("2025-02-01", "2045-01-31").cancelled("2025-03-15");
        fixtures.policy(c6, med).by("ONLINE", a1, b2).from("2025-11-01", "2026-10-31").active();
        fixtures.policy(c7, home).by("AGENT", a1, b2).from("2026-02-01", "2027-01-31").active();
        zhang = fixtures.household("张家", c1, "SPOUSE", c2, "CHILD", c5);
        li = fixtures.household("李家", c3, "PARENT", c4);
        wang = fixtures.household("王家", c6, "SPOUSE", c7);
    }

    @Test
    void overallCountsActiveContractsOverCustomersHoldingOne() {
        assertThat(contractsPerCustomer.overall(DataScope.all())).isEqualTo(new Ratio(8, 5));
        assertThat(contractsPerCustomer.overall(DataScope.all()).ratio()).isEqualByComparingTo("1.60");
    }

    @Test
    void theSameQueryGivesEachScopeItsOwnFigure() {
        assertThat(contractsPerCustomer.overall(DataScope.ownBook(a1))).isEqualTo(new Ratio(5, 3));
        assertThat(contractsPerCustomer.overall(DataScope.ownBook(a2))).isEqualTo(new Ratio(3, 2));
        assertThat(contractsPerCustomer.overall(DataScope.branch(b1))).isEqualTo(new Ratio(4, 2));
        assertThat(contractsPerCustomer.overall(DataScope.branch(b2))).isEqualTo(new Ratio(4, 3));
        assertThat(contractsPerCustomer.overall(DataScope.ownBook(99_999))).isEqualTo(Ratio.NONE);
        assertThat(Ratio.NONE.ratio()).isNull();
    }

    @Test
    void byRegionOfThePolicyholder() {
        assertThat(rows(Breakdown.REGION, DataScope.all(), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row("31", "上海市", 4, 2, "2.00"),
                row("44", "广东省", 4, 3, "1.33"));
        assertThat(rows(Breakdown.REGION, DataScope.all(), Locale.ENGLISH)).extracting(t -> t.toList().get(1))
                .containsExactly("Shanghai", "Guangdong");
        assertThat(rows(Breakdown.REGION, DataScope.ownBook(a1), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row("31", "上海市", 4, 2, "2.00"),
                row("44", "广东省", 1, 1, "1.00"));
        assertThat(rows(Breakdown.REGION, DataScope.branch(b2), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row("44", "广东省", 4, 3, "1.33"));
    }

    @Test
    void byBranchOfThePolicyholder() {
        assertThat(rows(Breakdown.BRANCH, DataScope.all(), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row(String.valueOf(b1), "分公司B1", 4, 2, "2.00"),
                row(String.valueOf(b2), "分公司B2", 4, 3, "1.33"));
        assertThat(rows(Breakdown.BRANCH, DataScope.ownBook(a2), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row(String.valueOf(b2), "分公司B2", 3, 2, "1.50"));
    }

    @Test
    void byChannelLabelledInTheLocale() {
        assertThat(rows(Breakdown.CHANNEL, DataScope.all(), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row("AGENT", "代理人渠道", 5, 3, "1.67"),
                row("ONLINE", "网络渠道", 2, 2, "1.00"),
                row("BANCASSURANCE", "银保渠道", 1, 1, "1.00"));
        assertThat(rows(Breakdown.CHANNEL, DataScope.branch(b1), Locale.ENGLISH)).containsExactly(
                row("AGENT", "Agents", 2, 1, "2.00"),
                row("BANCASSURANCE", "Bancassurance", 1, 1, "1.00"),
                row("ONLINE", "Online", 1, 1, "1.00"));
    }

    @Test
    void byThePolicysAgent() {
        assertThat(rows(Breakdown.AGENT, DataScope.all(), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row(String.valueOf(a1), "代理人A1 (A1)", 6, 4, "1.50"),
                row(String.valueOf(a2), "代理人A2 (A2)", 2, 1, "2.00"));
        // agent A2's own book holds c6, whose policy was sold by A1
        assertThat(rows(Breakdown.AGENT, DataScope.ownBook(a2), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row(String.valueOf(a2), "代理人A2 (A2)", 2, 1, "2.00"),
                row(String.valueOf(a1), "代理人A1 (A1)", 1, 1, "1.00"));
    }

    @Test
    void byProductLineAndLayer() {
        assertThat(rows(Breakdown.PRODUCT_LINE, DataScope.all(), Locale.SIMPLIFIED_CHINESE)).containsExactly(
                row("MEDICAL", "医疗险", 4, 4, "1.00"),
                row("HOME_PROPERTY", "家庭财产险", 3, 3, "1.00"),
                row("CRITICAL_ILLNESS", "重疾险", 1, 1, "1.00"));
        assertThat(rows(Breakdown.LAYER, DataScope.all(), Locale.ENGLISH)).containsExactly(
                row("BASIC", "Basic", 4, 4, "1.00"),
                row("PROPERTY", "Property (outside the three layers)", 3, 3, "1.00"),
                row("ADVANCED", "Advanced", 1, 1, "1.00"));
    }

    @Test
    void perHouseholdWithItsDistribution() {
        HouseholdFigures figures = contractsPerCustomer.households(DataScope.all(), 10);
        assertThat(figures.households()).isEqualTo(3);
        assertThat(figures.overall()).isEqualTo(new Ratio(8, 5));
        assertThat(figures.contractsPerHousehold()).isEqualByComparingTo("2.67");
        assertThat(figures.distribution()).containsExactly(
                new HouseholdFigures.Bucket(1, false, 1, 2, 2),
                new HouseholdFigures.Bucket(2, false, 2, 6, 3),
                new HouseholdFigures.Bucket(3, false, 0, 0, 0),
                new HouseholdFigures.Bucket(4, false, 0, 0, 0),
                new HouseholdFigures.Bucket(5, true, 0, 0, 0));
        assertThat(figures.top()).containsExactly(
                new GroupFigure(String.valueOf(zhang), "张家", 4, 2),
                new GroupFigure(String.valueOf(li), "李家", 2, 1),
                new GroupFigure(String.valueOf(wang), "王家", 2, 2));
        assertThat(contractsPerCustomer.households(DataScope.all(), 1).top()).hasSize(1);
    }

    @Test
    void householdsSeenFromAnAgentsBook() {
        HouseholdFigures figures = contractsPerCustomer.households(DataScope.ownBook(a1), 10);
        assertThat(figures.households()).isEqualTo(2);
        assertThat(figures.overall()).isEqualTo(new Ratio(5, 3));
        assertThat(figures.top()).containsExactly(
                new GroupFigure(String.valueOf(zhang), "张家", 4, 2),
                new GroupFigure(String.valueOf(wang), "王家", 1, 1));
        List<GroupFigure> streamed = new java.util.ArrayList<>();
        contractsPerCustomer.eachHousehold(DataScope.ownBook(a1), streamed::add);
        assertThat(streamed).isEqualTo(figures.top());
    }

    @Test
    void snapshotsGiveExactMonthEndFiguresAndAreIdempotent() {
        ContractsPerCustomerSnapshots.SnapshotRun first = snapshots.refresh(LocalDate.parse("2026-03-15"), false);
        assertThat(first.monthEnds()).hasSize(120).startsWith(LocalDate.parse("2016-04-30"))
                .endsWith(LocalDate.parse("2026-03-31"));
        assertThat(snapshot("2022-12-31")).containsExactly("2022-12-31", 0L, 0L);
        assertThat(snapshot("2024-04-30")).containsExactly("2024-04-30", 3L, 2L);  // p5, p8, p9
        assertThat(snapshot("2024-05-31")).containsExactly("2024-05-31", 2L, 2L);  // p8 lapsed on 05-01
        assertThat(snapshot("2025-02-28")).containsExactly("2025-02-28", 5L, 4L);  // p9's last day, p10 not yet cancelled
        assertThat(snapshot("2025-03-31")).containsExactly("2025-03-31", 3L, 2L);
        assertThat(snapshot("2025-06-30")).containsExactly("2025-06-30", 2L, 1L);  // p5 lapsed that very day
        assertThat(snapshot("2025-12-31")).containsExactly("2025-12-31", 5L, 3L);
        assertThat(snapshot("2026-02-28")).containsExactly("2026-02-28", 7L, 5L);
        assertThat(snapshot("2026-03-31")).containsExactly("2026-03-15", 8L, 5L);  // the running month, as of today

        List<Object> before = jdbc.sql("select array_agg(m order by month_end)::text from contracts_per_customer_monthly m")
                .query().singleColumn();
        assertThat(snapshots.refresh(LocalDate.parse("2026-03-15"), false).monthEnds()).isEmpty();
        assertThat(jdbc.sql("select array_agg(m order by month_end)::text from contracts_per_customer_monthly m")
                .query().singleColumn()).isEqualTo(before);

        // next month: March is finished on its last day, April is new, nothing else is touched (counted per day)
        assertThat(snapshots.refresh(LocalDate.parse("2026-04-02"), false).monthEnds())
                .containsExactly(LocalDate.parse("2026-03-31"), LocalDate.parse("2026-04-30"));
        assertThat(snapshot("2026-03-31")).containsExactly("2026-03-31", 8L, 5L);
        assertThat(snapshot("2026-04-30")).containsExactly("2026-04-02", 8L, 5L);
        assertThat(snapshots.refresh(LocalDate.parse("2026-04-02"), true).monthEnds()).hasSize(120);
    }

    @Test
    void bothWaysOfComputingTheSnapshotsAgree() {
        String table = "select string_agg(month_end || '/' || as_of || '/' || active_contracts || '/' || active_customers, ' ' order by month_end) from contracts_per_customer_monthly";
        new ContractsPerCustomerSnapshots(jdbc, java.time.Clock.systemDefaultZone(), settings(0))
                .refresh(LocalDate.parse("2026-03-15"), true);
        String onePass = jdbc.sql(table).query(String.class).single();
        new ContractsPerCustomerSnapshots(jdbc, java.time.Clock.systemDefaultZone(), settings(120))
                .refresh(LocalDate.parse("2026-03-15"), true);
        assertThat(jdbc.sql(table).query(String.class).single()).isEqualTo(onePass)
                .contains("2025-02-28/2025-02-28/5/4", "2026-03-31/2026-03-15/8/5");
    }

    private static MetricsSettings settings(int directMonths) {
        return new MetricsSettings("-", 120, 36, 20, "64MB", directMonths, java.time.Duration.ZERO);
    }

    @Test
    void trendReadsTheSnapshotsForTheWholeBookAndComputesRestrictedScopesLive() {
        snapshots.refresh(LocalDate.parse("2026-03-15"), false);
        Trend book = contractsPerCustomer.trend(3, DataScope.all(), LocalDate.parse("2026-03-15"));
        assertThat(book.source()).isEqualTo(Trend.Source.SNAPSHOTS);
        assertThat(book.points()).extracting(TrendPoint::monthEnd, TrendPoint::activeContracts, TrendPoint::activeCustomers)
                .containsExactly(tuple(LocalDate.parse("2026-01-31"), 6L, 4L), tuple(LocalDate.parse("2026-02-28"), 7L, 5L),
                        tuple(LocalDate.parse("2026-03-31"), 8L, 5L));

        Trend agent = contractsPerCustomer.trend(14, DataScope.ownBook(a1), LocalDate.parse("2026-03-15"));
        assertThat(agent.source()).isEqualTo(Trend.Source.LIVE);
        assertThat(agent.points()).hasSize(14);
        assertThat(agent.points().get(0)).isEqualTo(new TrendPoint(LocalDate.parse("2025-02-28"),
                LocalDate.parse("2025-02-28"), 4, 3));  // c1: p1 p2 · c2: p5 · c5: p10
        assertThat(agent.points().get(13)).isEqualTo(new TrendPoint(LocalDate.parse("2026-03-31"),
                LocalDate.parse("2026-03-15"), 5, 3));  // matches the live overall figure of his book
        Trend branch = contractsPerCustomer.trend(2, DataScope.branch(b2), LocalDate.parse("2026-03-15"));
        assertThat(branch.points()).extracting(TrendPoint::activeContracts, TrendPoint::activeCustomers)
                .containsExactly(tuple(4L, 3L), tuple(4L, 3L));
    }

    private List<Tuple> rows(Breakdown by, DataScope scope, Locale locale) {
        return contractsPerCustomer.by(by, scope, locale).stream()
                .map(f -> tuple(f.key(), f.label(), f.activeContracts(), f.activeCustomers(), f.ratio()))
                .toList();
    }

    private static Tuple row(String key, String label, long contracts, long customers, String ratio) {
        return tuple(key, label, contracts, customers, new BigDecimal(ratio));
    }

    private List<Object> snapshot(String monthEnd) {
        return jdbc.sql("select as_of::text, active_contracts, active_customers from contracts_per_customer_monthly where month_end = ?::date")
                .param(monthEnd).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getLong(2), rs.getLong(3))).single();
    }
}
