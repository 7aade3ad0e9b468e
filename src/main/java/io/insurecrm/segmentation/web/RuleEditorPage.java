package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.rules.RuleChecks;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.rules.StaleRuleVersion;
import io.insurecrm.platform.security.Role;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.segmentation.CustomerTags;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.InvalidSegmentRules;
import io.insurecrm.segmentation.RuleProblem;
import io.insurecrm.segmentation.RuleSaveNote;
import io.insurecrm.segmentation.RuleSet;
import io.insurecrm.segmentation.SegmentPreview;
import io.insurecrm.segmentation.SegmentPreviews;
import io.insurecrm.segmentation.SegmentRules;
import io.insurecrm.segmentation.TagRuleChoices;
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
 * migration matrix or the tags gained and lost; nothing saved; run in the background by {@link SegmentPreviews}, its
 * progress shown until it is done) and save a new version (recorded as RULE_CHANGE). The
 * validators' problems are shown on the field they name ({@link RuleEditor}).
 */
@Controller
class RuleEditorPage {

    private static final Set<Role> EDITORS = EnumSet.of(Role.ANALYST, Role.ADMIN);

    private final SegmentRules rules;
    private final CustomerTags tags;
    private final AccessAudit audit;
    private final SegmentPreviews previews;
    private final SmallCellRule smallCells;

    private final org.springframework.context.MessageSource messages;
    private final java.time.Clock clock;

    RuleEditorPage(SegmentRules rules, CustomerTags tags, AccessAudit audit, SegmentPreviews previews, SmallCellRule smallCells,
                   org.springframework.context.MessageSource messages, java.time.Clock clock) {
        this.rules = rules;
        this.messages = messages;
        this.clock = clock;
        this.previews = previews;
        this.tags = tags;
        this.audit = audit;
        this.smallCells = smallCells;
    }

    @GetMapping("/segments/rules")
    String page(@RequestParam(name = "dimension", defaultValue = "LIFE_STAGE") Dimension dimension, Model model) {
        RuleSet active = rules.active(dimension);
        return wholePage(model, dimension.name(), active.version(), RuleEditor.of(dimension.name(), active.rules(), List.of()),
                new RuleSaveNote(active.version(), ""));
    }

    /**
     * htmx: starts the preview in the background (the proposal checked at once: problems on their field, nothing started)
     * and shows it: the matrix when it finished within about a second, else its progress, which polls
     * {@link #previewState} until it is done.
     */
    @PostMapping("/segments/rules/{dimension}/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String preview(@PathVariable("dimension") Dimension dimension, HttpServletRequest request, Model model) {
        Map<String, Object> proposed = RuleEditor.toJson(dimension.name(), request.getParameterMap());
        List<RuleProblem> problems = new ArrayList<>();
        try {
            show(model, dimension.name(), previews.start(dimension, proposed, CurrentStaff.scope(), by()), smallCells);
        } catch (InvalidSegmentRules e) {
            problems.addAll(e.problems());
        } catch (SegmentPreviews.Refused refused) {
            refused(model, previews, refused, by(), smallCells);
        }
        render(model, dimension.name(), rules.active(dimension).version(), RuleEditor.of(dimension.name(), proposed, problems),
                note(request));
        return "segmentation/rules :: editor";
    }

    /**
     * htmx: the editor again with what was typed, the row {@code remove} names (e.g. {@code bands[2]}) left out or a
     * blank row added to the row field {@code add}; nothing checked, previewed or saved (the rows buttons).
     */
    @PostMapping("/segments/rules/{dimension}/rows")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String rows(@PathVariable("dimension") Dimension dimension, @RequestParam(name = "remove", required = false) String remove,
                @RequestParam(name = "add", required = false) String add, HttpServletRequest request, Model model) {
        render(model, dimension.name(), rules.active(dimension).version(),
                RuleEditor.edited(dimension.name(), request.getParameterMap(), remove, add), note(request));
        return "segmentation/rules :: editor";
    }

    /** htmx: where a preview stands (polls itself while it runs), the matrix once it is done. */
    @GetMapping("/segments/rules/{dimension}/preview/{previewId}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String previewState(@PathVariable("dimension") Dimension dimension, @PathVariable("previewId") String previewId, Model model) {
        show(model, dimension.name(), previews.find(dimension.name(), previewId, by()).orElse(null), smallCells);
        return "segmentation/rules :: result";
    }

