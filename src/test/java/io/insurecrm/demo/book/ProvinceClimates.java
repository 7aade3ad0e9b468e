package io.insurecrm.demo.book;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Lets a database test compare the generator's provinces with table {@code region}. */
public final class ProvinceClimates {

    private ProvinceClimates() {
    }

    public static void assertSameAs(Map<String, String> regionClimates) {
        assertThat(Province.ALL.stream().collect(Collectors.toMap(Province::code, p -> p.climate().name())))
                .isEqualTo(regionClimates);
    }
}
