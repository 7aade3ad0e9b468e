package io.insurecrm.platform.crypto;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;

/**
 * Spring Data JDBC's conversions: the dialect's (as Spring Boot configures them) plus {@link SealedText}, sealed with
 * the {@link FieldCipher} on every write and opened on every read. A value stored before encryption (not an envelope)
 * is read as it is, so a database is readable before the start-up run has sealed its clear values.
 */
@Configuration(proxyBeanMethods = false)
class SealedTextConversions {

    @Bean
    JdbcCustomConversions jdbcCustomConversions(JdbcDialect dialect, FieldCipher cipher) {
        return JdbcConfiguration.createCustomConversions(dialect, List.of(new Sealing(cipher), new Opening(cipher)));
    }

    @WritingConverter
    record Sealing(FieldCipher cipher) implements Converter<SealedText, String> {
        @Override
        public String convert(SealedText text) {
            return cipher.seal(text.clear());
        }
    }

    @ReadingConverter
    record Opening(FieldCipher cipher) implements Converter<String, SealedText> {
        @Override
        public SealedText convert(String stored) {
            return new SealedText(cipher.open(stored));
        }
    }
}
