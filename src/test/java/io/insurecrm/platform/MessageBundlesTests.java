package io.insurecrm.platform;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** Every module's zh-CN bundle and its English twin have the same keys, and every bundle is configured. */
class MessageBundlesTests {

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeys() throws IOException {
        Resource[] bundles = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties");
        int compared = 0;
        for (Resource bundle : bundles) {
            String name = bundle.getFilename();
            if (name == null || name.contains("_")) {
                continue;
            }
            Resource english = bundle.createRelative(name.replace(".properties", "_en.properties"));
            assertThat(english.exists()).as("English bundle for %s", name).isTrue();
            Set<String> chineseKeys = keys(bundle);
            Set<String> englishKeys = keys(english);
            assertThat(englishKeys).as("keys of %s missing in English", name).containsAll(chineseKeys);
            assertThat(chineseKeys).as("keys of %s missing in Chinese", name).containsAll(englishKeys);
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyBundleIsConfigured() throws IOException {
        Properties application = new Properties();
        application.load(new PathMatchingResourcePatternResolver().getResource("classpath:application.properties").getInputStream());
        Set<String> configured = Set.of(application.getProperty("spring.messages.basename").split(","));
        for (Resource bundle : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = bundle.getFilename();
            if (name != null && !name.contains("_")) {
                assertThat(configured).contains("i18n/" + name.replace(".properties", ""));
            }
        }
    }

    private static Set<String> keys(Resource resource) throws IOException {
        Properties properties = new Properties();
        try (InputStreamReader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
