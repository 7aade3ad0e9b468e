package io.insurecrm.segmentation;

/** The note a test's rule save carries: based on the version active at the moment of saving, and a reason. */
public final class RuleNotes {

    private RuleNotes() {
    }

    public static RuleSaveNote onActive(SegmentRules rules, Dimension dimension) {
        return new RuleSaveNote(rules.active(dimension).version(), "test change of " + dimension);
    }

    public static RuleSaveNote onActive(CustomerTags tags) {
        return new RuleSaveNote((Integer) tags.activeRules().get("version"), "test change of the tag rules");
    }
}
