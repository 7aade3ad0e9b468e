package io.insurecrm.coil;

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
        Long covered = 0L;          // [0, covered) is covered so far; null = everything from 0 up
        Checked coveredBy = null;   // the band that reaches furthest
        for (Checked band : complete) {
            if (covered == null) {
                problems.add(CoilBandProblem.of(band.at("from"), "overlap", coveredBy.band().name(), band.band().name(),
                        band.from(), band.to() == null ? "∞" : band.to()));
                continue;
            }
            if (band.from() > covered) {
                problems.add(coveredBy == null
                        ? CoilBandProblem.of(band.at("from"), "firstFrom", band.band().name(), band.from())
                        : CoilBandProblem.of(band.at("from"), "gap", covered, band.from(), coveredBy.band().name(), band.band().name()));
            } else if (band.from() < covered) {
                long end = band.to() != null && band.to() < covered ? band.to() : covered;
                problems.add(CoilBandProblem.of(band.at("from"), "overlap", coveredBy.band().name(), band.band().name(),
                        band.from(), end));
            }
            if (band.to() == null || band.to() > covered) {
                covered = band.to();
                coveredBy = band;
            }
        }
        if (covered != null) {
            problems.add(CoilBandProblem.of(coveredBy.at("to"), "noTop", coveredBy.band().name(), covered));
        }
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
