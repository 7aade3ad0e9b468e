package io.insurecrm.segmentation;

import java.math.BigDecimal;

/**
 * One band of the VALUE rules: customers whose annual premium lies in [{@code from}, {@code to}) CNY belong to
 * {@code segment}; {@code to} null means no upper bound. Checked as a whole by {@link ValueRules#check}.
 */
public record ValueBand(String segment, BigDecimal from, BigDecimal to) {
}
