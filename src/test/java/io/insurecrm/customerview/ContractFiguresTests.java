package io.insurecrm.customerview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContractFiguresTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    void countsOnlyHeldPoliciesInForceToday() {
        List<PolicyLine> own = List.of(
                policy(1, PolicyRole.HOLDER_AND_INSURED, PolicyState.ACTIVE, CoverageLayer.BASIC, TODAY.minusDays(1), TODAY, "100"),
                policy(2, PolicyRole.HOLDER, PolicyState.ACTIVE, CoverageLayer.PROPERTY, TODAY, TODAY.plusYears(1), "300"),
                policy(3, PolicyRole.INSURED, PolicyState.ACTIVE, CoverageLayer.WEALTH, TODAY.minusYears(1), TODAY.plusYears(9), "9000"),
                policy(4, PolicyRole.HOLDER, PolicyState.ACTIVE, CoverageLayer.ADVANCED, TODAY.plusDays(1), TODAY.plusYears(1), "500"),
                policy(5, PolicyRole.HOLDER, PolicyState.ACTIVE, CoverageLayer.ADVANCED, TODAY.minusYears(1), TODAY.minusDays(1), "500"),
                policy(6, PolicyRole.HOLDER, PolicyState.LAPSED, CoverageLayer.ADVANCED, TODAY.minusYears(1), TODAY.plusYears(1), "500"));
        List<PolicyLine> household = List.of(
                policy(7, PolicyRole.HOLDER, PolicyState.ACTIVE, CoverageLayer.BASIC, TODAY.minusDays(5), TODAY.plusDays(5), "50"),
                policy(8, PolicyRole.HOLDER, PolicyState.EXPIRED, CoverageLayer.BASIC, TODAY.minusYears(2), TODAY.minusYears(1), "50"));

        ContractFigures figures = ContractFigures.of(own, household, TODAY);

        assertThat(figures.activeContracts()).isEqualTo(2);
        assertThat(figures.activeAnnualPremium()).isEqualByComparingTo("400");
        assertThat(figures.householdActiveContracts()).isEqualTo(3);
        assertThat(figures.layers()).filteredOn(ContractFigures.LayerCoverage::covered)
                .extracting(ContractFigures.LayerCoverage::layer).containsExactly(CoverageLayer.BASIC, CoverageLayer.PROPERTY);
    }

    private static PolicyLine policy(long id, PolicyRole role, PolicyState status, CoverageLayer layer, LocalDate start,
                                     LocalDate end, String premium) {
        return new PolicyLine(id, "P-" + id, 1L, "产品", "product", "MEDICAL", layer, new BigDecimal(premium),
                new BigDecimal("100000"), start, end, status, null, 1L, 1L, null, role, null, null, null, null);
    }
}
