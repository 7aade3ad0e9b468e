package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilClusterRule;
import io.insurecrm.coil.CoilClusterRules;
import io.insurecrm.platform.rules.FieldProblem;
import io.insurecrm.platform.rules.RuleChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * The CoIL cluster rule editor as posted: each field as typed, the reason and the version the form was based on
 * ({@code basedOn}, a hidden field: a save based on another version than the active one is refused).
 */
record CoilClusterRuleForm(String minZ, String traits, String maxTraits, String commonProduct, String productWeight,
                           String demographicWeight, String mainTypeWeight, String reason, String basedOn) {

    /** The form for a version: its values, based on it. */
    static CoilClusterRuleForm of(CoilClusterRule rule) {
        return new CoilClusterRuleForm(RuleChecks.plain(rule.minZ()), String.valueOf(rule.traits()),
                String.valueOf(rule.maxTraits()), RuleChecks.plain(rule.commonProduct()), RuleChecks.plain(rule.productWeight()),
                RuleChecks.plain(rule.demographicWeight()), RuleChecks.plain(rule.mainTypeWeight()), null,
                String.valueOf(rule.version()));
    }

    /** The rule fields as typed, by name, in the editor's order. */
    public java.util.Map<String, String> fields() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("minZ", minZ);
        fields.put("traits", traits);
        fields.put("maxTraits", maxTraits);
        fields.put("commonProduct", commonProduct);
        fields.put("productWeight", productWeight);
        fields.put("demographicWeight", demographicWeight);
        fields.put("mainTypeWeight", mainTypeWeight);
        return fields;
    }

    /** The proposal, the version it was based on, and a problem for every field that is not a number. */
    record Parsed(CoilClusterRule.Proposal proposal, Integer basedOn, List<FieldProblem> problems) {
    }

    Parsed parse() {
        List<FieldProblem> problems = new ArrayList<>();
        String record = CoilClusterRules.RECORD;
        CoilClusterRule.Proposal proposal = new CoilClusterRule.Proposal(RuleChecks.decimal(problems, record, "minZ", minZ),
                RuleChecks.whole(problems, record, "traits", traits), RuleChecks.whole(problems, record, "maxTraits", maxTraits),
                RuleChecks.decimal(problems, record, "commonProduct", commonProduct),
                RuleChecks.decimal(problems, record, "productWeight", productWeight),
                RuleChecks.decimal(problems, record, "demographicWeight", demographicWeight),
                RuleChecks.decimal(problems, record, "mainTypeWeight", mainTypeWeight));
        Integer version = RuleChecks.whole(problems, record, "basedOn", basedOn);
        return new Parsed(proposal, version, problems);
    }
}
