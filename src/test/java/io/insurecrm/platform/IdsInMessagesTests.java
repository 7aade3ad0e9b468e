package io.insurecrm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Customer ids (and run, job and request numbers) are printed as they are, never with a thousands separator: a plain
 * {0} formats a Long as 2,124, so the bundles say {0,number,#}.
 */
class IdsInMessagesTests {

    /** Keys whose customer argument is a String on purpose (typed input shown back, or two ids joined), not a Long. */
    static final Set<String> STRING_ARGUMENTS = Set.of("crosssell.questionnaire.invalid.customer", "dedupe.customer.notFound",
            "engagement.customer.notFound");

    /** Keys where the number after the word customer is a count of customers, printed with a separator on purpose. */
    static final Set<String> COUNTS = Set.of("analytics.customers.leftOut", "coil.loaded", "coil.bookLine", "metrics.coil.figures");

    static final Pattern CUSTOMER_ID = Pattern.compile("(?i)(客户|customer) \\{(\\d)}");

    @Test
    void aDuplicateCustomerIsNamedByItsIdWithoutASeparatorInBothLanguages() throws IOException {
        ResourceBundleMessageSource messages = applicationMessages();
        assertThat(messages.getMessage("customer.idNumber.duplicate", new Object[] {2124L}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("该身份证号已属于客户 2124");
        assertThat(messages.getMessage("customer.creditCode.duplicate", new Object[] {1_000_001L}, Locale.ENGLISH))
                .isEqualTo("This credit code already belongs to customer 1000001");
        assertThat(messages.getMessage("c360.mergedFrom", new Object[] {2124L}, Locale.ENGLISH))
                .startsWith("Customer 2124 was merged");
    }

    /** Messages naming a claim, policy, task, ticket, campaign, job, merge, request or token by its numeric id, first argument. */
    static final List<String> OTHER_IDS = List.of("claim.notFound", "claim.policy.unknown", "policy.notFound", "engagement.task.notFound",
            "engagement.task.notOpen", "engagement.ticket.notFound", "engagement.campaign.notEditable", "engagement.campaign.notLaunchable",
            "engagement.campaign.notCancellable", "engagement.campaign.notFound", "import.job.notFound", "dedupe.merge.notFound",
            "dedupe.unmerge.survivorChanged", "loyalty.policy.notFound", "rights.request.notFound", "rights.request.transition",
            "rights.request.reasonMissing", "rights.correction.notCorrection", "rights.correction.nothingChanged", "tokens.notFound",
            "tokens.rotated", "tokens.successorOf", "tokens.rotate.scheduled", "tokens.rotate.revoked", "tokens.rotate.expired");

    @Test
    void otherRecordsAreNamedByTheirIdWithoutASeparatorInBothLanguages() throws IOException {
        ResourceBundleMessageSource messages = applicationMessages();
        Object[] args = {1_234_567L, "OPEN", "CLOSED"};
        for (String key : OTHER_IDS) {
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                assertThat(messages.getMessage(key, args, locale)).as(key + " in " + locale).contains("1234567")
                        .doesNotContain("1,234,567");
            }
        }
    }

    @Test
    void noMessageFormatsACustomerIdAsAPlainNumber() throws IOException {
        List<String> plain = new ArrayList<>();
        for (Resource bundle : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            Properties properties = new Properties();
            try (InputStreamReader reader = new InputStreamReader(bundle.getInputStream(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                Matcher matcher = CUSTOMER_ID.matcher(properties.getProperty(key));
                if (matcher.find() && !STRING_ARGUMENTS.contains(key) && !COUNTS.contains(key)) {
                    plain.add(bundle.getFilename() + ": " + key);
                }
            }
        }
        assertThat(plain).as("customer ids formatted with a thousands separator").isEmpty();
    }

    private static ResourceBundleMessageSource applicationMessages() throws IOException {
        return io.insurecrm.fixtures.ApplicationMessages.load();
    }
}
