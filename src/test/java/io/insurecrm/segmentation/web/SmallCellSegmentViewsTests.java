package io.insurecrm.segmentation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.Role;
import io.insurecrm.segmentation.ClusterRun;
import io.insurecrm.segmentation.MigrationCell;
import io.insurecrm.segmentation.NeedCluster;
import io.insurecrm.segmentation.NeedFeature;
import io.insurecrm.segmentation.TagPreview;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The small-cell rule as the segmentation views apply it: matrices, tag previews and need clusters (k = 5). */
class SmallCellSegmentViewsTests {

    final SmallCellRule rule = new SmallCellRule(5);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(Role role) {
        Staff.signInOnThread(role, null, role == Role.BRANCH_MANAGER ? 3L : null);
    }

    static final List<MigrationCell> MOVES = List.of(
            new MigrationCell("HIGH", "HIGH", 40), new MigrationCell("HIGH", "MIDDLE", 6),
            new MigrationCell("MIDDLE", "HIGH", 7), new MigrationCell("MIDDLE", "MIDDLE", 30), new MigrationCell("MIDDLE", "POTENTIAL", 2),
            new MigrationCell("POTENTIAL", "MIDDLE", 9), new MigrationCell("POTENTIAL", "POTENTIAL", 50));

    @Test
    void aMigrationMatrixWithholdsPerRowAndColumnAndCountsMovedOverPublishedCellsOnly() {
        MatrixView matrix = MatrixView.of(MOVES, 5);
        // MIDDLE→POTENTIAL (2) is small; its row takes MIDDLE→HIGH (7); the column HIGH then takes 40 and the column
        // POTENTIAL 50; their rows take 6 and 9: two withheld in every row and column, MIDDLE→MIDDLE (30) alone shown
        assertThat(matrix.withheld("MIDDLE", "POTENTIAL")).isTrue();
        assertThat(matrix.cell("MIDDLE", "POTENTIAL")).isZero();
        assertThat(matrix.partial()).isTrue();
        assertThat(matrix.k()).isEqualTo(5);
        for (String f : matrix.from()) {
            assertThat(matrix.to().stream().filter(t -> matrix.withheld(f, t)).count()).as("row %s", f).isNotEqualTo(1);
        }
        for (String t : matrix.to()) {
            assertThat(matrix.from().stream().filter(f -> matrix.withheld(f, t)).count()).as("column %s", t).isNotEqualTo(1);
        }
        long published = MOVES.stream().filter(c -> !matrix.withheld(c.from(), c.to())).mapToLong(MigrationCell::customers).sum();
        long movedPublished = MOVES.stream().filter(c -> c.moved() && !matrix.withheld(c.from(), c.to()))
                .mapToLong(MigrationCell::customers).sum();
        assertThat(matrix.total()).isEqualTo(published).isEqualTo(30);
        assertThat(matrix.moved()).isEqualTo(movedPublished);
        assertThat(matrix.published()).filteredOn(MatrixView.MigrationCount::suppressed)
                .allSatisfy(c -> assertThat(c.customers()).isNull()).isNotEmpty();
    }

    @Test
    void aMigrationMatrixForOtherRolesShowsEveryCell() {
        MatrixView matrix = MatrixView.of(MOVES, 0);
        assertThat(matrix.partial()).isFalse();
        assertThat(matrix.cell("MIDDLE", "POTENTIAL")).isEqualTo(2);
        assertThat(matrix.total()).isEqualTo(144);
        assertThat(matrix.moved()).isEqualTo(6 + 7 + 2 + 9);
        assertThat(matrix.k()).isNull();
        assertThat(matrix.published()).noneMatch(MatrixView.MigrationCount::suppressed);
    }

    @Test
    void aTagPreviewWithholdsASmallCountAndTheNextSmallestSinceTheFourAddUp() {
        TagPreview preview = new TagPreview("NEED", "MEDICAL_GAP", 40, 43, 3, 0);
        signIn(Role.ANALYST);
        TagPreviewView shown = TagPreviewView.of(List.of(preview), rule).get(0);
        // gained 3 withheld; 40 + ? - 0 = 43 would give it back, so the next smallest (40) goes too
        assertThat(shown.gained()).isNull();
        assertThat(shown.current()).isNull();
        assertThat(shown.proposed()).isEqualTo(43);
        assertThat(shown.lost()).isZero();
        assertThat(shown.suppressed()).isTrue();
        signIn(Role.BRANCH_MANAGER);
        assertThat(TagPreviewView.of(List.of(preview), rule).get(0))
                .isEqualTo(new TagPreviewView("NEED", "MEDICAL_GAP", 40L, 43L, 3L, 0L, false));
    }

    @Test
    void aSmallClusterLosesItsFiguresTraitsAndProfileAndTheNextSmallestToo() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/segmentation");
        messages.setDefaultEncoding("UTF-8");
        ClusterViews views = new ClusterViews(messages, rule);
        ClusterRun run = new ClusterRun(1, ClusterRun.Status.FINISHED, ClusterRun.Phase.DONE, 100, 3, 3, 7, 100, 100, 109, 0.4,
                Map.of(), "analyst", Instant.EPOCH, Instant.EPOCH, null, ClusterRun.Trigger.REQUEST, 1);
        List<NeedCluster> clusters = List.of(cluster(1, 60), cluster(2, 3), cluster(3, 46));
        signIn(Role.ANALYST);
        List<ClusterViews.ClusterView> shown = views.of(run, clusters, Locale.ENGLISH).clusters();
        assertThat(shown).extracting(ClusterViews.ClusterView::suppressed).containsExactly(false, true, true);
        assertThat(shown.get(1).customers()).isNull();
        assertThat(shown.get(1).share()).isNull();
        assertThat(shown.get(1).contractsPerHolder()).isNull();
        assertThat(shown.get(1).profile()).isEmpty();
        assertThat(shown.get(1).zProfile()).isEmpty();
        assertThat(shown.get(2).customers()).isNull();
        assertThat(shown.get(0).customers()).isEqualTo(60);
        signIn(Role.BRANCH_MANAGER);
        assertThat(views.of(run, clusters, Locale.ENGLISH).clusters()).extracting(ClusterViews.ClusterView::customers)
                .containsExactly(60L, 3L, 46L);
    }

    static NeedCluster cluster(int no, long customers) {
        return new NeedCluster(1, no, customers, customers, customers * 2, new BigDecimal("2.00"), List.of(),
                Map.of(NeedFeature.AGE, 41.0), Map.of(NeedFeature.AGE, 0.3), 1, 0.5);
    }
}
