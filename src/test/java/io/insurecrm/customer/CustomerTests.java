package io.insurecrm.customer;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CustomerTests {

    private static final IdNumberProtection SEAL = new IdNumberProtection(io.insurecrm.fixtures.TestCiphers.cipher());
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void anIndividualTakesGenderAndBirthDateFromTheIdNumber() {
        Customer customer = Customer.individual("李娜", SEAL.seal(new ChineseIdNumber("11010519491231002X")), new PhoneNumber("13812345678"),
                "11", "北京", null, IncomeBand.FROM_50K_TO_150K, MaritalStatus.MARRIED, 7L, 3L, NOW);
        assertThat(customer.getGender()).isEqualTo(Gender.FEMALE);
        assertThat(customer.getBirthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(customer.maskedIdNumber()).isEqualTo("110***********002X");
        assertThat(customer.getStoredIdNumber()).startsWith("v1:k1:").doesNotContain("11010519491231002X");
        assertThat(customer.getAgentId()).isEqualTo(7L);
        assertThat(customer.getBranchId()).isEqualTo(3L);
    }

    @Test
    void refusesBlankNamesAndBadRegions() {
        SealedIdNumber id = SEAL.seal(new ChineseIdNumber("11010519491231002X"));
        assertThatIllegalArgumentException().isThrownBy(() ->
                Customer.individual(" ", id, null, "11", "北京", null, null, null, 1L, 1L, NOW));
        assertThatIllegalArgumentException().isThrownBy(() ->
                Customer.individual("李娜", id, null, "1", "北京", null, null, null, 1L, 1L, NOW));
    }

    @Test
    void aCorporateProfileCannotBeEditedAsAnIndividualOne() {
        Customer firm = Customer.corporate("福州华信有限公司", new UnifiedSocialCreditCode("91350100M000100Y43"), "制造业",
                CompanySize.SMALL, null, "35", "福州", 1L, 1L, NOW);
        assertThatIllegalStateException().isThrownBy(() ->
                firm.updateIndividualProfile("x", null, "35", "福州", null, null, null, NOW));
        firm.updateCorporateProfile("福州华信科技有限公司", null, "35", "福州", "软件", CompanySize.MEDIUM, NOW);
        assertThat(firm.getName()).isEqualTo("福州华信科技有限公司");
        assertThat(firm.getCompanySize()).isEqualTo(CompanySize.MEDIUM);
    }
}
