package io.insurecrm.metrics.web;

import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.metrics.Breakdown;
import io.insurecrm.metrics.SmallCells;
import io.insurecrm.metrics.ContractsPerCustomer;
import io.insurecrm.metrics.ContractsPerCustomerSnapshots;
import io.insurecrm.metrics.GroupFigure;
import io.insurecrm.metrics.HouseholdFigures;
import io.insurecrm.metrics.MetricsSettings;
import io.insurecrm.metrics.Ratio;
import io.insurecrm.metrics.Trend;
import io.insurecrm.metrics.TrendPoint;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** 客均合同 over the API, for the caller's data scope. */
@RestController
@RequestMapping("/api/metrics/contracts-per-customer")
@Tag(name = "Metrics", description = "客均合同 (contracts per customer) = active contracts ÷ customers holding at least "
        + "one active contract, for the caller's data scope (own book, branch or whole book)")
class ContractsPerCustomerApi {

    private final ContractsPerCustomer contractsPerCustomer;
    private final ContractsPerCustomerSnapshots snapshots;
    private final MetricsSettings settings;
    private final MessageSource messages;
    private final Clock clock;
    private final SmallCellRule smallCells;

    ContractsPerCustomerApi(ContractsPerCustomer contractsPerCustomer, ContractsPerCustomerSnapshots snapshots,
                            MetricsSettings settings, MessageSource messages, Clock clock, SmallCellRule smallCells) {
        this.smallCells = smallCells;
        this.contractsPerCustomer = contractsPerCustomer;
        this.snapshots = snapshots;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "客均合同 overall, or broken down",
            description = "Without `by`: the overall figure. With `by`: one row per group (region and branch are the "
                    + "policyholder's; channel, agent, product line and layer the policy's), largest group first; "
                    + "`by=household` gives the per-household figure, the distribution of households and the top "
                    + "households. A policy is active when its status is ACTIVE.")
    @ApiResponse(responseCode = "200", description = "The figure(s)", content = @Content(schema = @Schema(oneOf = {
            Overall.class, Grouped.class, Households.class})))
    @ApiResponse(responseCode = "400", description = "Unknown `by` value (RFC 9457 problem naming the parameter)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Object contractsPerCustomer(
            @Parameter(description = "region | branch | channel | agent | product-line | layer | household")
            @RequestParam(name = "by", required = false) String by,
            @Parameter(description = "with by=household: how many households to list")
            @RequestParam(name = "top", required = false) Integer top,
            Locale locale) {
        DataScope scope = CurrentStaff.scope();
        Definition definition = definition();
        if (by == null) {
            return new Overall(definition, scope.kind(), LocalDate.now(clock), Figure.of(contractsPerCustomer.overall(scope)));
        }
        Breakdown breakdown = Breakdown.fromParameter(by)
                .orElseThrow(() -> new FieldRuleViolation("by", "metrics.by.unknown", by, Breakdown.parameters()));
        if (breakdown == Breakdown.HOUSEHOLD) {
            int limit = top == null ? settings.topHouseholds() : top;
            if (limit < 0 || limit > 10_000) {
                throw new FieldRuleViolation("top", "metrics.top.outOfRange", 10_000);
            }
            HouseholdFigures all = contractsPerCustomer.households(scope, limit);
            // analysts get households by number only, not by their members' names, and no cell of fewer than k
            // customers (docs/privacy.md section 7)
            HouseholdFigures figures = analyst() ? SmallCells.suppress(all.deidentified(), smallCells.k()) : all;
            return new Households(breakdown.parameter(), definition, scope.kind(), LocalDate.now(clock),
                    figures.households(), Figure.of(figures.overall()), figures.contractsPerHousehold(),
                    figures.distribution(), figures.top().stream().map(Row::of).toList());
        }
        List<GroupFigure> figures = contractsPerCustomer.by(breakdown, scope, locale);
        List<Row> rows = (analyst() ? SmallCells.suppress(figures, smallCells.k()) : figures).stream().map(Row::of).toList();
        return new Grouped(breakdown.parameter(), definition, scope.kind(), LocalDate.now(clock), rows);
    }

