package io.insurecrm.metrics.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.metrics.Breakdown;
import io.insurecrm.metrics.SmallCells;
import io.insurecrm.metrics.ContractsPerCustomer;
import io.insurecrm.metrics.ContractsPerCustomerSnapshots;
import io.insurecrm.metrics.HouseholdFigures;
import io.insurecrm.metrics.MetricsSettings;
import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilSummary;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The start page after sign-in: 客均合同 overall, by breakdown, per household and its monthly trend. */
@Controller
class DashboardPage {

    private static final Set<Breakdown> CHARTED = EnumSet.of(Breakdown.REGION, Breakdown.PRODUCT_LINE, Breakdown.CHANNEL);
    private static final List<Breakdown> SECTIONS = List.of(Breakdown.REGION, Breakdown.PRODUCT_LINE, Breakdown.CHANNEL,
            Breakdown.LAYER, Breakdown.BRANCH, Breakdown.AGENT);
    private static final Set<Role> MAY_REFRESH = EnumSet.of(Role.ADMIN, Role.ANALYST);

    private final ContractsPerCustomer contractsPerCustomer;
    private final ContractsPerCustomerSnapshots snapshots;
    private final MetricsSettings settings;
    private final Clock clock;
    private final CoilBook coil;
    private final SmallCellRule smallCells;

    DashboardPage(ContractsPerCustomer contractsPerCustomer, ContractsPerCustomerSnapshots snapshots,
                  MetricsSettings settings, Clock clock, CoilBook coil, SmallCellRule smallCells) {
        this.coil = coil;
        this.smallCells = smallCells;
        this.contractsPerCustomer = contractsPerCustomer;
        this.snapshots = snapshots;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(Model model, Locale locale) {
        DataScope scope = CurrentStaff.scope();
        // analysts see de-identified figures: households by number, not by their members' names, and no cell of fewer
        // than k customers (docs/privacy.md section 7)
        boolean analyst = CurrentStaff.get().map(staff -> staff.role() == Role.ANALYST).orElse(false);
        int k = smallCells.k();
        List<DashboardView.Section> sections = SECTIONS.stream()
                .map(by -> {
                    List<io.insurecrm.metrics.GroupFigure> rows = contractsPerCustomer.by(by, scope, locale);
                    return new DashboardView.Section(by, analyst ? SmallCells.suppress(rows, k) : rows, CHARTED.contains(by));
                })
                .toList();
        HouseholdFigures households = contractsPerCustomer.households(scope, settings.topHouseholds());
        boolean mayRefresh = CurrentStaff.get().map(staff -> MAY_REFRESH.contains(staff.role())).orElse(false);
        model.addAttribute("smallCellsK", analyst ? k : null);
        model.addAttribute("dashboard", new DashboardView(scope, LocalDate.now(clock), contractsPerCustomer.overall(scope),
                sections, analyst ? SmallCells.suppress(households.deidentified(), k) : households,
                contractsPerCustomer.trend(settings.trendMonths(), scope), mayRefresh));
        // the CoIL 2000 book is a separate, real book of a Dutch insurer: shown beside ours once loaded (whole-book users)
        if (scope.isAll()) {
            CoilSummary.Book coilBook = coil.summary().all();
            if (coilBook.customers() > 0) {
                model.addAttribute("coil", coilBook);
            }
        }
        return "metrics/dashboard";
    }

    @PostMapping("/metrics/snapshots")
    @PreAuthorize("hasAnyRole('ADMIN','ANALYST')")
    String refreshSnapshots(RedirectAttributes redirect) {
        ContractsPerCustomerSnapshots.SnapshotRun run = snapshots.refresh();
        redirect.addFlashAttribute("refreshedMonths", run.monthEnds().size());
        redirect.addFlashAttribute("refreshMillis", run.took().toMillis());
        return "redirect:/";
    }
}
