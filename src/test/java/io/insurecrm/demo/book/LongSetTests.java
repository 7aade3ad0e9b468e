package io.insurecrm.demo.book;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LongSetTests {

    @Test
    void refusesDuplicatesAndKeepsEverythingWhenItGrows() {
        LongSet set = new LongSet(4);
        for (long v = 1; v <= 10_000; v++) {
            assertThat(set.add(v * 7_919)).isTrue();
        }
        for (long v = 1; v <= 10_000; v++) {
            assertThat(set.add(v * 7_919)).isFalse();
        }
        assertThat(set.size()).isEqualTo(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> set.add(0));
    }
}
