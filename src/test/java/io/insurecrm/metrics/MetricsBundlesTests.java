package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The zh-CN and English bundles of the module carry the same keys, and every code the SQL can yield is labelled. */
class MetricsBundlesTests {

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        Properties zh = load("i18n/metrics.properties");
        Properties en = load("i18n/metrics_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
    }

    @Test
    void everyBreakdownHasATitleAndEveryCodeALabel() throws IOException {
        Properties zh = load("i18n/metrics.properties");
        for (Breakdown by : Breakdown.values()) {
            assertThat(zh).containsKey("metrics.by." + by.parameter());
        }
        for (String channel : new String[] {"AGENT", "BANCASSURANCE", "ONLINE", "TELESALES", "BROKER"}) {
            assertThat(zh).containsKey("metrics.channel." + channel);
        }
        for (String line : new String[] {"ACCIDENT", "MEDICAL", "CRITICAL_ILLNESS", "TERM_LIFE", "WHOLE_LIFE", "ANNUITY",
                "EDUCATION", "LONG_TERM_CARE", "HOME_PROPERTY", "CORPORATE_PROPERTY", "MOTOR", "LIABILITY"}) {
            assertThat(zh).containsKey("metrics.line." + line);
        }
        for (String layer : new String[] {"BASIC", "ADVANCED", "WEALTH", "PROPERTY"}) {
            assertThat(zh).containsKey("metrics.layer." + layer);
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = MetricsBundlesTests.class.getClassLoader().getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
