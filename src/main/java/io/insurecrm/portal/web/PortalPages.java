package io.insurecrm.portal.web;

import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.portal.CustomerPrincipal;
import io.insurecrm.portal.EPolicyDocuments;
import io.insurecrm.portal.MemberCentre;
import io.insurecrm.portal.PortalClaim;
import io.insurecrm.portal.PortalBook;
import io.insurecrm.portal.PortalClaimReport;
import io.insurecrm.portal.PortalConsents;
import io.insurecrm.portal.PortalPolicy;
import io.insurecrm.portal.PortalRefused;
import io.insurecrm.portal.PortalSessions;
import io.insurecrm.portal.PortalSettings;
import io.insurecrm.portal.PortalSignIn;
import io.insurecrm.privacy.ConsentPurpose;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The portal's pages: sign-in, home, e-policies, renewal, claims and the consent centre. */
@Controller
@RequestMapping("/portal")
class PortalPages {

    private final PortalSignIn signIn;
    private final PortalSessions sessions;
    private final PortalBook book;
    private final PortalClaimReport claimReport;
    private final PortalConsents consents;
    private final EPolicyDocuments documents;
    private final PortalSettings settings;
    private final MemberCentre memberCentre;

    PortalPages(PortalSignIn signIn, PortalSessions sessions, PortalBook book, PortalClaimReport claimReport,
                PortalConsents consents, EPolicyDocuments documents, PortalSettings settings, MemberCentre memberCentre) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.book = book;
        this.claimReport = claimReport;
        this.consents = consents;
        this.documents = documents;
        this.settings = settings;
        this.memberCentre = memberCentre;
    }

    // ---- sign-in ----

    @GetMapping("/login")
    String login() {
        return "portal/login";
    }

    @PostMapping("/login/code")
    String sendCode(@RequestParam(required = false) String phone, Model model) {
        model.addAttribute("phone", phone);
        try {
            model.addAttribute("maskedPhone", signIn.requestCode(phone));
            return "portal/code";
        } catch (FieldRuleViolation e) {
            model.addAttribute("errorKey", e.messageKey());
        } catch (PortalRefused e) {
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
        }
        return "portal/login";
    }

    @PostMapping("/login")
    String verify(@RequestParam(required = false) String phone, @RequestParam(required = false) String code, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        try {
            CustomerPrincipal customer = signIn.verify(phone, code);
            sessions.signIn(customer, request, response);
            return "redirect:/portal";
        } catch (FieldRuleViolation e) {
            model.addAttribute("errorKey", e.messageKey());
        } catch (PortalRefused e) {
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
        }
        model.addAttribute("phone", phone);
        return "portal/code";
    }

    // ---- home, policies, renewal ----

    @GetMapping
    String home(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        PortalBook.PortalHome home = book.home(me.customerId());
        model.addAttribute("policies", home.policies());
        model.addAttribute("claims", home.claims());
        model.addAttribute("member", home.member());
        model.addAttribute("fastTrack", home.photoFastTrack());
        return "portal/home";
    }

    // ---- member centre ----

    @GetMapping("/member")
    String member(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        return memberPage(me, model);
    }

    @PostMapping("/member/bookings")
    String book(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) String benefit,
                @RequestParam(required = false) String requestId, @RequestParam(required = false) String note, Locale locale,
                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            MemberCentre.Booking booking = memberCentre.book(me.customerId(), benefit, requestId, note, locale);
            redirect.addFlashAttribute("booked", booking);
            return "redirect:/portal/member";
        } catch (FieldRuleViolation e) {
            response.setStatus(400);
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
        } catch (PortalRefused e) {
            response.setStatus(409);
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
        }
        model.addAttribute("note", note);
        return memberPage(me, model);
    }

    private String memberPage(CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("centre", memberCentre.view(me.customerId()));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        model.addAttribute("noteMax", MemberCentre.NOTE_MAX_CHARS);
        return "portal/member";
    }

    @GetMapping("/policies/{id}")
    String policy(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("policy", book.policy(me.customerId(), id));
        model.addAttribute("pdf", documents.canRenderPdf());
        return "portal/policy";
    }

    /** The e-policy as a PDF; without a CJK font on the server the printable HTML e-policy with a note. */
    @GetMapping("/policies/{id}/document")
    Object document(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, Model model, Locale locale) {
        PortalPolicy policy = book.policy(me.customerId(), id);
        return documents.pdf(policy, locale).<Object>map(pdf -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename("e-policy-" + policy.policyNumber() + ".pdf").build().toString())
                        .body(pdf))
                .orElseGet(() -> {
                    model.addAttribute("policy", policy);
                    model.addAttribute("me", me);
                    return "portal/epolicy";
                });
    }

    @GetMapping("/policies/{id}/renewal")
    String renewal(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("policy", book.policy(me.customerId(), id));
        model.addAttribute("settings", settings);
        return "portal/renewal";
    }

    @PostMapping("/policies/{id}/renewal")
    String renew(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        long next = book.renew(me.customerId(), id);
        redirect.addFlashAttribute("renewedFrom", book.policy(me.customerId(), id).policyNumber());
        return "redirect:/portal/policies/" + next;
    }

    // ---- claims ----

    @GetMapping("/claims/new")
    String newClaim(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) Long policyId, Model model) {
        return claimForm(me, model, policyId, null, null, null);
    }

    @PostMapping("/claims")
    String reportClaim(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) Long policyId,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate incidentDate,
                       @RequestParam(required = false) BigDecimal amount, @RequestParam(required = false) String description,
                       @RequestParam(name = "photos", required = false) List<MultipartFile> photos, Model model) {
        List<PortalClaimReport.Upload> uploads = new ArrayList<>();
        for (MultipartFile photo : photos == null ? List.<MultipartFile>of() : photos) {
            try {
                uploads.add(new PortalClaimReport.Upload(photo.getOriginalFilename(), photo.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            if (policyId == null) {
                throw new FieldRuleViolation("policyId", "validation.required");
            }
            if (amount == null) {
                throw new FieldRuleViolation("amount", "validation.required");
            }
            long claimId = claimReport.report(me.customerId(), policyId, incidentDate, amount, description, uploads);
            return "redirect:/portal/claims/" + claimId + "?reported";
        } catch (FieldRuleViolation e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("errorArgs", e.arguments());
            return claimForm(me, model, policyId, incidentDate, amount, description);
        }
    }

    private String claimForm(CustomerPrincipal me, Model model, Long policyId, LocalDate incidentDate, BigDecimal amount,
                             String description) {
        model.addAttribute("me", me);
        model.addAttribute("policies", book.policies(me.customerId()).stream()
                .filter(p -> p.status().equals("ACTIVE") || p.status().equals("EXPIRED")).toList());
        model.addAttribute("policyId", policyId);
        model.addAttribute("incidentDate", incidentDate);
        model.addAttribute("amount", amount);
        model.addAttribute("description", description);
        model.addAttribute("settings", settings);
        return "portal/claim-new";
    }

    @GetMapping("/claims/{id}")
    String claim(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("me", me);
        PortalClaim claim = book.claim(me.customerId(), id);
        model.addAttribute("claim", claim);
        model.addAttribute("fastTrack", memberCentre.photoFastTrack(memberCentre.summary(me.customerId()), List.of(claim)));
        model.addAttribute("path", List.of("REPORTED", "ASSESSING", "APPROVED", "PAID"));
        return "portal/claim";
    }

    @GetMapping("/claims/{claimId}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long claimId,
                                 @PathVariable long photoId) {
        PortalBook.PhotoContent photo = book.photo(me.customerId(), claimId, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
                .header("X-Content-Type-Options", "nosniff").body(photo.bytes());
    }

    // ---- consent centre ----

    @GetMapping("/consents")
    String consents(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("consent", consents.current(me.customerId()));
        model.addAttribute("purposes", PortalConsents.CHANGEABLE);
        return "portal/consents";
    }

    @PostMapping("/consents")
    String changeConsent(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam ConsentPurpose purpose,
                         @RequestParam boolean granted, RedirectAttributes redirect) {
        consents.change(me.customerId(), purpose, granted);
        redirect.addFlashAttribute("changed", purpose);
        return "redirect:/portal/consents";
    }
}
