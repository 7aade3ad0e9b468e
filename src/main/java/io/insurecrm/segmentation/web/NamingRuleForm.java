package io.insurecrm.segmentation.web;

import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.segmentation.ClusterNamingRule;
import io.insurecrm.segmentation.ClusterNamingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster naming rule editor as posted: each field as typed, the reason and the version the form was based on
 * ({@code basedOn}, a hidden field: a save based on another version than the active one is refused).
 */
record NamingRuleForm(String minZ, String traits, String maxTraits, String reason, String basedOn) {

    /** The form for a version: its values, based on it. */
    static NamingRuleForm of(ClusterNamingRule rule) {
        return new NamingRuleForm(RuleChecks.plain(rule.minZ()), String.valueOf(rule.traits()), String.valueOf(rule.maxTraits()),
                null, String.valueOf(rule.version()));
    }

    /** The rule fields as typed, by name, in the editor's order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("minZ", minZ);
        fields.put("traits", traits);
        fields.put("maxTraits", maxTraits);
        return fields;
    }

    /** The proposal, the version it was based on, and a problem for every field that is not a number. */
    record Parsed(ClusterNamingRule.Proposal proposal, Integer basedOn, List<FieldProblem> problems) {
    }

    Parsed parse() {
        List<FieldProblem> problems = new ArrayList<>();
        String record = ClusterNamingRules.RECORD;
        ClusterNamingRule.Proposal proposal = new ClusterNamingRule.Proposal(RuleChecks.decimal(problems, record, "minZ", minZ),
                RuleChecks.whole(problems, record, "traits", traits), RuleChecks.whole(problems, record, "maxTraits", maxTraits));
        Integer version = RuleChecks.whole(problems, record, "basedOn", basedOn);
        return new Parsed(proposal, version, problems);
    }
}
