package io.insurecrm.coil;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoilFileReaderTests {

    private static List<String> read(String text, int columns) throws IOException {
        List<String> rows = new ArrayList<>();
        CoilFileReader.read(new StringReader(text), columns, (row, values) -> rows.add(row + ":" + java.util.Arrays.toString(values)));
        return rows;
    }

    @Test
    void acceptsCrlfLoneCrAndLfMixedAndALastLineWithoutEnding() throws IOException {
        assertThat(read("1\t2\r\n3\t4\r5\t6\n\r\n7\t8", 2))
                .containsExactly("1:[1, 2]", "2:[3, 4]", "3:[5, 6]", "4:[7, 8]");
    }

    @Test
    void aLineWithTheWrongNumberOfValuesRefusesTheFileNamingTheLine() {
        assertThatThrownBy(() -> read("1\t2\r3\r\n", 2)).isInstanceOf(CoilFileRefused.class)
                .hasMessage("line 2 has 1 values, expected 2");
        assertThatThrownBy(() -> read("1\tx\n", 2)).hasMessageContaining("line 1, column 2");
    }
}
