package io.insurecrm.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BankAccountNumberTests {

    @Test
    void twelveToNineteenDigitsWithBlanksOrHyphensBetweenGroupsAreAccepted() {
        assertThat(BankAccountNumber.parse("6222 0212 3456 7890").value()).isEqualTo("6222021234567890");
        assertThat(BankAccountNumber.parse(" 6222-0212-3456-7890-123 ").value()).isEqualTo("6222021234567890123");
        assertThat(BankAccountNumber.parse("123456789012").value()).isEqualTo("123456789012");
        assertThat(BankAccountNumber.parse("   ")).isNull();
        assertThat(BankAccountNumber.parse(null)).isNull();
    }

    @Test
    void tooShortTooLongOrNonDigitNumbersAreRefused() {
        for (String bad : new String[] {"12345678901", "12345678901234567890", "6222O21234567890", "6222.0212.3456",
                "=1+2", "<script>"}) {
            assertThat(BankAccountNumber.isValid(BankAccountNumber.compact(bad))).as(bad).isFalse();
            assertThatThrownBy(() -> BankAccountNumber.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theMaskShowsTheFirstAndLastFourDigitsAndHidesTheLength() {
        assertThat(BankAccountNumber.parse("6222021234567890").masked()).isEqualTo("6222 **** **** 7890");
        assertThat(BankAccountNumber.parse("6222021234567890123").masked()).isEqualTo("6222 **** **** 0123");
        assertThat(BankAccountNumber.parse("110012345678").masked()).isEqualTo("1100 **** **** 5678");
        assertThat(BankAccountNumber.parse("6222021234567890").toString()).doesNotContain("02123456");
    }

    @Test
    void theLuhnCheckIsReportedButANumberFailingItIsStillValid() {
        // 4111 1111 1111 1111 passes; changing its last digit fails the check but stays a valid account number
        assertThat(BankAccountNumber.parse("4111111111111111").passesLuhn()).isTrue();
        assertThat(BankAccountNumber.parse("4111111111111112").passesLuhn()).isFalse();
        assertThat(BankAccountNumber.isValid("4111111111111112")).isTrue();
        assertThat(BankAccountNumber.parse("6222021234567890").passesLuhn()).isFalse();
    }
}
