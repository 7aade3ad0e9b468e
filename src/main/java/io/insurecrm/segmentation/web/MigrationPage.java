package io.insurecrm.segmentation.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.SegmentQueries;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** /segments/migration: the migration matrix of a dimension between two days, from the placement history, in scope. */
@Controller
class MigrationPage {

    private final SegmentQueries queries;
    private final Clock clock;
    private final SmallCellRule smallCells;

    MigrationPage(SegmentQueries queries, Clock clock, SmallCellRule smallCells) {
        this.queries = queries;
        this.clock = clock;
        this.smallCells = smallCells;
    }

    @GetMapping("/segments/migration")
    String page(@RequestParam(name = "dimension", defaultValue = "VALUE") Dimension dimension,
                @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Model model) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(1) : from;
        model.addAttribute("dimension", dimension);
        model.addAttribute("dimensions", Dimension.values());
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("matrix", MatrixView.of(queries.migration(dimension, start, end, CurrentStaff.scope()),
                smallCells.threshold()));
        return "segmentation/migration";
    }
}
