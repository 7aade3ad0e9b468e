package io.insurecrm.coil.web;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilFileRefused;
import io.insurecrm.platform.disclosure.SmallCellRule;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The CoIL 2000 book page: its figures, a bar chart per product (static/js/coil.js) and the citation. */
@Controller
class CoilPages {

    private final CoilBook book;
    private final SmallCellRule smallCells;

    CoilPages(CoilBook book, SmallCellRule smallCells) {
        this.book = book;
        this.smallCells = smallCells;
    }

    @GetMapping("/coil")
    String summary(Model model) {
        // analysts: no product or main type of fewer than k customers (docs/privacy.md section 7)
        model.addAttribute("summary", book.summary().withSmallCellsWithheld(smallCells));
        model.addAttribute("smallCellsK", smallCells.k());
        return "coil/summary";
    }

    @PostMapping("/coil/load")
    @PreAuthorize("hasRole('ADMIN')")
    String load(RedirectAttributes redirect) {
        try {
            CoilBook.LoadResult result = book.load();
            redirect.addFlashAttribute("loaded", result);
        } catch (CoilFileRefused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/coil";
    }
}
