package io.insurecrm.customer;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@Transactional
class CustomerManagementTests {

    @Autowired
    CustomerManagement customers;
    @Autowired
    JdbcClient jdbc;

    BookFixtures book;
    long branchA, branchB, agentA1, agentA2, agentB;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        branchA = book.branch("44");
        branchB = book.branch("11");
        agentA1 = book.agent(branchA);
        agentA2 = book.agent(branchA);
        agentB = book.agent(branchB);
    }

    private CustomerForm individual(String name, String idNumber, long agentId) {
        CustomerForm form = new CustomerForm();
        form.setName(name);
        form.setIdNumber(idNumber);
        form.setPhone(BookFixtures.mobile());
        form.setRegionCode("44");
        form.setCity("深圳");
        form.setAgentId(agentId);
        return form;
    }

    @Test
    void registersAnIndividualAndFindsHimByEveryKey() {
        String idNumber = BookFixtures.idNumber("44", LocalDate.of(1985, 3, 9), true);
        CustomerForm form = individual("欧阳锋" + BookFixtures.next(), idNumber, agentA1);
        long id = customers.register(form, DataScope.ownBook(agentA1));

        Customer saved = customers.find(id, DataScope.all());
        assertThat(saved.getBirthDate()).isEqualTo(LocalDate.of(1985, 3, 9));
        assertThat(saved.getBranchId()).isEqualTo(branchA);

        for (String key : new String[] {form.getName(), form.getName().substring(0, 3), form.getPhone(), idNumber}) {
            Paged<CustomerRow> found = customers.search(CustomerQuery.text(key), DataScope.ownBook(agentA1));
            assertThat(found.content()).as("search by %s", key).extracting(CustomerRow::id).containsExactly(id);
            assertThat(found.content().get(0).maskedIdNumber()).isEqualTo(idNumber.substring(0, 3) + "*".repeat(11) + idNumber.substring(14));
        }
    }

    @Test
    void scopesDecideWhoSeesWhom() {
        long mine = book.individual("甲" + BookFixtures.next(), agentA1, branchA, "44", LocalDate.of(1990, 1, 1));
        long colleagues = book.individual("乙" + BookFixtures.next(), agentA2, branchA, "44", LocalDate.of(1990, 1, 1));
        long otherBranch = book.individual("丙" + BookFixtures.next(), agentB, branchB, "11", LocalDate.of(1990, 1, 1));

        assertThat(customers.find(mine, DataScope.ownBook(agentA1)).getId()).isEqualTo(mine);
        assertThatThrownBy(() -> customers.find(colleagues, DataScope.ownBook(agentA1))).isInstanceOf(CustomerNotFound.class);
        assertThat(customers.find(colleagues, DataScope.branch(branchA)).getId()).isEqualTo(colleagues);
        assertThatThrownBy(() -> customers.find(otherBranch, DataScope.branch(branchA))).isInstanceOf(CustomerNotFound.class);

        CustomerQuery everyone = new CustomerQuery(null, null, null, "id", false, 0, 200);
        assertThat(customers.search(everyone, DataScope.ownBook(agentA1)).content()).extracting(CustomerRow::id).containsExactly(mine);
        assertThat(customers.search(everyone, DataScope.branch(branchA)).content()).extracting(CustomerRow::id)
                .containsExactly(mine, colleagues);
        assertThat(customers.search(everyone, DataScope.all()).content()).extracting(CustomerRow::id)
                .contains(mine, colleagues, otherBranch);
    }

    @Test
    void sortsAndPages() {
        long b = book.individual("测试排序B" + BookFixtures.next(), agentB, branchB, "11", LocalDate.of(1980, 1, 1));
        long a = book.individual("测试排序A" + BookFixtures.next(), agentB, branchB, "11", LocalDate.of(1970, 1, 1));
        long c = book.individual("测试排序C" + BookFixtures.next(), agentB, branchB, "11", LocalDate.of(1960, 1, 1));
        DataScope scope = DataScope.ownBook(agentB);
        assertThat(customers.search(new CustomerQuery("测试排序", null, null, "name", false, 0, 2), scope))
                .satisfies(page -> {
                    assertThat(page.content()).extracting(CustomerRow::id).containsExactly(a, b);
                    assertThat(page.total()).isEqualTo(3);
                    assertThat(page.hasNext()).isTrue();
                });
        assertThat(customers.search(new CustomerQuery("测试排序", null, null, "birthDate", true, 0, 20), scope).content())
                .extracting(CustomerRow::id).containsExactly(b, a, c);
    }

    @Test
    void refusesDuplicatesUnknownRegionsAndAgentsOutsideTheScope() {
        String idNumber = BookFixtures.idNumber("44", LocalDate.of(1985, 3, 9), true);
        customers.register(individual("甲", idNumber, agentA1), DataScope.all());
        assertThatThrownBy(() -> customers.register(individual("乙", idNumber, agentA1), DataScope.all()))
                .isInstanceOfSatisfying(FieldRuleViolation.class, v -> assertThat(v.field()).isEqualTo("idNumber"));

        CustomerForm unknownRegion = individual("丁", BookFixtures.idNumber("44", LocalDate.of(1985, 3, 9), true), agentA1);
        unknownRegion.setRegionCode("99");
        assertThatThrownBy(() -> customers.register(unknownRegion, DataScope.all()))
                .isInstanceOfSatisfying(FieldRuleViolation.class, v -> assertThat(v.field()).isEqualTo("regionCode"));

        CustomerForm foreignAgent = individual("戊", BookFixtures.idNumber("44", LocalDate.of(1985, 3, 9), true), agentB);
        assertThatThrownBy(() -> customers.register(foreignAgent, DataScope.branch(branchA)))
                .isInstanceOfSatisfying(FieldRuleViolation.class, v -> assertThat(v.field()).isEqualTo("agentId"));
        assertThat(customers.search(CustomerQuery.text("戊"), DataScope.all()).content()).isEmpty();
    }

    @Test
    void keepsOneHouseholdPerCustomer() {
        long head = book.individual("户主" + BookFixtures.next(), agentA1, branchA, "44", LocalDate.of(1980, 1, 1));
        long spouse = book.individual("配偶" + BookFixtures.next(), agentA1, branchA, "44", LocalDate.of(1982, 1, 1));
        long other = book.individual("另户" + BookFixtures.next(), agentA1, branchA, "44", LocalDate.of(1975, 1, 1));
        DataScope scope = DataScope.ownBook(agentA1);
        customers.foundHousehold(head, "测试之家", scope);
        customers.addToHousehold(head, spouse, Relationship.SPOUSE, scope);
        customers.foundHousehold(other, "另一家", scope);

        assertThat(customers.householdOf(spouse, scope).orElseThrow().members())
                .extracting(HouseholdView.Member::customerId, HouseholdView.Member::relationship)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(head, Relationship.SELF),
                        org.assertj.core.groups.Tuple.tuple(spouse, Relationship.SPOUSE));
        assertThatThrownBy(() -> customers.addToHousehold(other, spouse, Relationship.SPOUSE, scope))
                .isInstanceOfSatisfying(FieldRuleViolation.class, v -> assertThat(v.messageKey()).isEqualTo("household.alreadyMember"));
    }
}
