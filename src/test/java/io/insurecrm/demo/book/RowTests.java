package io.insurecrm.demo.book;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowTests {

    @Test
    void writesCopyTextFormat() {
        Row row = new Row();
        row.start().add(7).nul().add("a\tb\\c\nd").add(LocalDate.of(2026, 1, 2))
                .add(LocalDateTime.of(2026, 1, 2, 3, 4, 5)).money(123_405).ref(0).add(true);
        assertThat(row.line().toString())
                .isEqualTo("7\t\\N\ta\\tb\\\\c\\nd\t2026-01-02\t2026-01-02 03:04:05+08\t1234.05\t\\N\tt");
    }
}
