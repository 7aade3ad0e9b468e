package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatioTests {

    @Test
    void roundsHalfUpToTwoDecimals() {
        assertThat(new Ratio(5, 3).ratio()).hasToString("1.67");
        assertThat(new Ratio(4, 3).ratio()).hasToString("1.33");
        assertThat(new Ratio(2, 1).ratio()).hasToString("2.00");
        assertThat(new Ratio(201, 200).ratio()).hasToString("1.01");  // 1.005 rounds up
    }

    @Test
    void hasNoRatioWithoutCustomers() {
        assertThat(Ratio.NONE.ratio()).isNull();
        assertThat(new GroupFigure("x", "x", 0, 0).ratio()).isNull();
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Ratio(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Ratio(1, 2));
    }

    @Test
    void addsUp() {
        assertThat(new Ratio(3, 2).plus(new Ratio(2, 1))).isEqualTo(new Ratio(5, 3));
    }

    @Test
    void householdBucketsAlwaysRunFromOneToFiveAndSumUp() {
        HouseholdFigures figures = HouseholdFigures.of(List.of(new HouseholdFigures.Bucket(2, false, 2, 9, 4),
                new HouseholdFigures.Bucket(5, true, 1, 12, 2)), List.of());
        assertThat(figures.distribution()).extracting(HouseholdFigures.Bucket::from).containsExactly(1, 2, 3, 4, 5);
        assertThat(figures.distribution()).extracting(HouseholdFigures.Bucket::households).containsExactly(0L, 2L, 0L, 0L, 1L);
        assertThat(figures.households()).isEqualTo(3);
        assertThat(figures.overall()).isEqualTo(new Ratio(21, 6));
        assertThat(figures.contractsPerHousehold()).hasToString("7.00");
        assertThat(HouseholdFigures.of(List.of(), List.of()).contractsPerHousehold()).isNull();
    }
}
