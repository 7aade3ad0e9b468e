package io.insurecrm.privacy.web;

import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.crypto.BlindIndexRotation;
import io.insurecrm.privacy.crypto.FieldReencryption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page for encryption keys: the active key, how many values of each encrypted column are under
 * which key (or still clear, or without blind index), the re-encryption in progress with its progress, and the button
 * that starts one after a key rotation — the twin of {@code /api/admin/encryption}.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class EncryptionPages {

    private final FieldReencryption batch;
    private final BlindIndexRotation blindIndex;
    private final AccessAudit audit;
    private final Clock clock;

    EncryptionPages(FieldReencryption batch, BlindIndexRotation blindIndex, AccessAudit audit, Clock clock) {
        this.batch = batch;
        this.blindIndex = blindIndex;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/privacy/encryption")
    String page(Model model) {
        fill(model);
        return "privacy/encryption";
    }

    /** The status table alone, polled by the page while a run is in progress. */
    @GetMapping("/privacy/encryption/status")
    String status(Model model) {
        fill(model);
        return "privacy/encryption :: status";
    }

    @PostMapping("/privacy/encryption/reencryption")
    String start(@RequestParam(required = false) String activeKey, RedirectAttributes redirect) {
        Optional<FieldReencryption.Refusal> refused = batch.startRotation(activeKey);
        if (refused.isPresent()) {
            redirect.addFlashAttribute("refusal", refused.get().messageKey());
        } else {
            audit.record(AuditAction.KEY_ROTATION, null, List.of(), "re-encryption to key " + batch.activeKey() + " (page)");
            redirect.addFlashAttribute("started", true);
        }
        return "redirect:/privacy/encryption";
    }

    @PostMapping("/privacy/encryption/blind-index/fill")
    String startBlindIndexFill(RedirectAttributes redirect) {
        Optional<BlindIndexRotation.Refusal> refused = blindIndex.start();
        if (refused.isPresent()) {
            redirect.addFlashAttribute("refusal", refused.get().messageKey());
        } else {
            audit.record(AuditAction.KEY_ROTATION, null, List.of(), "blind index fill under key " + blindIndex.nextKeyFingerprint() + " (page)");
            redirect.addFlashAttribute("blindIndexStarted", true);
        }
        return "redirect:/privacy/encryption";
    }

    @PostMapping("/privacy/encryption/blind-index/switch")
    String switchBlindIndex(RedirectAttributes redirect) {
        try {
            BlindIndexRotation.Switched switched = blindIndex.switchToNext(EncryptionApi.actor());
            audit.record(AuditAction.KEY_ROTATION, null, List.of(), "blind index key switched to " + switched.fingerprint()
                    + ", " + switched.rows() + " rows (page)");
            redirect.addFlashAttribute("blindIndexSwitched", switched.fingerprint());
        } catch (BlindIndexRotation.RotationRefused e) {
            redirect.addFlashAttribute("refusal", e.refusal().messageKey());
        }
        return "redirect:/privacy/encryption";
    }

    private void fill(Model model) {
        model.addAttribute("blindIndex", EncryptionStatus.blindIndex(blindIndex));
        model.addAllAttributes(EncryptionStatus.reencryption(batch));
        model.addAttribute("zone", clock.getZone());
    }
}
