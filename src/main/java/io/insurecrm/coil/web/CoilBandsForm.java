package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBandProblem;
import io.insurecrm.coil.CoilValueBand;
import io.insurecrm.coil.CoilValueBandRules;
import io.insurecrm.platform.rules.RuleChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * The value band editor's rows as posted: one band code, from and to per row (parallel lists), the reason and the
 * version the form was based on ({@code basedOn}, hidden: a save based on another version than the active one is
 * refused). A row whose from and to are both empty is a band not used; an empty to means no upper bound.
 */
record CoilBandsForm(List<String> band, List<String> from, List<String> to, String reason, String basedOn) {

    CoilBandsForm {
        band = band == null ? List.of() : band;
        from = from == null ? List.of() : from;
        to = to == null ? List.of() : to;
    }

    /** The editor's rows for the rules: one per band code, in code order, blank where the rules do not use it. */
    static CoilBandsForm of(CoilValueBandRules rules) {
        List<String> bands = new ArrayList<>();
        List<String> froms = new ArrayList<>();
        List<String> tos = new ArrayList<>();
        for (CoilValueBand code : CoilValueBand.values()) {
            bands.add(code.name());
            CoilValueBandRules.Band band = rules.band(code).orElse(null);
            froms.add(band == null ? "" : String.valueOf(band.from()));
            tos.add(band == null || band.to() == null ? "" : String.valueOf(band.to()));
        }
        return new CoilBandsForm(bands, froms, tos, null, String.valueOf(rules.version()));
    }

    /** The version the form was based on; null when missing or not a number (the save names the problem). */
    Integer basedOnVersion() {
        return RuleChecks.version(basedOn);
    }

    /** The rows as bands, and a problem for every amount that is not a whole number. */
    Parsed parse() {
        List<CoilValueBandRules.Band> bands = new ArrayList<>();
        List<CoilBandProblem> problems = new ArrayList<>();
        int rows = Math.max(band.size(), Math.max(from.size(), to.size()));
        for (int i = 0; i < rows; i++) {
            String code = at(band, i);
            String lower = at(from, i);
            String upper = at(to, i);
            if (lower.isEmpty() && upper.isEmpty()) {
                continue;
            }
            int position = bands.size() + 1;
            bands.add(new CoilValueBandRules.Band(code, amount(lower, code, "from", position, problems),
                    amount(upper, code, "to", position, problems)));
        }
        return new Parsed(bands, problems);
    }

    record Parsed(List<CoilValueBandRules.Band> bands, List<CoilBandProblem> problems) {
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i).strip() : "";
    }

    private static Long amount(String text, String code, String field, int position, List<CoilBandProblem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(text.replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new CoilBandProblem("bands[" + position + "]." + field, "coil.bands.notAWholeNumber",
                    List.of(text, code, field)));
            return null;
        }
    }
}
