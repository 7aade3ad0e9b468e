package io.insurecrm.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 客均合同 at one month's end; for the running month as of an earlier day ({@code asOf < monthEnd}). */
public record TrendPoint(LocalDate monthEnd, LocalDate asOf, long activeContracts, long activeCustomers) {

    public BigDecimal ratio() {
        return Ratio.of(activeContracts, activeCustomers);
    }
}
