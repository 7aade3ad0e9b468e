package io.insurecrm.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrectedFieldTests {

    @Test
    void namesAndPhonesAreMaskedOtherFieldsKeptAsTheyAre() {
        assertThat(CorrectedField.masked("name", "张三丰", "李四")).isEqualTo(new CorrectedField("name", "张**", "李*"));
        assertThat(CorrectedField.masked("phone", "13912345678", null)).isEqualTo(new CorrectedField("phone", "139****5678", null));
        assertThat(CorrectedField.masked("city", "杭州", "宁波")).isEqualTo(new CorrectedField("city", "杭州", "宁波"));
        assertThat(CorrectedField.mask("name", "王")).isEqualTo("王*");
        assertThat(CorrectedField.mask("phone", "12345")).isEqualTo("1****");
    }

    @Test
    void theAuditFormShowsBeforeAndAfterWithEmptyAsASign() {
        assertThat(new CorrectedField("occupation", null, "教师").describe()).isEqualTo("occupation ∅→教师");
    }
}
