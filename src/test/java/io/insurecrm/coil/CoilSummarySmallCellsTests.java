package io.insurecrm.coil;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.Role;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The CoIL summary as an analyst sees it (docs/privacy.md section 7, k = 5). */
class CoilSummarySmallCellsTests {

    final CoilSummary summary = new CoilSummary(
            List.of(new CoilSummary.Book("ALL", 60, 50, 90, new BigDecimal("1.80"), null)),
            List.of(new CoilSummary.ProductHoldings("AWAPART", "Private third party", "第三者责任", 40, 45, new BigDecimal("0.6667")),
                    new CoilSummary.ProductHoldings("ASURF", "Surfboard", "冲浪板", 2, 2, new BigDecimal("0.0333")),
                    new CoilSummary.ProductHoldings("ABRAND", "Fire", "火险", 30, 43, new BigDecimal("0.5000"))),
            List.of(new CoilSummary.MainTypeFigures(1, "Successful hedonists", "成功享乐者", 20, 18, 30, new BigDecimal("1.67")),
                    new CoilSummary.MainTypeFigures(2, "Driven growers", "进取成长者", 35, 29, 55, new BigDecimal("1.90")),
                    new CoilSummary.MainTypeFigures(3, "Average family", "普通家庭", 5, 3, 5, new BigDecimal("1.67"))),
            CoilBook.CITATION);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(Role role) {
        Staff.signInOnThread(role, null, role == Role.BRANCH_MANAGER ? 3L : null);
    }

    @Test
    void anAnalystGetsNoProductHeldByFewerThanKAndTheNextSmallestWithIt() {
        signIn(Role.ANALYST);
        CoilSummary shown = summary.withSmallCellsWithheld(new SmallCellRule(5));
        assertThat(shown.products()).extracting(CoilSummary.ProductHoldings::suppressed).containsExactly(false, true, true);
        assertThat(shown.products().get(1).customers()).isNull();
        assertThat(shown.products().get(1).policies()).as("the policies add up to the book's 90").isNull();
        assertThat(shown.products().get(2).policies()).isNull();
        assertThat(shown.products().get(0).policies()).isEqualTo(45);
        // a main type of 5 customers is k: shown
        assertThat(shown.mainTypes()).extracting(CoilSummary.MainTypeFigures::suppressed).containsExactly(false, false, false);
        assertThat(shown.books()).isEqualTo(summary.books());
    }

    @Test
    void otherRolesGetEveryFigure() {
        signIn(Role.BRANCH_MANAGER);
        assertThat(summary.withSmallCellsWithheld(new SmallCellRule(5))).isEqualTo(summary);
    }
}
