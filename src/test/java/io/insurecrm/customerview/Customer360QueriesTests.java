package io.insurecrm.customerview;

import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.customer.Relationship;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.insurecrm.fixtures.BookFixtures.at;
import static io.insurecrm.fixtures.BookFixtures.instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Customer 360 read model against PostgreSQL with a hand-made family: 张伟 (agent A) heads a household with his
 * wife 李娜 (agent A), their son 张小明 (agent A2 of the same branch) and his mother 王秀英 (agent X of another branch).
 */
@SpringBootTest
class Customer360QueriesTests {

    @Autowired
    CustomerView view;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    LocalDate today;
    BookFixtures book;
    long branch, otherBranch, agentA, agentA2, agentX;
    long zhang, li, son, mother;
    long oldMedical, medical, criticalIllness, home, annuity, termLifeOfLi, sonsAccident;

    @BeforeEach
    void family() {
        today = LocalDate.now(clock);
        book = new BookFixtures(jdbc);
        branch = book.branch("33", "杭州");
        otherBranch = book.branch("11", "北京");
        agentA = book.agent(branch, "王芳");
        agentA2 = book.agent(branch, "刘洋");
        agentX = book.agent(otherBranch, "孙磊");
        zhang = book.individual("张伟", LocalDate.of(1985, 3, 12), true, "33", agentA);
        li = book.individual("李娜", LocalDate.of(1987, 6, 1), false, "33", agentA);
        son = book.individual("张小明", LocalDate.of(2015, 9, 1), true, "33", agentA2);
        mother = book.individual("王秀英", LocalDate.of(1958, 1, 20), false, "11", agentX);
        long household = book.household("张伟家庭", zhang);
        book.member(household, li, "SPOUSE");
        book.member(household, son, "CHILD");
        book.member(household, mother, "PARENT");

        long medicalProduct = book.product("百万医疗险", "Million medical", "MEDICAL", "BASIC");
        long ciProduct = book.product("重疾险", "Critical illness", "CRITICAL_ILLNESS", "ADVANCED");
        long annuityProduct = book.product("年金险", "Annuity", "ANNUITY", "WEALTH");
        long homeProduct = book.product("家庭财产险", "Home property", "HOME_PROPERTY", null);
        long termLifeProduct = book.product("定期寿险", "Term life", "TERM_LIFE", "ADVANCED");
        long accidentProduct = book.product("学生意外险", "Student accident", "ACCIDENT", "BASIC");

        oldMedical = book.policy(zhang, zhang, medicalProduct, "EXPIRED", today.minusDays(465), today.minusDays(100), "800.00", null);
        medical = book.policy(zhang, zhang, medicalProduct, "ACTIVE", today.minusDays(100), today.plusDays(265), "860.00", oldMedical);
        criticalIllness = book.policy(zhang, ciProduct, "LAPSED", today.minusDays(700), today.plusDays(3000), "5200.00");
        home = book.policy(zhang, homeProduct, "CANCELLED", today.minusDays(300), today.plusDays(65), "420.00");
        annuity = book.policy(zhang, son, annuityProduct, "ACTIVE", today.minusDays(30), today.plusDays(3600), "20000.00", null);
        termLifeOfLi = book.policy(li, zhang, termLifeProduct, "ACTIVE", today.minusDays(10), today.plusDays(7000), "3100.00", null);
        sonsAccident = book.policy(son, accidentProduct, "ACTIVE", today.minusDays(50), today.plusDays(315), "150.00");
    }

    @Test
    void groupsThePoliciesTheCustomerHoldsOrIsInsuredByByStatus() {
        Customer360 c360 = view.of(zhang, DataScope.ownBook(agentA));

        assertThat(c360.policyGroups()).extracting(PolicyGroup::status)
                .containsExactly(PolicyState.ACTIVE, PolicyState.LAPSED, PolicyState.EXPIRED, PolicyState.CANCELLED);
        assertThat(c360.policyGroups().get(0).policies())
                .extracting(PolicyLine::id, PolicyLine::role, PolicyLine::layer)
                .containsExactly(
                        tuple(termLifeOfLi, PolicyRole.INSURED, CoverageLayer.ADVANCED),
                        tuple(annuity, PolicyRole.HOLDER, CoverageLayer.WEALTH),
                        tuple(medical, PolicyRole.HOLDER_AND_INSURED, CoverageLayer.BASIC));
        assertThat(c360.policyGroups().get(1).policies()).extracting(PolicyLine::id).containsExactly(criticalIllness);
        assertThat(c360.policyGroups().get(2).policies()).extracting(PolicyLine::id).containsExactly(oldMedical);
        assertThat(c360.policyGroups().get(3).policies()).extracting(PolicyLine::id, PolicyLine::layer)
                .containsExactly(tuple(home, CoverageLayer.PROPERTY));

        PolicyLine renewal = c360.policyGroups().get(0).policies().get(2);
        assertThat(renewal.productNameZh()).isEqualTo("百万医疗险");
        assertThat(renewal.annualPremium()).isEqualByComparingTo("860.00");
        assertThat(renewal.renewsPolicyId()).isEqualTo(oldMedical);
        assertThat(renewal.renewsPolicyNumber()).isEqualTo(book.policyNumber(oldMedical));
        assertThat(c360.policyGroups().get(2).policies().get(0).renewedByPolicyId()).isEqualTo(medical);
        assertThat(c360.policyGroups().get(1).policies().get(0).terminatedOn()).isNotNull();
    }

