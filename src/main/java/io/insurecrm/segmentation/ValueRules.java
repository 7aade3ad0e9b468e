package io.insurecrm.segmentation;

import io.insurecrm.platform.rules.Coverage;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The VALUE rules: bands of annual premium that together cover [0, ∞) exactly once — no gap, no overlap — each
 * naming a distinct segment, and optionally the property-line contribution score ({@link Contribution}). Built only
 * through {@link #of} or {@link #fromJson}, which refuse anything else with every problem found.
 */
public record ValueRules(List<ValueBand> bands, Contribution propertyContribution) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");

    /** Valid rules, bands ordered by their lower bound. @throws InvalidSegmentRules listing what is wrong */
    public static ValueRules of(List<ValueBand> bands) {
        List<RuleProblem> problems = check(bands);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return new ValueRules(bands.stream().sorted(Comparator.comparing(ValueBand::from)).toList(), null);
    }

    /**
     * The property-line contribution score (domain.md §3), used instead of the premium bands for a customer every
     * active policy of whom (as holder) is of a property product: {@code premiumWeight} × min(premium ÷
     * {@code premiumFull}, 1) + {@code renewalWeight} × the share of his property policies that ended within
     * {@code renewalYears} and were renewed ({@code renewalNoHistory} when none ended) + {@code claimWeight} × max(0, 1 −
     * his property claims within {@code claimYears} ÷ {@code claimsZero}), each part rounded to whole points; the
     * weights add up to 100, so the score is 0–100; it is placed in {@code bands} (checked like the premium bands).
     */
    public record Contribution(int premiumWeight, BigDecimal premiumFull, int renewalWeight, int renewalYears,
                               BigDecimal renewalNoHistory, int claimWeight, int claimYears, int claimsZero,
                               List<ValueBand> bands) {
    }

    static final Set<String> FIELDS = Set.of("bands", "propertyContribution");
    static final Set<String> CONTRIBUTION_FIELDS = Set.of("premiumWeight", "premiumFull", "renewalWeight", "renewalYears",
            "renewalNoHistory", "claimWeight", "claimYears", "claimsZero", "bands");
    static final Set<String> BAND_FIELDS = Set.of("segment", "from", "to");

    /** Every problem of a proposed VALUE rules object ({@code bands}, optional {@code propertyContribution}). */
    static List<RuleProblem> checkJson(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    /** Valid rules from a rules object. @throws InvalidSegmentRules listing what is wrong */
    static ValueRules fromJson(Object json) {
        List<RuleProblem> problems = new ArrayList<>();
        ValueRules rules = read(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSegmentRules(problems);
        }
        return rules;
    }

    private static ValueRules read(Object json, List<RuleProblem> problems) {
        RuleReader r = RuleReader.of(json, "", FIELDS, problems);
        List<ValueBand> bands = bands(r, "bands", problems);
        Contribution contribution = null;
        if (r.has("propertyContribution")) {
            RuleReader k = RuleReader.of(r.raw("propertyContribution"), "propertyContribution", CONTRIBUTION_FIELDS, problems);
            Integer premiumWeight = k.integer("premiumWeight", 0, 100);
            BigDecimal premiumFull = k.number("premiumFull", BigDecimal.ONE, null);
            Integer renewalWeight = k.integer("renewalWeight", 0, 100);
            Integer renewalYears = k.integer("renewalYears", 1, 10);
            BigDecimal noHistory = k.number("renewalNoHistory", BigDecimal.ZERO, BigDecimal.ONE);
            Integer claimWeight = k.integer("claimWeight", 0, 100);
            Integer claimYears = k.integer("claimYears", 1, 10);
            Integer claimsZero = k.integer("claimsZero", 1, 100);
            if (premiumWeight != null && renewalWeight != null && claimWeight != null
                    && premiumWeight + renewalWeight + claimWeight != 100) {
                problems.add(RuleProblem.of("contributionWeights", premiumWeight, renewalWeight, claimWeight,
                        premiumWeight + renewalWeight + claimWeight));
            }
            List<ValueBand> scoreBands = bands(k, "bands", problems);
            if (problems.isEmpty()) {
                contribution = new Contribution(premiumWeight, premiumFull, renewalWeight, renewalYears, noHistory,
                        claimWeight, claimYears, claimsZero, sorted(scoreBands));
            }
        }
        return problems.isEmpty() ? new ValueRules(sorted(bands), contribution) : null;
    }

    private static List<ValueBand> bands(RuleReader r, String field, List<RuleProblem> problems) {
        List<ValueBand> bands = new ArrayList<>();
        String at = r.path(field);
        if (!(r.raw(field) instanceof List<?> list)) {
            problems.add(RuleProblem.of("missingField", at));
            return bands;
        }
        for (int i = 0; i < list.size(); i++) {
            RuleReader band = RuleReader.of(list.get(i), at + "[" + (i + 1) + "]", BAND_FIELDS, problems);
            bands.add(new ValueBand(band.raw("segment") == null ? null : String.valueOf(band.raw("segment")),
                    RuleReader.decimal(band.raw("from")), RuleReader.decimal(band.raw("to"))));
        }
        problems.addAll(check(bands));
        return bands;
    }

    private static List<ValueBand> sorted(List<ValueBand> bands) {
        return bands.stream().map(b -> new ValueBand(b.segment().strip(), b.from(), b.to()))
                .sorted(Comparator.comparing(ValueBand::from)).toList();
    }


    /** Every problem of the proposed bands; empty when they are valid. */
    public static List<RuleProblem> check(List<ValueBand> proposed) {
        List<RuleProblem> problems = new ArrayList<>();
        List<ValueBand> bands = proposed == null ? List.of() : proposed.stream()
                .filter(b -> b != null && !(blank(b.segment()) && b.from() == null && b.to() == null)).toList();
        if (bands.isEmpty()) {
            problems.add(RuleProblem.of("empty"));
            return problems;
        }
        Set<String> names = new HashSet<>();
        List<ValueBand> complete = new ArrayList<>();
        for (ValueBand band : bands) {
            String name = band.segment() == null ? "" : band.segment().strip();
            if (!SEGMENT.matcher(name).matches()) {
                problems.add(RuleProblem.of("segmentName", name));
            } else if (!names.add(name)) {
                problems.add(RuleProblem.of("duplicateSegment", name));
            }
            if (band.from() == null) {
                problems.add(RuleProblem.of("missingFrom", name));
            } else if (band.from().signum() < 0) {
                problems.add(RuleProblem.of("negative", name, amount(band.from())));
            } else if (band.to() != null && band.to().compareTo(band.from()) <= 0) {
                problems.add(RuleProblem.of("emptyBand", name, amount(band.from()), amount(band.to())));
            } else {
                complete.add(band);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        complete.sort(Comparator.comparing(ValueBand::from));
        Coverage.walk(complete.stream().map(b -> new Coverage.Band<>(b.segment(), b.from(), b.to())).toList(),
                new Coverage.Findings<String>() {
                    @Override
                    public void gap(BigDecimal coveredTo, String below, Coverage.Band<String> band) {
                        problems.add(RuleProblem.of("gap", amount(coveredTo), amount(band.from())));
                    }

                    @Override
                    public void overlap(String coveredBy, Coverage.Band<String> band, BigDecimal end) {
                        problems.add(RuleProblem.of("overlap", coveredBy, band.item(), amount(band.from()),
                                end == null ? "∞" : amount(end)));
                    }

                    @Override
                    public void noTop(BigDecimal coveredTo, String coveredBy) {
                        problems.add(RuleProblem.of("noTop", amount(coveredTo)));
                    }
                });
        return problems;
    }

    /** The rules as stored in {@code segment_rule_set.rules}; segment names are checked, so nothing needs escaping. */
    String toJson() {
        StringBuilder json = new StringBuilder("{\"bands\": ");
        bandsJson(json, bands);
        if (propertyContribution != null) {
            Contribution k = propertyContribution;
            json.append(", \"propertyContribution\": {\"premiumWeight\": ").append(k.premiumWeight())
                    .append(", \"premiumFull\": ").append(k.premiumFull().toPlainString())
                    .append(", \"renewalWeight\": ").append(k.renewalWeight())
                    .append(", \"renewalYears\": ").append(k.renewalYears())
                    .append(", \"renewalNoHistory\": ").append(k.renewalNoHistory().toPlainString())
                    .append(", \"claimWeight\": ").append(k.claimWeight())
                    .append(", \"claimYears\": ").append(k.claimYears())
                    .append(", \"claimsZero\": ").append(k.claimsZero())
                    .append(", \"bands\": ");
            bandsJson(json, k.bands());
            json.append('}');
        }
        return json.append('}').toString();
    }

    /** The bands as a rules object's list. */
    List<Map<String, Object>> toBandMaps() {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (ValueBand b : bands) {
            Map<String, Object> band = new java.util.LinkedHashMap<>();
            band.put("segment", b.segment());
            band.put("from", b.from());
            band.put("to", b.to());
            maps.add(band);
        }
        return maps;
    }

    private static void bandsJson(StringBuilder json, List<ValueBand> bands) {
        json.append('[');
        for (int i = 0; i < bands.size(); i++) {
            ValueBand b = bands.get(i);
            json.append(i == 0 ? "" : ", ").append("{\"segment\": \"").append(b.segment().strip())
                    .append("\", \"from\": ").append(b.from().toPlainString())
                    .append(", \"to\": ").append(b.to() == null ? "null" : b.to().toPlainString()).append('}');
        }
        json.append(']');
    }

    static String amount(BigDecimal value) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
