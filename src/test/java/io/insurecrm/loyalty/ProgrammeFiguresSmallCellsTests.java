package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.Role;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The programme dashboard as an analyst sees it (docs/privacy.md section 7, k = 5). */
class ProgrammeFiguresSmallCellsTests {

    static final Benefit LEAK = new Benefit("LEAK", BenefitCategory.values()[0], "漏水检测", "Leak inspection",
            Set.of(Tier.GOLD, Tier.DIAMOND), null, QuotaPeriod.values()[0], null, true);
    static final Benefit LOCK = new Benefit("LOCK", BenefitCategory.values()[0], "开锁", "Locksmith",
            Set.of(Tier.BASIC, Tier.SILVER), null, QuotaPeriod.values()[0], null, true);

    // members: NONE 20, BASIC 40, SILVER 12, GOLD 9, DIAMOND 3
    final ProgrammeFigures figures = new ProgrammeFigures(LocalDate.of(2026, 12, 2),
            List.of(new ProgrammeFigures.TierCount(Tier.NONE, 20), new ProgrammeFigures.TierCount(Tier.BASIC, 40),
                    new ProgrammeFigures.TierCount(Tier.SILVER, 12), new ProgrammeFigures.TierCount(Tier.GOLD, 9),
                    new ProgrammeFigures.TierCount(Tier.DIAMOND, 3)),
            List.of(new ProgrammeFigures.BenefitUsage(LEAK, 12, 6, 7, new BigDecimal("0.5000"), false),
                    new ProgrammeFigures.BenefitUsage(LOCK, 52, 2, 2, new BigDecimal("0.0385"), true)),
            List.of(new ProgrammeFigures.TierRate(Tier.BASIC, 30, 24, new BigDecimal("0.8000"), 0),
                    new ProgrammeFigures.TierRate(Tier.SILVER, 10, 9, new BigDecimal("0.9000"), 0),
                    new ProgrammeFigures.TierRate(Tier.GOLD, 8, 8, new BigDecimal("1.0000"), 0)),
            List.of(new ProgrammeFigures.TierSatisfaction(Tier.BASIC, 25, new BigDecimal("8.10"), new BigDecimal("30.0")),
                    new ProgrammeFigures.TierSatisfaction(Tier.SILVER, 4, new BigDecimal("9.00"), new BigDecimal("50.0")),
                    new ProgrammeFigures.TierSatisfaction(Tier.GOLD, 11, new BigDecimal("8.50"), new BigDecimal("40.0"))),
            new BigDecimal("0.10"));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(Role role) {
        Staff.signInOnThread(role, null, role == Role.BRANCH_MANAGER ? 3L : null);
    }

    @Test
    void anAnalystGetsNoTierOrBenefitFigureOfFewerThanKCustomers() {
        signIn(Role.ANALYST);
        ProgrammeFigures shown = figures.withSmallCellsWithheld(new SmallCellRule(5));
        // DIAMOND (3) withheld, and GOLD (9, the next smallest) with it
        assertThat(shown.tiers()).extracting(ProgrammeFigures.TierCount::suppressed)
                .containsExactly(false, false, false, true, true);
        assertThat(shown.tiers().get(4).members()).isNull();
        // LEAK's 12 entitled = GOLD + DIAMOND: withheld; its 6 users stay. LOCK's 2 users are withheld, its 52 entitled stay
        assertThat(shown.benefits().get(0).entitled()).isNull();
        assertThat(shown.benefits().get(0).users()).isEqualTo(6);
        assertThat(shown.benefits().get(0).rate()).isNull();
        assertThat(shown.benefits().get(1).entitled()).isEqualTo(52);
        assertThat(shown.benefits().get(1).users()).isNull();
        assertThat(shown.benefits().get(1).rate()).isNull();
        // GOLD's renewal goes with its tier; alone it would follow from the others, so SILVER (10) goes too
        assertThat(shown.renewal()).extracting(ProgrammeFigures.TierRate::suppressed).containsExactly(false, true, true);
        assertThat(shown.renewal().get(2).rate()).isNull();
        // SILVER's 4 answers and GOLD (withheld tier): two rows withheld, BASIC shown
        assertThat(shown.satisfaction()).extracting(ProgrammeFigures.TierSatisfaction::suppressed).containsExactly(false, true, true);
        assertThat(shown.satisfaction().get(1).nps()).isNull();
        assertThat(shown.anyWithheld()).isTrue();
    }

    @Test
    void aBranchManagerGetsEveryFigure() {
        signIn(Role.BRANCH_MANAGER);
        ProgrammeFigures shown = figures.withSmallCellsWithheld(new SmallCellRule(5));
        assertThat(shown).isEqualTo(figures);
        assertThat(shown.tiers().get(4).members()).isEqualTo(3);
        assertThat(shown.anyWithheld()).isFalse();
    }
}
