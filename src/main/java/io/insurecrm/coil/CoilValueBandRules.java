package io.insurecrm.coil;

import io.insurecrm.platform.rules.Coverage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A version of the CoIL value band rules: bands of the estimated annual premium ({@link CoilValueBand#estimate}, NLG)
 * that together cover [0, ∞) exactly once, each a known band code at most once, the codes going upwards with the
 * amounts; NONE, when used, is the customers without premium, [0, 1). Saved by {@code createdBy} at {@code createdAt}
 * for {@code reason} (shown through {@code reasonKey} when set: the seed); one version is active. Checked by
 * {@link #check}.
 */
public record CoilValueBandRules(long id, int version, List<Band> bands, String reason, Instant createdAt, String createdBy,
                                 boolean active, String reasonKey) {

    public CoilValueBandRules {
        bands = List.copyOf(bands);
    }

    /** A version whose reason is shown as written. */
    public CoilValueBandRules(long id, int version, List<Band> bands, String reason, Instant createdAt, String createdBy,
                              boolean active) {
        this(id, version, bands, reason, createdAt, createdBy, active, null);
    }

    /** The reason in a language: the seed's through its message key ({@code reasonKey}, coil/V108), a saved one as written. */
    public String reason(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return reasonKey == null ? reason : messages.getMessage(reasonKey, null, reason, locale);
    }

    /** This version with its reason in a language (as the API answers it). */
    public CoilValueBandRules inLanguage(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return new CoilValueBandRules(id, version, bands, reason(messages, locale), createdAt, createdBy, active, reasonKey);
    }

    /**
     * One band: estimates in [{@code from}, {@code to}) belong to {@code band}; {@code to} null = no upper bound. As
     * proposed it may be anything ({@link #check} says what is wrong); as stored it is valid, its code one of
     * {@link CoilValueBand}.
     */
    public record Band(String band, Long from, Long to) {

        /** The band's code. */
        public CoilValueBand code() {
            return CoilValueBand.valueOf(band);
        }
    }

    /** The band of an estimated premium. */
    public CoilValueBand bandOf(long estimate) {
        if (estimate < 0) {
            throw new IllegalArgumentException("an estimated premium is not negative: " + estimate);
        }
        return bands.stream().filter(b -> estimate >= b.from() && (b.to() == null || estimate < b.to())).findFirst()
                .orElseThrow(() -> new IllegalStateException("value band rules v" + version + " cover no " + estimate))
                .code();
    }

    /** The band of a code in these rules, if they use it. */
    public Optional<Band> band(CoilValueBand code) {
        return bands.stream().filter(b -> b.band().equals(code.name())).findFirst();
    }

    private static final String KNOWN = String.join(", ", EnumSet.allOf(CoilValueBand.class).stream().map(Enum::name).toList());

    /** A band that passed the checks of its own, with its place in the proposal (from 1). */
    private record Checked(CoilValueBand band, long from, Long to, int position) {

        String at(String field) {
            return "bands[" + position + "]." + field;
        }
    }

    /**
     * Every problem of proposed bands, each naming its field ({@code bands[i].band}, {@code .from}, {@code .to}, i from 1
     * in the proposal's order) and the band; empty when they are valid.
     */
    public static List<CoilBandProblem> check(List<Band> proposed) {
        List<CoilBandProblem> problems = new ArrayList<>();
        if (proposed == null || proposed.isEmpty()) {
            problems.add(CoilBandProblem.of("bands", "empty"));
            return problems;
        }
        Set<CoilValueBand> seen = EnumSet.noneOf(CoilValueBand.class);
        List<Checked> complete = new ArrayList<>();
        for (int i = 0; i < proposed.size(); i++) {
            Band band = proposed.get(i) == null ? new Band(null, null, null) : proposed.get(i);
            int position = i + 1;
            String at = "bands[" + position + "].";
            String typed = band.band() == null ? "" : band.band().strip();
            Optional<CoilValueBand> known = CoilValueBand.parse(typed);
            String name = known.map(Enum::name).orElse(typed.isEmpty() ? "#" + position : typed);
            boolean usable = true;
            if (known.isEmpty()) {
                problems.add(CoilBandProblem.of(at + "band", "unknownBand", position, typed, KNOWN));
                usable = false;
            } else if (!seen.add(known.get())) {
                problems.add(CoilBandProblem.of(at + "band", "duplicateBand", name));
                usable = false;
            }
            if (band.from() == null) {
                problems.add(CoilBandProblem.of(at + "from", "missingFrom", name));
            } else if (band.from() < 0) {
                problems.add(CoilBandProblem.of(at + "from", "negative", name, band.from()));
            } else if (band.to() != null && band.to() <= band.from()) {
                problems.add(CoilBandProblem.of(at + "to", "emptyBand", name, band.from(), band.to()));
            } else if (known.orElse(null) == CoilValueBand.NONE && (band.from() != 0 || band.to() == null || band.to() != 1)) {
                problems.add(CoilBandProblem.of(at + "to", "noneRange"));
            } else if (usable) {
                complete.add(new Checked(known.get(), band.from(), band.to(), position));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        complete.sort(Comparator.comparingLong(Checked::from));
        for (int i = 1; i < complete.size(); i++) {
            Checked below = complete.get(i - 1);
            Checked above = complete.get(i);
            if (above.band().ordinal() < below.band().ordinal()) {
                problems.add(CoilBandProblem.of(above.at("band"), "order", above.band().name(), above.from(),
                        below.band().name(), below.from()));
            }
        }
        Coverage.walk(complete.stream().map(b -> new Coverage.Band<>(b, java.math.BigDecimal.valueOf(b.from()),
                        b.to() == null ? null : java.math.BigDecimal.valueOf(b.to()))).toList(),
                new Coverage.Findings<Checked>() {
                    @Override
                    public void gap(java.math.BigDecimal coveredTo, Checked below, Coverage.Band<Checked> band) {
                        Checked b = band.item();
                        problems.add(below == null
                                ? CoilBandProblem.of(b.at("from"), "firstFrom", b.band().name(), b.from())
                                : CoilBandProblem.of(b.at("from"), "gap", coveredTo.longValueExact(), b.from(), below.band().name(),
                                        b.band().name()));
                    }

                    @Override
                    public void overlap(Checked coveredBy, Coverage.Band<Checked> band, java.math.BigDecimal end) {
                        Checked b = band.item();
                        problems.add(CoilBandProblem.of(b.at("from"), "overlap", coveredBy.band().name(), b.band().name(),
                                b.from(), end == null ? "∞" : end.longValueExact()));
                    }

                    @Override
                    public void noTop(java.math.BigDecimal coveredTo, Checked coveredBy) {
                        problems.add(CoilBandProblem.of(coveredBy.at("to"), "noTop", coveredBy.band().name(), coveredTo.longValueExact()));
                    }
                });
        return problems;
    }

    /** Valid bands in the order of their amounts, codes as the enum spells them. @throws InvalidCoilValueBands */
    static List<Band> valid(List<Band> proposed) {
        List<CoilBandProblem> problems = check(proposed);
        if (!problems.isEmpty()) {
            throw new InvalidCoilValueBands(problems);
        }
        return proposed.stream().map(b -> new Band(CoilValueBand.parse(b.band()).orElseThrow().name(), b.from(), b.to()))
                .sorted(Comparator.comparingLong(Band::from)).toList();
    }
}
