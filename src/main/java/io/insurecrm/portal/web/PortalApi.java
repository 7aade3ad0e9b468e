package io.insurecrm.portal.web;

import io.insurecrm.loyalty.MemberSummary;
import io.insurecrm.portal.CustomerPrincipal;
import io.insurecrm.portal.MemberCentre;
import io.insurecrm.portal.PortalRefused;
import io.insurecrm.portal.MyDataCopy;
import io.insurecrm.portal.PortalBook;
import io.insurecrm.portal.PortalClaim;
import io.insurecrm.portal.PortalPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The portal's JSON API for the signed-in customer (portal session cookie, same chain as the pages). */
@RestController
@RequestMapping("/api/portal")
@Tag(name = "Customer portal")
class PortalApi {

    private final PortalBook book;
    private final MyDataCopy myData;
    private final MemberCentre memberCentre;
    private final MessageSource messages;

    PortalApi(PortalBook book, MyDataCopy myData, MemberCentre memberCentre, MessageSource messages) {
        this.book = book;
        this.myData = myData;
        this.memberCentre = memberCentre;
        this.messages = messages;
    }

    /** {@code photoFastTrack}: for members of Gold and above, the ids of the open claims the photo fast-track applies to; null otherwise. */
    record Home(long customerId, String name, List<PortalPolicy> policies, List<PortalClaim> claims, MemberSummary member,
                java.util.Set<Long> photoFastTrack) {
    }

    @GetMapping("/home")
    @Operation(summary = "The signed-in customer's policies, claims and member summary (tier, points)")
    Home home(@AuthenticationPrincipal CustomerPrincipal me) {
        PortalBook.PortalHome home = book.home(me.customerId());
        return new Home(me.customerId(), me.name(), home.policies(), home.claims(), home.member(), home.photoFastTrack());
    }

    @GetMapping("/member")
    @Operation(summary = "The signed-in customer's member centre: tier, next tier, benefits with quota left, points, bookings")
    MemberCentre.View member(@AuthenticationPrincipal CustomerPrincipal me) {
        return memberCentre.view(me.customerId());
    }

    /** A booking: the benefit's code, a request id made by the client (8-64 letters, digits, dashes), an optional note. */
    record BookingBody(String benefit, String requestId, String note) {
    }

    @PostMapping("/member/bookings")
    @Operation(summary = "Book a benefit service (redeems it); the same requestId again answers the first booking (200)")
    ResponseEntity<MemberCentre.Booking> book(@AuthenticationPrincipal CustomerPrincipal me, @RequestBody BookingBody body,
                                              Locale locale) {
        MemberCentre.Booking booking = memberCentre.book(me.customerId(), body.benefit(), body.requestId(), body.note(), locale);
        return booking.repeated() ? ResponseEntity.ok(booking)
                : ResponseEntity.created(URI.create("/api/portal/member/bookings/" + booking.id())).body(booking);
    }

    @GetMapping("/member/bookings/{id}")
    @Operation(summary = "One of the signed-in customer's bookings; anyone else's is 404")
    MemberCentre.Booking booking(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
        return memberCentre.booking(me.customerId(), id);
    }

    @ExceptionHandler(PortalRefused.class)
    ProblemDetail refused(PortalRefused e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
        problem.setType(URI.create("urn:insurecrm:problem:refused"));
        problem.setTitle("Refused");
        problem.setProperty("reason", e.messageKey().substring(e.messageKey().lastIndexOf('.') + 1));
        return problem;
    }

    @GetMapping("/my-data")
    @Operation(summary = "A copy of the signed-in customer's own data (JSON download)")
    ResponseEntity<Map<String, Object>> myData(@AuthenticationPrincipal CustomerPrincipal me) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("my-data.json").build().toString())
                .body(myData.of(me.customerId()));
    }
}
