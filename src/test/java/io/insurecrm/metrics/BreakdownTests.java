package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BreakdownTests {

    @Test
    void readsTheByParameter() {
        assertThat(Breakdown.fromParameter("region")).contains(Breakdown.REGION);
        assertThat(Breakdown.fromParameter("product-line")).contains(Breakdown.PRODUCT_LINE);
        assertThat(Breakdown.fromParameter("PRODUCT_LINE")).contains(Breakdown.PRODUCT_LINE);
        assertThat(Breakdown.fromParameter(" Household ")).contains(Breakdown.HOUSEHOLD);
        assertThat(Breakdown.fromParameter("layer")).contains(Breakdown.LAYER);
        assertThat(Breakdown.fromParameter("colour")).isEmpty();
        assertThat(Breakdown.fromParameter(null)).isEmpty();
    }

    @Test
    void listsTheAcceptedValues() {
        assertThat(Breakdown.parameters()).isEqualTo("region|branch|channel|agent|product-line|layer|household");
    }
}