    @PostMapping("/segments/rules/{dimension}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String save(@PathVariable("dimension") Dimension dimension, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        Map<String, Object> proposed = RuleEditor.toJson(dimension.name(), request.getParameterMap());
        RuleSaveNote note = note(request);
        try {
            RuleSet saved = rules.saveRules(dimension, proposed, by(), note);
            audit.record(AuditAction.RULE_CHANGE, null, List.of("segment_rule_set." + dimension),
                    "segment " + dimension + " rules v" + saved.version());
            redirect.addFlashAttribute("savedVersion", saved.version());
            return "redirect:/segments/rules?dimension=" + dimension;
        } catch (InvalidSegmentRules e) {
            return wholePage(model, dimension.name(), rules.active(dimension).version(),
                    RuleEditor.of(dimension.name(), proposed, e.problems()), note);
        } catch (StaleRuleVersion e) {
            return stale(model, e, dimension.name(), RuleEditor.of(dimension.name(), proposed, List.of()), note);
        }
    }

    @GetMapping("/segments/rules/tags")
    String tagRules(Model model) {
        Map<String, Object> active = tags.activeRules();
        int version = (Integer) active.get("version");
        return wholePage(model, RuleEditor.TAGS, version, RuleEditor.of(RuleEditor.TAGS, rules(active), List.of()),
                new RuleSaveNote(version, ""));
    }

    @PostMapping("/segments/rules/tags/preview")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String previewTags(HttpServletRequest request, Model model) {
        Map<String, Object> proposed = RuleEditor.toJson(RuleEditor.TAGS, request.getParameterMap());
        List<RuleProblem> problems = new ArrayList<>();
        try {
            show(model, RuleEditor.TAGS, previews.startTags(proposed, CurrentStaff.scope(), by()), smallCells);
        } catch (InvalidSegmentRules e) {
            problems.addAll(e.problems());
        } catch (SegmentPreviews.Refused refused) {
            refused(model, previews, refused, by(), smallCells);
        }
        render(model, RuleEditor.TAGS, (Integer) tags.activeRules().get("version"), RuleEditor.of(RuleEditor.TAGS, proposed, problems),
                note(request));
        return "segmentation/rules :: editor";
    }

    /** htmx: the tag-rule editor again with a row removed or added, as {@link #rows} does for a dimension. */
    @PostMapping("/segments/rules/tags/rows")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String tagRows(@RequestParam(name = "remove", required = false) String remove,
                   @RequestParam(name = "add", required = false) String add, HttpServletRequest request, Model model) {
        render(model, RuleEditor.TAGS, (Integer) tags.activeRules().get("version"),
                RuleEditor.edited(RuleEditor.TAGS, request.getParameterMap(), remove, add), note(request));
        return "segmentation/rules :: editor";
    }

    /** htmx: where a tag-rule preview stands (polls itself while it runs), the tags gained and lost once it is done. */
    @GetMapping("/segments/rules/tags/preview/{previewId}")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String tagPreviewState(@PathVariable("previewId") String previewId, Model model) {
        show(model, RuleEditor.TAGS, previews.find(SegmentPreviews.TAGS, previewId, by()).orElse(null), smallCells);
        return "segmentation/rules :: result";
    }

    @PostMapping("/segments/rules/tags")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    String saveTags(HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Map<String, Object> proposed = RuleEditor.toJson(RuleEditor.TAGS, request.getParameterMap());
        RuleSaveNote note = note(request);
        try {
            int version = tags.saveRules(proposed, by(), note);
            audit.record(AuditAction.RULE_CHANGE, null, List.of("tag_rule_set"), "tag rules v" + version);
            redirect.addFlashAttribute("savedVersion", version);
            return "redirect:/segments/rules/tags";
        } catch (InvalidSegmentRules e) {
            return wholePage(model, RuleEditor.TAGS, (Integer) tags.activeRules().get("version"),
                    RuleEditor.of(RuleEditor.TAGS, proposed, e.problems()), note);
        } catch (StaleRuleVersion e) {
            return stale(model, e, RuleEditor.TAGS, RuleEditor.of(RuleEditor.TAGS, proposed, List.of()), note);
        }
    }

