package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.segmentation.CustomerTags;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.InvalidSegmentRules;
import io.insurecrm.segmentation.RuleProblem;
import io.insurecrm.segmentation.RuleSet;
import io.insurecrm.segmentation.SegmentRules;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page editors of the VALUE (bands and property contribution), LIFE_STAGE, BEHAVIOUR, RISK and DYNAMIC rules ({@code /segments/rules?dimension=}) and of the
 * tag rules ({@code /segments/rules/tags}): everyone reads the active rules, analysts and admins preview (htmx, the
 * migration matrix or the tags gained and lost; nothing saved) and save a new version (recorded as RULE_CHANGE). The
 * validators' problems are shown on the field they name ({@link RuleEditor}).
 */
@Controller
class RuleEditorPage {

    private static final Set<Role> EDITORS = EnumSet.of(Role.ANALYST, Role.ADMIN);

    private final SegmentRules rules;
    private final CustomerTags tags;
    private final AccessAudit audit;
    private final SmallCellRule smallCells;

    RuleEditorPage(SegmentRules rules, CustomerTags tags, AccessAudit audit, SmallCellRule smallCells) {
        this.rules = rules;
        this.tags = tags;
        this.audit = audit;
        this.smallCells = smallCells;
    }

    @GetMapping("/segments/rules")
    String page(@RequestParam(name = "dimension", defaultValue = "LIFE_STAGE") Dimension dimension, Model model) {
        RuleSet active = rules.active(dimension);
        return render(model, dimension.name(), active.version(), RuleEditor.of(dimension.name(), active.rules(), List.of()));
    }

    @PostMapping("/segments/rules/{dimension}/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String preview(@PathVariable("dimension") Dimension dimension, HttpServletRequest request, Model model) {
        Map<String, Object> proposed = RuleEditor.toJson(dimension.name(), request.getParameterMap());
        List<RuleProblem> problems = new ArrayList<>();
        try {
            model.addAttribute("matrix", MatrixView.of(rules.preview(dimension, proposed, CurrentStaff.scope()),
                    smallCells.threshold()));
        } catch (InvalidSegmentRules e) {
            problems.addAll(e.problems());
        }
        render(model, dimension.name(), rules.active(dimension).version(), RuleEditor.of(dimension.name(), proposed, problems));
        return "segmentation/rules :: editor";
    }

    @PostMapping("/segments/rules/{dimension}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String save(@PathVariable("dimension") Dimension dimension, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        Map<String, Object> proposed = RuleEditor.toJson(dimension.name(), request.getParameterMap());
        try {
            RuleSet saved = rules.saveRules(dimension, proposed, by());
            audit.record(AuditAction.RULE_CHANGE, null, List.of("segment_rule_set." + dimension),
                    "segment " + dimension + " rules v" + saved.version());
            redirect.addFlashAttribute("savedVersion", saved.version());
            return "redirect:/segments/rules?dimension=" + dimension;
        } catch (InvalidSegmentRules e) {
            return render(model, dimension.name(), rules.active(dimension).version(),
                    RuleEditor.of(dimension.name(), proposed, e.problems()));
        }
    }

    @GetMapping("/segments/rules/tags")
    String tagRules(Model model) {
        Map<String, Object> active = tags.activeRules();
        return render(model, RuleEditor.TAGS, (Integer) active.get("version"), RuleEditor.of(RuleEditor.TAGS, rules(active), List.of()));
    }

    @PostMapping("/segments/rules/tags/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String previewTags(HttpServletRequest request, Model model) {
        Map<String, Object> proposed = RuleEditor.toJson(RuleEditor.TAGS, request.getParameterMap());
        List<RuleProblem> problems = new ArrayList<>();
        try {
            model.addAttribute("tagPreview", TagPreviewView.of(tags.preview(proposed, CurrentStaff.scope()), smallCells));
            model.addAttribute("smallCellsMarker", smallCells.marker());
            model.addAttribute("smallCellsK", smallCells.k());
        } catch (InvalidSegmentRules e) {
            problems.addAll(e.problems());
        }
        render(model, RuleEditor.TAGS, (Integer) tags.activeRules().get("version"), RuleEditor.of(RuleEditor.TAGS, proposed, problems));
        return "segmentation/rules :: editor";
    }

    @PostMapping("/segments/rules/tags")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveTags(HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Map<String, Object> proposed = RuleEditor.toJson(RuleEditor.TAGS, request.getParameterMap());
        try {
            int version = tags.saveRules(proposed, by());
            audit.record(AuditAction.RULE_CHANGE, null, List.of("tag_rule_set"), "tag rules v" + version);
            redirect.addFlashAttribute("savedVersion", version);
            return "redirect:/segments/rules/tags";
        } catch (InvalidSegmentRules e) {
            return render(model, RuleEditor.TAGS, (Integer) tags.activeRules().get("version"),
                    RuleEditor.of(RuleEditor.TAGS, proposed, e.problems()));
        }
    }

    private String render(Model model, String set, int version, RuleEditor editor) {
        model.addAttribute("set", set);
        model.addAttribute("version", version);
        model.addAttribute("editor", editor);
        model.addAttribute("sets", List.of("VALUE", "LIFE_STAGE", "BEHAVIOUR", "RISK", "DYNAMIC", RuleEditor.TAGS));
        model.addAttribute("mayEdit", CurrentStaff.get().map(staff -> EDITORS.contains(staff.role())).orElse(false));
        model.addAttribute("action", set.equals(RuleEditor.TAGS) ? "/segments/rules/tags" : "/segments/rules/" + set);
        return "segmentation/rules";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rules(Map<String, Object> active) {
        return (Map<String, Object>) active.get("rules");
    }

    private static String by() {
        return CurrentStaff.get().map(staff -> staff.username()).orElse("system");
    }
}
