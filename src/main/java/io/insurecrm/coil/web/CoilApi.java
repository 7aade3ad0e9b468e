package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.coil.CoilFileRefused;
import io.insurecrm.coil.CoilSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/coil")
@Tag(name = "CoIL 2000 book", description = "The CoIL Challenge 2000 insurer's book (research use; cite van der Putten & van Someren 2000)")
class CoilApi {

    private final CoilBook book;
    private final SmallCellRule smallCells;

    CoilApi(CoilBook book, SmallCellRule smallCells) {
        this.book = book;
        this.smallCells = smallCells;
    }

    @GetMapping("/summary")
    @Operation(summary = "Customers, holders of at least one policy, policies and 客均合同 (policies per holder) for "
            + "TRAIN, EVAL and ALL; holdings per product; figures per customer main type (MOSHOOFD). For analysts a product "
            + "or main type of fewer than k customers (and the next smallest when it would be the only one) has "
            + "suppressed = true and null figures (docs/privacy.md section 7)")
    CoilSummary summary() {
        return book.summary().withSmallCellsWithheld(smallCells);
    }

    @PostMapping("/load")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Load (or reload: nothing changes when the files did not) the CoIL files from crm.coil.dir")
    CoilBook.LoadResult load() {
        return book.load();
    }

    @ExceptionHandler(CoilFileRefused.class)
    ProblemDetail refused(CoilFileRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:insurecrm:problem:coil-file-refused"));
        problem.setTitle("CoIL file refused");
        return problem;
    }
}