    /**
     * The model of the preview's part of a page (fragment {@code segmentation/rules :: result}): the preview and the path
     * it is polled at, its matrix or tags once DONE, small cells withheld from analysts (docs/privacy.md section 7); a
     * preview no longer kept (or never the caller's) as gone.
     */
    static void show(Model model, String set, SegmentPreview preview, SmallCellRule smallCells) {
        if (preview == null) {
            model.addAttribute("previewGone", true);
            return;
        }
        model.addAttribute("preview", preview);
        model.addAttribute("previewPath", (set.equals(RuleEditor.TAGS) ? "/segments/rules/tags" : "/segments/rules/" + set)
                + "/preview/" + preview.id());
        if (preview.state() == SegmentPreview.State.DONE && preview.cells() != null) {
            model.addAttribute("matrix", MatrixView.of(preview.cells(), smallCells.threshold()));
        }
        if (preview.state() == SegmentPreview.State.DONE && preview.tags() != null) {
            model.addAttribute("tagPreview", TagPreviewView.of(preview.tags(), smallCells));
            model.addAttribute("smallCellsMarker", smallCells.marker());
            model.addAttribute("smallCellsK", smallCells.k());
        }
    }

    /** A preview refused by its limits: the reason, and the caller's own running preview of the same set, if any. */
    static void refused(Model model, SegmentPreviews previews, SegmentPreviews.Refused refused, String user,
                        SmallCellRule smallCells) {
        model.addAttribute("previewRefused", refused.key());
        model.addAttribute("previewRefusedArgs", refused.args());
        if (refused.runningId() != null) {
            previews.find(refused.runningSet(), refused.runningId(), user)
                    .ifPresent(running -> show(model, refused.runningSet(), running, smallCells));
        }
    }

    /**
     * The editor again with what was typed, the refusal above it, and the active version as the one it is now based on:
     * the versions listed show what was saved meanwhile, and saving again replaces it on purpose.
     */
    private String stale(Model model, StaleRuleVersion e, String set, RuleEditor editor, RuleSaveNote note) {
        model.addAttribute("staleMessage", e.message(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale(),
                clock.getZone()));
        return wholePage(model, set, e.activeVersion(), editor, new RuleSaveNote(e.activeVersion(), note.reason()));
    }

    /** The version the form was made from and the reason typed, as posted ({@code basedOn}, {@code reason}). */
    private static RuleSaveNote note(HttpServletRequest request) {
        return new RuleSaveNote(RuleChecks.version(request.getParameter("basedOn")),
                request.getParameter("reason"));
    }

    /** The whole page: the editor and, below it, the versions saved (an htmx answer renders the editor alone). */
    private String wholePage(Model model, String set, int version, RuleEditor editor, RuleSaveNote note) {
        model.addAttribute("versions", set.equals(RuleEditor.TAGS) ? tags.versions() : rules.versions(Dimension.valueOf(set)));
        model.addAttribute("zone", clock.getZone());
        return render(model, set, version, editor, note);
    }

    private String render(Model model, String set, int version, RuleEditor editor, RuleSaveNote note) {
        model.addAttribute("set", set);
        model.addAttribute("version", version);
        model.addAttribute("editor", editor);
        model.addAttribute("note", note);
        model.addAttribute("maxReason", RuleSaveNote.MAX_REASON);
        model.addAttribute("sets", List.of("VALUE", "LIFE_STAGE", "BEHAVIOUR", "RISK", "DYNAMIC", RuleEditor.TAGS));
        model.addAttribute("mayEdit", CurrentStaff.get().map(staff -> EDITORS.contains(staff.role())).orElse(false));
        model.addAttribute("action", set.equals(RuleEditor.TAGS) ? "/segments/rules/tags" : "/segments/rules/" + set);
        if (set.equals(RuleEditor.TAGS)) {
            model.addAttribute("choices", TagRuleChoices.of(rules));
        }
        return "segmentation/rules";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rules(Map<String, Object> active) {
        return (Map<String, Object>) active.get("rules");
    }

    static String by() {
        return CurrentStaff.username();
    }
}
