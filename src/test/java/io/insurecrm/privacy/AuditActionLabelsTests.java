package io.insurecrm.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every audit action has its label on the compliance page (the action filter and the results) in both languages: an
 * action added without one showed as ??audit.action.KEY_ROTATION_zh_CN?? there.
 */
class AuditActionLabelsTests {

    @Test
    void everyActionIsNamedInBothLanguages() throws IOException {
        Properties application = new Properties();
        application.load(new PathMatchingResourcePatternResolver().getResource("classpath:application.properties").getInputStream());
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(application.getProperty("spring.messages.basename").split(","));
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
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
