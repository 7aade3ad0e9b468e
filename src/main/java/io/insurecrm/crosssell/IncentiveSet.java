package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored version of the cross-sell incentives; exactly one version is active. {@code reason} is why it was saved
 * (null for the versions saved before reasons were asked for).
 */
public record IncentiveSet(long id, int version, Instant createdAt, String createdBy, boolean active,
                           List<Incentive> incentives, String reason) {

    public IncentiveSet {
        incentives = List.copyOf(incentives);
    }

    /**
     * The incentive offered to a customer of the tier with a recommendation of the line: the tier's incentive for
     * that line, else the tier's incentive for any line; empty when the tier has none (or is unknown).
     */
    public Optional<Incentive> applying(String tier, ProductLine line) {
        if (tier == null) {
            return Optional.empty();
        }
        Optional<Incentive> specific = incentives.stream()
                .filter(i -> i.tier().equals(tier) && i.line() != null && i.line() == line).findFirst();
        return specific.isPresent() ? specific
                : incentives.stream().filter(i -> i.tier().equals(tier) && i.line() == null).findFirst();
    }
}
