package io.insurecrm.customer;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChineseIdNumberTests {

    // the standard's published example: 11010519491231002X
    private static final String EXAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardsExampleAndReadsItsParts() {
        ChineseIdNumber id = new ChineseIdNumber(EXAMPLE);
        assertThat(id.regionCode()).isEqualTo("11");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.gender()).isEqualTo(Gender.FEMALE);
        assertThat(id.masked()).isEqualTo("110***********002X");
    }

    @Test
    void acceptsALowerCaseCheckCharacterAndNormalisesIt() {
        assertThat(new ChineseIdNumber("11010519491231002x").value()).isEqualTo(EXAMPLE);
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(ChineseIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ChineseIdNumber.checkCharacter("44030419900101001")).isEqualTo(
                new ChineseIdNumber("44030419900101001" + ChineseIdNumber.checkCharacter("44030419900101001")).value().charAt(17));
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "11010519491331002X", "1101051949123100", "A1010519491231002X", "110105194902300029"})
    void refusesWrongCheckDateLengthOrCharacters(String value) {
        assertThat(ChineseIdNumber.isValid(value)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new ChineseIdNumber(value));
    }

    @Test
    void namesTheProblem() {
        assertThat(ChineseIdNumber.problemWith("123")).contains("18 characters");
        assertThat(ChineseIdNumber.problemWith("110105194912310021")).contains("check character");
        assertThat(ChineseIdNumber.problemWith("11010519491331002X")).contains("birth date");
    }
}
