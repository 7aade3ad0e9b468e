package io.insurecrm.platform.clustering;

import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.RuleChecks;
import java.util.List;

/**
 * The bounds of a naming rule ({@link DominantTraits.Rule}) an analyst may save: min |z| from 0.1 to 3.0, traits per
 * name from 1 to 6, max traits when names collide from the traits per name to 6.
 */
public final class NamingRuleChecks {

    public static final double MIN_Z_FROM = 0.1;
    public static final double MIN_Z_TO = 3.0;
    public static final int MOST_TRAITS = 6;

    private NamingRuleChecks() {
    }

    /** Adds a problem (fields minZ, traits, maxTraits) for each value missing or out of its bounds. */
    public static void check(List<FieldProblem> problems, String recordKey, Double minZ, Integer traits, Integer maxTraits) {
        RuleChecks.range(problems, recordKey, "minZ", minZ, MIN_Z_FROM, MIN_Z_TO);
        RuleChecks.range(problems, recordKey, "traits", traits, 1, MOST_TRAITS);
        boolean traitsValid = traits != null && traits >= 1 && traits <= MOST_TRAITS;
        RuleChecks.range(problems, recordKey, "maxTraits", maxTraits, traitsValid ? traits : 1, MOST_TRAITS);
    }
}
