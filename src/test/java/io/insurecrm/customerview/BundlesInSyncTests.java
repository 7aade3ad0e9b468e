package io.insurecrm.customerview;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The zh-CN and English bundles of the interaction and Customer 360 modules have the same keys, none empty. */
class BundlesInSyncTests {

    @ParameterizedTest
    @ValueSource(strings = {"i18n/interaction", "i18n/customerview"})
    void zhAndEnHaveTheSameKeys(String basename) throws IOException {
        Properties zh = load(basename + ".properties");
        Properties en = load(basename + "_en.properties");

        assertThat(zh.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
        assertThat(zh.values()).noneMatch(value -> value.toString().isBlank());
        assertThat(en.values()).noneMatch(value -> value.toString().isBlank());
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
