package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Campaign results as an analyst sees them (docs/privacy.md section 7, k = 5). */
class CampaignResultsSmallCellsTests {

    final SmallCellRule rule = new SmallCellRule(5);

    // audience 40: A 30, B 3, C 7; skipped: 2 opted out, 6 without consent (32 not skipped)
    final CampaignResults results = new CampaignResults(9, CampaignStatus.DONE, 40,
            Map.of(SkipReason.OPTED_OUT, 2, SkipReason.NO_CONSENT, 6), List.of(
            new CampaignResults.VariantResult("A", "T1", 70, 30, 5, 25, 24, 1, 0, 0, 4, 4 / 24.0, null),
            new CampaignResults.VariantResult("B", "T2", 10, 3, 1, 2, 2, 0, 0, 0, 1, 0.5, Significance.of(4, 24, 1, 2)),
            new CampaignResults.VariantResult("C", "T3", 20, 7, 2, 5, 5, 0, 0, 0, 0, 0.0, Significance.of(4, 24, 0, 5))));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(Role role) {
        Staff.signInOnThread(role, null, role == Role.BRANCH_MANAGER ? 3L : null);
    }

    @Test
    void anAnalystGetsNoVariantOfFewerThanKCustomersNorTheNextSmallest() {
        signIn(Role.ANALYST);
        CampaignResults shown = results.withSmallCellsWithheld(rule);
        assertThat(shown.variants()).extracting(CampaignResults.VariantResult::withheld).containsExactly(false, true, true);
        CampaignResults.VariantResult b = shown.variants().get(1);
        assertThat(b.audience()).isNull();
        assertThat(b.responders()).isNull();
        assertThat(b.responseRate()).isNull();
        assertThat(b.versusFirst()).isNull();
        assertThat(shown.variants().get(2).audience()).as("7 would be 40 - 30 - 3 if only B were withheld").isNull();
        assertThat(shown.variants().get(0).audience()).isEqualTo(30);
        assertThat(shown.audience()).isEqualTo(40);
        // 2 opted out is small; 6 without consent is the next smallest of (2, 6, 32 not skipped)
        assertThat(shown.skipped()).isEmpty();
        assertThat(shown.smallCellK()).isEqualTo(5);
    }

    @Test
    void aBranchManagerGetsEveryFigure() {
        signIn(Role.BRANCH_MANAGER);
        CampaignResults shown = results.withSmallCellsWithheld(rule);
        assertThat(shown).isEqualTo(results);
        assertThat(shown.variants().get(1).audience()).isEqualTo(3);
        assertThat(shown.smallCellK()).isNull();
    }
}