    @GetMapping("/trend")
    @Operation(summary = "Monthly trend of 客均合同",
            description = "The last `months` month ends, the running month (taken on today) included. Staff who see "
                    + "the whole book read the nightly book-wide snapshots (source SNAPSHOTS); an agent or a branch "
                    + "manager gets his own scope computed live with the same rule (source LIVE). A policy is active "
                    + "on day d when start_date <= d <= end_date and it was not terminated on or before d.")
    @ApiResponse(responseCode = "400", description = "months outside 1…snapshot-months",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    TrendResponse trend(@Parameter(description = "number of month ends, default 36")
                        @RequestParam(name = "months", required = false) Integer months) {
        int wanted = months == null ? settings.trendMonths() : months;
        if (wanted < 1 || wanted > settings.snapshotMonths()) {
            throw new FieldRuleViolation("months", "metrics.months.outOfRange", settings.snapshotMonths());
        }
        Trend trend = contractsPerCustomer.trend(wanted, CurrentStaff.scope());
        return new TrendResponse(definition(), CurrentStaff.scope().kind(), trend.source(), wanted,
                trend.points().stream().map(TrendRow::of).toList());
    }

    @PostMapping("/snapshots")
    @PreAuthorize("hasAnyRole('ADMIN','ANALYST')")
    @Operation(summary = "Refresh the month-end snapshots now",
            description = "Computes the month ends that are missing or out of date (the running month); idempotent. "
                    + "Admins and analysts only. The same job runs nightly (crm.metrics.snapshot-cron).")
    SnapshotRefreshed refresh() {
        ContractsPerCustomerSnapshots.SnapshotRun run = snapshots.refresh();
        return new SnapshotRefreshed(run.monthEnds(), run.took().toMillis(), OffsetDateTime.now(clock));
    }

    /** A parameter of the wrong type (e.g. months=abc) is a 400 naming it, not a 500. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongType(MethodArgumentTypeMismatchException e, Locale locale) {
        String message = messages.getMessage("metrics.parameter.invalid", new Object[] {e.getName()},
                "Invalid parameter " + e.getName(), locale);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setType(URI.create("urn:insurecrm:problem:invalid"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(java.util.Map.of("field", e.getName(), "message", message)));
        return problem;
    }

    private static boolean analyst() {
        return CurrentStaff.get().filter(staff -> staff.role() == io.insurecrm.platform.security.Role.ANALYST).isPresent();
    }

    private Definition definition() {
        return new Definition(messages.getMessage("metrics.definition", null, Locale.SIMPLIFIED_CHINESE),
                messages.getMessage("metrics.definition", null, Locale.ENGLISH));
    }

    @Schema(description = "The definition of 客均合同 in Chinese and English")
    record Definition(String zh, String en) {
    }

    record Figure(long activeContracts, long activeCustomers, BigDecimal ratio) {
        static Figure of(Ratio ratio) {
            return new Figure(ratio.activeContracts(), ratio.activeCustomers(), ratio.ratio());
        }
    }

    record Overall(Definition definition, DataScope.Kind scope, LocalDate asOf, Figure figure) {
    }

    @Schema(description = "One group; for analysts a group of fewer than k customers (and the second smallest when only "
            + "one is) has suppressed = true and null counts")
    record Row(String key, String label, Long activeContracts, Long activeCustomers, BigDecimal ratio, boolean suppressed) {
        static Row of(GroupFigure figure) {
            return figure.suppressed() ? new Row(figure.key(), figure.label(), null, null, null, true)
                    : new Row(figure.key(), figure.label(), figure.activeContracts(), figure.activeCustomers(), figure.ratio(), false);
        }
    }

    record Grouped(String by, Definition definition, DataScope.Kind scope, LocalDate asOf, List<Row> rows) {
    }

    record Households(String by, Definition definition, DataScope.Kind scope, LocalDate asOf,
                      @Schema(description = "households with at least one member holding an active contract") long households,
                      @Schema(description = "active contracts of those members ÷ those members") Figure figure,
                      @Schema(description = "active contracts ÷ households (户均合同)") BigDecimal contractsPerHousehold,
                      List<HouseholdFigures.Bucket> distribution, List<Row> top) {
    }

    record TrendRow(LocalDate monthEnd, LocalDate asOf, long activeContracts, long activeCustomers, BigDecimal ratio) {
        static TrendRow of(TrendPoint point) {
            return new TrendRow(point.monthEnd(), point.asOf(), point.activeContracts(), point.activeCustomers(),
                    point.ratio());
        }
    }

    record TrendResponse(Definition definition, DataScope.Kind scope, Trend.Source source, int months, List<TrendRow> points) {
    }

    record SnapshotRefreshed(List<LocalDate> monthEndsComputed, long tookMillis, OffsetDateTime at) {
    }
}
