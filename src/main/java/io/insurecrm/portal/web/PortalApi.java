package io.insurecrm.portal.web;

import io.insurecrm.portal.CustomerPrincipal;
import io.insurecrm.portal.MyDataCopy;
import io.insurecrm.portal.PortalBook;
import io.insurecrm.portal.PortalClaim;
import io.insurecrm.portal.PortalPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The portal's JSON API for the signed-in customer (portal session cookie, same chain as the pages). */
@RestController
@RequestMapping("/api/portal")
@Tag(name = "Customer portal")
class PortalApi {

    private final PortalBook book;
    private final MyDataCopy myData;

    PortalApi(PortalBook book, MyDataCopy myData) {
        this.book = book;
        this.myData = myData;
    }

    record Home(long customerId, String name, List<PortalPolicy> policies, List<PortalClaim> claims) {
    }

    @GetMapping("/home")
    @Operation(summary = "The signed-in customer's policies and claims")
    Home home(@AuthenticationPrincipal CustomerPrincipal me) {
        return new Home(me.customerId(), me.name(), book.policies(me.customerId()), book.claims(me.customerId()));
    }

    @GetMapping("/my-data")
    @Operation(summary = "A copy of the signed-in customer's own data (JSON download)")
    ResponseEntity<Map<String, Object>> myData(@AuthenticationPrincipal CustomerPrincipal me) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("my-data.json").build().toString())
                .body(myData.of(me.customerId()));
    }
}
