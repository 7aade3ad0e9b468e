package io.insurecrm.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.ApplicationMessages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every audit action has its label on the compliance page (the action filter and the results) in both languages: an
 * action added without one showed as ??audit.action.KEY_ROTATION_zh_CN?? there.
 */
class AuditActionLabelsTests {

    @Test
    void everyActionIsNamedInBothLanguages() throws IOException {
        ResourceBundleMessageSource messages = ApplicationMessages.load();
        List<String> missing = new ArrayList<>();
        for (AuditAction action : AuditAction.values()) {
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                try {
                    String label = messages.getMessage("audit.action." + action, null, locale);
                    assertThat(label).as(action + " in " + locale).isNotBlank().isNotEqualTo(action.name());
                } catch (NoSuchMessageException e) {
                    missing.add(action + " (" + locale + ")");
                }
            }
        }
        assertThat(missing).as("audit actions without a label").isEmpty();
    }
}
