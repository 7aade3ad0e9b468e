package io.insurecrm.metrics.web;

import io.insurecrm.metrics.Kpi;
import io.insurecrm.metrics.KpiFigure;
import io.insurecrm.metrics.KpiGroup;
import io.insurecrm.metrics.Kpis;
import io.insurecrm.platform.disclosure.SmallCellRule;
import io.insurecrm.platform.security.CurrentStaff;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The key figures over the API, each with its definition in the caller's language. */
@RestController
class KpiApi {

    private final Kpis kpis;
    private final MessageSource messages;
    private final SmallCellRule smallCells;

    KpiApi(Kpis kpis, MessageSource messages, SmallCellRule smallCells) {
        this.kpis = kpis;
        this.messages = messages;
        this.smallCells = smallCells;
    }

    /**
     * @param smallCellK for analysts, k: a figure of a group of fewer than k customers (and the next smallest when it
     *                   is the only one) has suppressed = true and null numerator, denominator and value; null for others
     */
    record KpiResult(Kpi kpi, String definition, KpiGroup by,
                     @Schema(description = "by=segment: the dimension grouped by, else null") String dimension,
                     LocalDate from, LocalDate to, List<KpiFigure> figures,
                     @Schema(description = "analysts only: groups of fewer than this many customers are withheld "
                             + "(suppressed = true, figures null; docs/privacy.md section 7)") Integer smallCellK) {
    }

    @GetMapping("/api/metrics/kpis")
    @Operation(summary = "A key figure (RENEWAL_RATE, NPS, REFERRAL_RATE, CLAIM_FREQUENCY, LOSS_RATIO, RETENTION, CHURN, "
            + "SATISFACTION) over [from, to) by total, segment, region, branch, channel, product-line or period (months)")
    @ApiResponse(responseCode = "400", description = "Unknown breakdown, one the figure has not, or an empty period")
    KpiResult figures(@RequestParam("kpi") Kpi kpi, @RequestParam(name = "by", required = false) String by,
                      @RequestParam(name = "dimension", required = false)
                      @io.swagger.v3.oas.annotations.Parameter(description = "by=segment: the dimension (VALUE, LIFE_STAGE, "
                              + "BEHAVIOUR, RISK, DYNAMIC; VALUE when absent), the segment on the period's last day") String dimension,
                      @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale) {
        KpiGroup group = KpiPages.group(by);
        int k = smallCells.threshold();
        return new KpiResult(kpi, messages.getMessage("metrics.kpi." + kpi.name() + ".definition", null, locale), group,
                group == KpiGroup.SEGMENT ? Kpis.segmentDimension(dimension) : null, from,
                to, kpis.figures(kpi, group, dimension, from, to, CurrentStaff.scope(), "en".equals(locale.getLanguage()), k),
                k > 0 ? k : null);
    }
}
