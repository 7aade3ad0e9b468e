package io.insurecrm.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * What a save of segment or tag rules says besides the rules: the version the editor showed when the analyst began
 * (a save based on another version than the active one is refused, platform.rules.ActiveVersion) and why the rules
 * change, kept with the version.
 *
 * @param basedOnVersion the version the proposal was made from; required
 * @param reason         why, 1 to {@link #MAX_REASON} characters after trimming
 */
public record RuleSaveNote(Integer basedOnVersion, String reason) {

    public static final int MAX_REASON = io.insurecrm.platform.rules.RuleChecks.MAX_REASON;
    /** The keys an API body carries the note under, beside the rules. */
    public static final String BASED_ON = "basedOnVersion";
    public static final String REASON = "reason";

    public RuleSaveNote {
        reason = reason == null ? "" : reason.strip();
    }

    /** The note's own problems: no version it was based on, no reason, a reason too long. */
    public List<RuleProblem> problems() {
        List<RuleProblem> problems = new ArrayList<>();
        if (basedOnVersion == null) {
            problems.add(RuleProblem.of("basedOnRequired"));
        }
        if (reason.isEmpty()) {
            problems.add(RuleProblem.of("reasonRequired"));
        } else if (reason.length() > MAX_REASON) {
            problems.add(RuleProblem.of("reasonTooLong", MAX_REASON, reason.length()));
        }
        return problems;
    }

    /**
     * The note of an API body (the rules object with {@value #BASED_ON} and {@value #REASON} beside the rules' own
     * fields), and the body without them; a version that is not a whole number counts as missing.
     */
    public static Split split(java.util.Map<String, Object> body) {
        java.util.Map<String, Object> rules = new java.util.LinkedHashMap<>(body);
        Object based = rules.remove(BASED_ON);
        Object why = rules.remove(REASON);
        Integer version = based instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue() : null;
        return new Split(new RuleSaveNote(version, why instanceof String s ? s : null), rules);
    }

    /** The message of a refused save: the editor now starts from the active version, saving again replaces it. */
    static final String STALE = "segmentation.rules.stale";

    /** The label naming a set (a dimension's name or TAGS) in a refusal: its editor's name. */
    static String recordKey(String set) {
        return "segmentation.editor.set." + set;
    }

    /** A body split into its note and its rules. */
    public record Split(RuleSaveNote note, java.util.Map<String, Object> rules) {
    }
}
