package io.insurecrm.customerview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The customer's share of 客均合同: the contracts he holds that are in force today and their annual premium, the
 * in-force contracts of his household (the members the caller may see), and which layers his in-force contracts
 * cover — basic, advanced, wealth and property — with how many contracts in each.
 */
public record ContractFigures(int activeContracts, BigDecimal activeAnnualPremium, int householdActiveContracts,
                              List<LayerCoverage> layers) {

    public record LayerCoverage(CoverageLayer layer, int activeContracts) {
        public boolean covered() {
            return activeContracts > 0;
        }
    }

    /** From the customer's policies (only those he holds count) and his visible household members' policies. */
    static ContractFigures of(Collection<PolicyLine> own, Collection<PolicyLine> household, LocalDate today) {
        List<PolicyLine> held = own.stream()
                .filter(p -> p.role() != PolicyRole.INSURED)
                .filter(p -> p.inForce(today))
                .toList();
        BigDecimal premium = held.stream().map(PolicyLine::annualPremium).reduce(BigDecimal.ZERO, BigDecimal::add);
        int householdActive = held.size() + (int) household.stream().filter(p -> p.inForce(today)).count();
        List<LayerCoverage> layers = Arrays.stream(CoverageLayer.values())
                .map(layer -> new LayerCoverage(layer, (int) held.stream().filter(p -> p.layer() == layer).count()))
                .toList();
        return new ContractFigures(held.size(), premium, householdActive, layers);
    }
}
