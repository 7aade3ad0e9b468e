package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallCellsTests {

    @Test
    void aCellOfFourCustomersIsWithheldOneOfFiveIsShown() {
        List<GroupFigure> rows = SmallCells.suppress(List.of(new GroupFigure("a", "A", 9, 6), new GroupFigure("b", "B", 8, 4),
                new GroupFigure("c", "C", 7, 5), new GroupFigure("d", "D", 30, 20)), 5);
        assertThat(rows).extracting(GroupFigure::key, GroupFigure::suppressed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", false), org.assertj.core.groups.Tuple.tuple("b", true),
                // the only small cell: the next smallest (5 customers) is withheld too
                org.assertj.core.groups.Tuple.tuple("c", true), org.assertj.core.groups.Tuple.tuple("d", false));
        assertThat(rows.get(0).activeCustomers()).isEqualTo(6);
        assertThat(rows.get(1).activeCustomers()).isZero();
        assertThat(rows.get(1).ratio()).isNull();
        assertThat(rows.get(1).label()).isEqualTo("B");
    }

    @Test
    void twoSmallCellsNeedNoSecondaryCellAndNoSmallCellChangesNothing() {
        List<GroupFigure> two = SmallCells.suppress(List.of(new GroupFigure("a", "A", 9, 6), new GroupFigure("b", "B", 3, 3),
                new GroupFigure("c", "C", 2, 1)), 5);
        assertThat(two).extracting(GroupFigure::suppressed).containsExactly(false, true, true);
        List<GroupFigure> none = List.of(new GroupFigure("a", "A", 9, 6), new GroupFigure("b", "B", 5, 5));
        assertThat(SmallCells.suppress(none, 5)).isEqualTo(none);
        assertThat(SmallCells.suppress(List.of(new GroupFigure("a", "A", 1, 1)), 5))
                .extracting(GroupFigure::suppressed).containsExactly(true);
    }

    @Test
    void householdsOfFewerThanKMembersAndSmallBucketsAreWithheld() {
        HouseholdFigures figures = HouseholdFigures.of(List.of(new HouseholdFigures.Bucket(1, false, 10, 15, 12),
                        new HouseholdFigures.Bucket(2, false, 1, 4, 2), new HouseholdFigures.Bucket(3, false, 3, 18, 6)),
                List.of(new GroupFigure("7", "#7", 9, 3), new GroupFigure("8", "#8", 10, 5)));
        HouseholdFigures shown = SmallCells.suppress(figures, 5);
        assertThat(shown.distribution()).extracting(HouseholdFigures.Bucket::suppressed)
                .containsExactly(false, true, true, false, false);
        assertThat(shown.distribution().get(1).households()).isZero();
        assertThat(shown.top()).extracting(GroupFigure::suppressed).containsExactly(true, false);
        assertThat(shown.households()).isEqualTo(14);
        assertThat(shown.overall()).isEqualTo(figures.overall());
    }
}
