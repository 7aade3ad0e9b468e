package io.insurecrm.platform.security;

import io.insurecrm.platform.web.FieldRuleViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTests {

    @Test
    void aLongMixedPasswordWithoutTheUsernamePasses() {
        assertThat(PasswordPolicy.violations("wangfang", "Harbour-7-lights")).isEmpty();
        assertThat(PasswordPolicy.violations("wangfang", "harbour7lights!")).isEmpty();
    }

    @Test
    void eachRuleIsNamed() {
        assertThat(PasswordPolicy.violations("wangfang", "Sh0rt!")).containsExactly("password.tooShort");
        assertThat(PasswordPolicy.violations("wangfang", "onlylowercaseletters")).containsExactly("password.classes");
        assertThat(PasswordPolicy.violations("wangfang", "Wangfang-2026")).containsExactly("password.containsUsername");
        assertThat(PasswordPolicy.violations("wangfang", "Aa1!".repeat(17))).containsExactly("password.tooLong");
        assertThat(PasswordPolicy.violations("wangfang", null)).containsExactly("password.tooShort");
    }

    @Test
    void checkRejectsOnThePasswordField() {
        assertThatThrownBy(() -> PasswordPolicy.check("admin", "demo1234"))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> {
                    assertThat(e.field()).isEqualTo("password");
                    assertThat(e.messageKey()).isEqualTo("password.tooShort");
                });
    }
}
