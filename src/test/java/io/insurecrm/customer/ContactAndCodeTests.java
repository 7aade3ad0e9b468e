package io.insurecrm.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactAndCodeTests {

    @Test
    void phoneNumbers() {
        assertThat(PhoneNumber.isValid("13812345678")).isTrue();
        assertThat(PhoneNumber.isValid("010-12345678")).isTrue();
        assertThat(PhoneNumber.isValid("12812345678")).isFalse();
        assertThat(PhoneNumber.isValid("1381234567")).isFalse();
        assertThat(PhoneNumber.isValid("phone")).isFalse();
        assertThat(new PhoneNumber("13812345678").masked()).isEqualTo("138****5678");
    }

    @Test
    void unifiedSocialCreditCodes() {
        // a published example code: 91350100M000100Y43
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y43")).isTrue();
        assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y44")).isFalse();
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y4")).isFalse();
        assertThat(UnifiedSocialCreditCode.isValid("91350100I000100Y43")).isFalse();
    }
}
