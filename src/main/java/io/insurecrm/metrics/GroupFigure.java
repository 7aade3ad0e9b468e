package io.insurecrm.metrics;

import java.math.BigDecimal;

/**
 * 客均合同 of one group: its key (region code, branch id, channel, agent id, product line, layer, household id),
 * a label for people, the active contracts in the group and the customers holding at least one of them.
 */
public record GroupFigure(String key, String label, long activeContracts, long activeCustomers) {

    public BigDecimal ratio() {
        return Ratio.of(activeContracts, activeCustomers);
    }
}
