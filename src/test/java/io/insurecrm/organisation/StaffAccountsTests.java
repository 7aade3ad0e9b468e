package io.insurecrm.organisation;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class StaffAccountsTests {

    @Autowired
    StaffAccounts accounts;
    @Autowired
    StaffUsers users;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void aPasswordIsSetOnlyWhenThePolicyAcceptsItAndStoredHashed() {
        String username = BookFixtures.unique("analyst");
        assertThatThrownBy(() -> accounts.open(username, "password", "分析师", Role.ANALYST, null, null))
                .isInstanceOf(FieldRuleViolation.class);
        assertThat(users.findByUsername(username)).isEmpty();

        accounts.open(username, "Quiet-Harbour-42", "分析师", Role.ANALYST, null, null);
        StaffUser user = users.findByUsername(username).orElseThrow();
        assertThat(user.getPasswordHash()).doesNotContain("Quiet-Harbour-42");
        assertThat(passwords.matches("Quiet-Harbour-42", user.getPasswordHash())).isTrue();

        assertThatThrownBy(() -> accounts.changePassword(username, username + "-X1!"))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.messageKey()).isEqualTo("password.containsUsername"));
    }
}
