package io.insurecrm.metrics;

import java.math.BigDecimal;

/**
 * 客均合同 of one group: its key (region code, branch id, channel, agent id, product line, layer, household id),
 * a label for people, the active contracts in the group and the customers holding at least one of them.
 */
public record GroupFigure(String key, String label, long activeContracts, long activeCustomers) {

    /** The same figure without its label: households are named after people, which analysts must not see. */
    public GroupFigure withoutLabel() {
        return new GroupFigure(key, "#" + key, activeContracts, activeCustomers);
    }

    public BigDecimal ratio() {
        return Ratio.of(activeContracts, activeCustomers);
    }
}
