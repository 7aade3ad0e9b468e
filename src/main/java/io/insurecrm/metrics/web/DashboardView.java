package io.insurecrm.metrics.web;

import io.insurecrm.metrics.Breakdown;
import io.insurecrm.metrics.GroupFigure;
import io.insurecrm.metrics.HouseholdFigures;
import io.insurecrm.metrics.Ratio;
import io.insurecrm.metrics.Trend;
import io.insurecrm.platform.security.DataScope;
import java.time.LocalDate;
import java.util.List;

/**
 * What the dashboard shows: 客均合同 overall, per breakdown, per household and over time, for the signed-in staff
 * member's scope.
 */
public record DashboardView(DataScope scope, LocalDate today, Ratio overall, List<Section> sections,
                            HouseholdFigures households, Trend trend, boolean canRefreshSnapshots) {

    /** Rows a table shows before it refers to the CSV export. */
    static final int TABLE_ROWS = 15;

    public Section section(String parameter) {
        return sections.stream().filter(s -> s.by().parameter().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(parameter));
    }

    /**
     * One breakdown.
     *
     * @param charted drawn as a bar chart (then every row is listed, as the chart's data)
     */
    public record Section(Breakdown by, List<GroupFigure> rows, boolean charted) {

        public List<GroupFigure> shown() {
            return charted || rows.size() <= TABLE_ROWS ? rows : rows.subList(0, TABLE_ROWS);
        }

        public boolean truncated() {
            return shown().size() < rows.size();
        }
    }
}