    @Test
    void namesAnInsuredPersonOnlyWithinTheScope() {
        PolicyLine seenByAgent = policy(view.of(zhang, DataScope.ownBook(agentA)), annuity);
        PolicyLine seenByManager = policy(view.of(zhang, DataScope.branch(branch)), annuity);

        assertThat(seenByAgent.insuredId()).isEqualTo(son);
        assertThat(seenByAgent.insuredName()).isNull();
        assertThat(seenByManager.insuredName()).isEqualTo("张小明");
    }

    @Test
    void countsContractsInForceAndTheLayersTheyCover() {
        ContractFigures figures = view.of(zhang, DataScope.ownBook(agentA)).contracts();

        assertThat(figures.activeContracts()).isEqualTo(2);
        assertThat(figures.activeAnnualPremium()).isEqualByComparingTo(new BigDecimal("20860.00"));
        assertThat(figures.householdActiveContracts()).as("his two and his wife's term life").isEqualTo(3);
        assertThat(figures.layers()).extracting(ContractFigures.LayerCoverage::layer, ContractFigures.LayerCoverage::activeContracts)
                .containsExactly(tuple(CoverageLayer.BASIC, 1), tuple(CoverageLayer.ADVANCED, 0),
                        tuple(CoverageLayer.WEALTH, 1), tuple(CoverageLayer.PROPERTY, 0));
    }

    @Test
    void showsHouseholdMembersOutsideTheScopeWithoutData() {
        HouseholdPanel household = view.of(zhang, DataScope.ownBook(agentA)).household();

        assertThat(household.name()).isEqualTo("张伟家庭");
        assertThat(household.members())
                .extracting(HouseholdPanel.Member::customerId, HouseholdPanel.Member::name,
                        HouseholdPanel.Member::relationship, HouseholdPanel.Member::visible, HouseholdPanel.Member::viewed)
                .containsExactly(
                        tuple(zhang, "张伟", Relationship.SELF, true, true),
                        tuple(li, "李娜", Relationship.SPOUSE, true, false),
                        tuple(null, null, Relationship.PARENT, false, false),
                        tuple(null, null, Relationship.CHILD, false, false));
        assertThat(household.members().get(1).policies()).extracting(PolicyLine::id, PolicyLine::status, PolicyLine::endDate)
                .containsExactly(tuple(termLifeOfLi, PolicyState.ACTIVE, today.plusDays(7000)));
        assertThat(household.members().get(0).policies()).as("his own are listed by status").isEmpty();
        assertThat(household.members().get(2).policies()).isEmpty();
        assertThat(household.members().get(3).age()).isNull();
    }

    @Test
    void aBranchManagerSeesTheMembersOfHisBranchOnly() {
        HouseholdPanel household = view.of(zhang, DataScope.branch(branch)).household();

        assertThat(household.members()).extracting(HouseholdPanel.Member::customerId)
                .containsExactly(zhang, li, null, son);
        assertThat(household.members().get(3).policies()).extracting(PolicyLine::id).containsExactly(sonsAccident);
        assertThat(view.of(zhang, DataScope.branch(branch)).contracts().householdActiveContracts()).isEqualTo(4);
    }

    @Test
    void anAgentGetsNotFoundForAnotherAgentsCustomerAndAManagerForAnotherBranch() {
        assertThatThrownBy(() -> view.of(zhang, DataScope.ownBook(agentX))).isInstanceOf(CustomerNotFound.class);
        assertThatThrownBy(() -> view.of(zhang, DataScope.ownBook(agentA2))).isInstanceOf(CustomerNotFound.class);
        assertThatThrownBy(() -> view.of(zhang, DataScope.branch(otherBranch))).isInstanceOf(CustomerNotFound.class);
        assertThatThrownBy(() -> view.of(Long.MAX_VALUE, DataScope.all())).isInstanceOf(CustomerNotFound.class);
        assertThat(view.of(zhang, DataScope.branch(branch)).profile().name()).isEqualTo("张伟");
        assertThat(view.of(mother, DataScope.all()).household().members()).hasSize(4).allMatch(HouseholdPanel.Member::visible);
    }

