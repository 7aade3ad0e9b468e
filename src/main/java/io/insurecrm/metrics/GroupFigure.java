package io.insurecrm.metrics;

import java.math.BigDecimal;

/**
 * 客均合同 of one group: its key (region code, branch id, channel, agent id, product line, layer, household id),
 * a label for people, the active contracts in the group and the customers holding at least one of them.
 *
 * @param suppressed the counts are withheld (shown to analysts as fewer than k): the group counts fewer than k
 *                   customers, or it is the second cell withheld so the first cannot be worked out from the total
 *                   (see {@link SmallCells}); the counts are then 0 and mean nothing
 */
public record GroupFigure(String key, String label, long activeContracts, long activeCustomers, boolean suppressed) {

    public GroupFigure(String key, String label, long activeContracts, long activeCustomers) {
        this(key, label, activeContracts, activeCustomers, false);
    }

    /** The same figure without its label: households are named after people, which analysts must not see. */
    public GroupFigure withoutLabel() {
        return new GroupFigure(key, "#" + key, activeContracts, activeCustomers, suppressed);
    }

    /** The same group with its counts withheld. */
    public GroupFigure withheld() {
        return new GroupFigure(key, label, 0, 0, true);
    }

    public BigDecimal ratio() {
        return suppressed ? null : Ratio.of(activeContracts, activeCustomers);
    }
}