    @Test
    void showsEachClaimsProgressWithTheDatesOfItsSteps() {
        LocalDate reported = today.minusDays(20);
        long paid = book.claim(medical, reported, "3000.00", "REPORTED", "ASSESSING", "APPROVED", "PAID");
        long rejected = book.claim(medical, reported.plusDays(5), "900.00", "REPORTED", "ASSESSING", "REJECTED");
        long open = book.claim(medical, reported.plusDays(10), "1200.00", "REPORTED");

        List<ClaimProgress> claims = view.of(zhang, DataScope.ownBook(agentA)).claims();

        assertThat(claims).extracting(ClaimProgress::id).containsExactly(open, rejected, paid);
        assertThat(claims.get(2).steps())
                .extracting(ClaimStep::status, ClaimStep::reached, ClaimStep::reachedAt, ClaimStep::current)
                .containsExactly(
                        tuple(ClaimState.REPORTED, true, instant(reported + "T10:00:00"), false),
                        tuple(ClaimState.ASSESSING, true, instant(reported.plusDays(1) + "T10:00:00"), false),
                        tuple(ClaimState.APPROVED, true, instant(reported.plusDays(2) + "T10:00:00"), false),
                        tuple(ClaimState.PAID, true, instant(reported.plusDays(3) + "T10:00:00"), true));
        assertThat(claims.get(2).amountPaid()).isEqualByComparingTo("3000.00");
        assertThat(claims.get(1).steps()).extracting(ClaimStep::status, ClaimStep::reached, ClaimStep::note)
                .containsExactly(tuple(ClaimState.REPORTED, true, null), tuple(ClaimState.ASSESSING, true, null),
                        tuple(ClaimState.REJECTED, true, "不在保障范围"));
        assertThat(claims.get(0).steps()).extracting(ClaimStep::status, ClaimStep::reached, ClaimStep::current)
                .containsExactly(tuple(ClaimState.REPORTED, true, true), tuple(ClaimState.ASSESSING, false, false),
                        tuple(ClaimState.APPROVED, false, false), tuple(ClaimState.PAID, false, false));
        assertThat(claims.get(0).policyNumber()).isEqualTo(book.policyNumber(medical));
        assertThat(claims.get(0).productNameZh()).isEqualTo("百万医疗险");
    }

    @Test
    void showsTheNewestInteractionsFirst() {
        book.interaction(zhang, "CONSULTATION", at("2026-01-05T09:00:00"), "first");
        book.interaction(zhang, "SURVEY", at("2026-04-01T09:00:00"), "third");
        book.interaction(zhang, "COMPLAINT", at("2026-02-11T16:45:00"), "second");
        book.interaction(li, "CONSULTATION", at("2026-05-01T09:00:00"), "his wife's");

        Customer360 c360 = view.of(zhang, DataScope.ownBook(agentA));

        assertThat(c360.interactions().content()).extracting(InteractionEntry::outcome)
                .containsExactly("third", "second", "first");
        assertThat(c360.interactions().total()).isEqualTo(3);
    }

    @Test
    void showsTheProfileWithTheIdNumberMasked() {
        CustomerProfile profile = view.of(zhang, DataScope.ownBook(agentA)).profile();
        String idNumber = jdbc.sql("select id_number from customer where id = :id").param("id", zhang).query(String.class).single();

        assertThat(profile.maskedIdNumber()).isEqualTo(idNumber.substring(0, 3) + "***********" + idNumber.substring(14));
        assertThat(profile.regionNameZh()).isEqualTo("浙江省");
        assertThat(profile.climate()).isEqualTo("TYPHOON_COAST");
        assertThat(profile.agentName()).isEqualTo("王芳");
        assertThat(profile.branchName()).isEqualTo("杭州分公司");
        assertThat(profile.age()).isEqualTo(java.time.Period.between(LocalDate.of(1985, 3, 12), today).getYears());
    }

    @Test
    void showsACorporateCustomersCompanyFields() {
        long company = book.corporate("宁波精工机械有限公司", "33", agentA);

        Customer360 c360 = view.of(company, DataScope.ownBook(agentA));

        assertThat(c360.profile().individual()).isFalse();
        assertThat(c360.profile().creditCode()).hasSize(18);
        assertThat(c360.profile().maskedIdNumber()).isNull();
        assertThat(c360.household()).isNull();
        assertThat(c360.policyGroups()).isEmpty();
        assertThat(c360.contracts().activeContracts()).isZero();
    }

    private static PolicyLine policy(Customer360 c360, long id) {
        return c360.policyGroups().stream().flatMap(g -> g.policies().stream()).filter(p -> p.id() == id).findFirst().orElseThrow();
    }
}
