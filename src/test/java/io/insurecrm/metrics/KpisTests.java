package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

/**
 * The key figures on a hand-made book of one agent over [2026-01-01, 2026-07-01). All roll back.
 * <pre>
 * a  P1 2025-03-01..2026-03-01 (3,650) renewed by P2 2026-03-01..2027-03-01 (3,650); a claim on P2 paid 1,000 (04-01);
 *    survey 10; a referral on 2026-05-01
 * b  P3 2025-02-01..2026-02-01 (1,000) expired, not renewed; survey 5
 * c  P4 2025-06-01..2026-06-01 lapsed on 2025-09-01; survey 8
 * </pre>
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class KpisTests {

    static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 7, 1);

    @Autowired JdbcClient jdbc;
    @Autowired Kpis kpis;
    @Autowired MockMvc mvc;

    long agent;
    DataScope mine;
    long customerA;
    long customerB;

    @BeforeEach
    void book() {
        BookFixtures book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        mine = DataScope.ownBook(agent);
        long product = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        long a = book.individual("a", agent);
        long b = book.individual("b", agent);
        long c = book.individual("c", agent);
        customerA = a;
        customerB = b;
        jdbc.sql("update customer set created_at = timestamptz '2025-01-01 00:00+08' where agent_id = :a").param("a", agent).update();
        long p1 = book.policy(a, a, product, "EXPIRED", LocalDate.of(2025, 3, 1), LocalDate.of(2026, 3, 1), "3650", null);
        long p2 = book.policy(a, a, product, "ACTIVE", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1), "3650", p1);
        book.policy(b, product, "EXPIRED", LocalDate.of(2025, 2, 1), LocalDate.of(2026, 2, 1), "1000");
        book.policy(c, product, "LAPSED", LocalDate.of(2025, 6, 1), LocalDate.of(2026, 6, 1), "2000");
        book.claim(p2, LocalDate.of(2026, 4, 1), "1000", "REPORTED", "ASSESSING", "APPROVED", "PAID");
        survey(book, a, 10);
        survey(book, b, 5);
        survey(book, c, 8);
        book.interaction(a, "REFERRAL", BookFixtures.at("2026-05-01T10:00:00"), null);
    }

    void survey(BookFixtures book, long customer, int score) {
        long id = book.interaction(customer, "SURVEY", BookFixtures.at("2026-03-15T10:00:00"), null);
        jdbc.sql("update interaction set nps_score = :s where id = :id").param("s", score).param("id", id).update();
    }

    BigDecimal total(Kpi kpi) {
        List<KpiFigure> figures = kpis.figures(kpi, KpiGroup.TOTAL, FROM, TO, mine, false);
        assertThat(figures).hasSize(1);
        return figures.get(0).value();
    }

    @Test
    void everyFigureFollowsItsDefinition() {
        assertThat(total(Kpi.RENEWAL_RATE)).isEqualByComparingTo("50.00");
        assertThat(total(Kpi.RETENTION)).isEqualByComparingTo("50.00");
        assertThat(total(Kpi.CHURN)).isEqualByComparingTo("50.00");
        assertThat(total(Kpi.CLAIM_FREQUENCY)).isEqualByComparingTo("0.3333");
        assertThat(total(Kpi.LOSS_RATIO)).isEqualByComparingTo("52.77");   // 1,000 ÷ (590 + 1,220 + 84.93)
        assertThat(total(Kpi.NPS)).isEqualByComparingTo("0.00");          // 1 promoter, 1 detractor of 3
        assertThat(total(Kpi.SATISFACTION)).isEqualByComparingTo("66.67");
        assertThat(total(Kpi.REFERRAL_RATE)).isEqualByComparingTo("33.33");
    }

    @Test
    void brokenDownByRegionAndByMonth() {
        assertThat(kpis.figures(Kpi.RENEWAL_RATE, KpiGroup.REGION, FROM, TO, mine, false))
                .extracting(KpiFigure::key, KpiFigure::label).containsExactly(org.assertj.core.groups.Tuple.tuple("33", "浙江省"));
        List<KpiFigure> months = kpis.figures(Kpi.RENEWAL_RATE, KpiGroup.PERIOD, FROM, TO, mine, false);
        assertThat(months).extracting(KpiFigure::key).containsExactly("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06");
        assertThat(months.get(1).value()).isEqualByComparingTo("0.00");
        assertThat(months.get(2).value()).isEqualByComparingTo("100.00");
        assertThat(months.get(0).value()).isNull();
    }

    @Test
    void aBreakdownTheFigureHasNotIsRefused() {
        assertThatThrownBy(() -> kpis.figures(Kpi.NPS, KpiGroup.CHANNEL, FROM, TO, mine, false))
                .isInstanceOf(FieldRuleViolation.class);
        assertThatThrownBy(() -> kpis.figures(Kpi.NPS, KpiGroup.TOTAL, TO, FROM, mine, false))
                .isInstanceOf(FieldRuleViolation.class);
    }

    @Test
    void pageApiAndCsvShowTheFiguresWithTheirDefinitions() throws Exception {
        mvc.perform(get("/metrics/kpis").param("by", "channel").param("from", "2026-01-01").param("to", "2026-07-01")
                        .with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("续保率 = 期间内到期")))
                .andExpect(content().string(Matchers.containsString("id=\"kpi-table-LOSS_RATIO\"")))
                .andExpect(content().string(Matchers.containsString("NPS不能按渠道分组")))
                // counts without decimals, amounts with two
                .andExpect(content().string(Matchers.containsString("<td class=\"num\">2</td>")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<td class=\"num\">2.00</td>"))))
                .andExpect(content().string(Matchers.containsString("<td class=\"num\">1,000.00</td>")));
        mvc.perform(get("/api/metrics/kpis").param("kpi", "LOSS_RATIO").param("by", "product-line")
                        .param("from", "2026-01-01").param("to", "2026-07-01").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.definition").value(Matchers.startsWith("Loss ratio = claims paid")))
                .andExpect(jsonPath("$.figures[0].key").value("MEDICAL"))
                .andExpect(jsonPath("$.figures[0].value").value(52.77));
        mvc.perform(get("/api/metrics/kpis").param("kpi", "NPS").param("by", "channel")
                        .param("from", "2026-01-01").param("to", "2026-07-01").with(Staff.agent(agent)))
                .andExpect(status().isBadRequest());
        String csv = mvc.perform(get("/metrics/kpis.csv").param("kpi", "RETENTION").param("by", "total")
                        .param("from", "2026-01-01").param("to", "2026-07-01").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // the total keeps its key and is named in the language
        assertThat(csv).contains("ALL,合计").contains("50.00");
    }

    @Test
    void bySegmentOfAnyDimensionAsOnThePeriodsLastDayFromTheHistory() throws Exception {
        long a = customerA;
        long b = customerB;
        // a: young single until 2026-05-01, then a new family; b: young single throughout; c never placed
        place(a, "YOUNG_SINGLE", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 5, 1));
        place(a, "NEW_FAMILY", LocalDate.of(2026, 5, 1), null);
        place(b, "YOUNG_SINGLE", LocalDate.of(2025, 1, 1), null);

        // renewals: a's P1 renewed (ends 03-01), b's P3 not (ends 02-01); c's P4 lapsed before the period
        assertThat(kpis.figures(Kpi.RENEWAL_RATE, KpiGroup.SEGMENT, "LIFE_STAGE", FROM, TO, mine, false, 0))
                .extracting(KpiFigure::key, KpiFigure::label, f -> f.value().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEW_FAMILY", "新婚/新家庭", "100.00"),
                        org.assertj.core.groups.Tuple.tuple("YOUNG_SINGLE", "单身青年", "0.00"));
        // up to 2026-04-01 a was still a young single on the last day
        assertThat(kpis.figures(Kpi.RENEWAL_RATE, KpiGroup.SEGMENT, "life-stage", FROM, LocalDate.of(2026, 4, 1), mine, true, 0))
                .extracting(KpiFigure::key, KpiFigure::label, f -> f.value().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("YOUNG_SINGLE", "Young single", "50.00"));
        // satisfaction counts every respondent: c, never placed, is UNPLACED
        assertThat(kpis.figures(Kpi.SATISFACTION, KpiGroup.SEGMENT, "LIFE_STAGE", FROM, TO, mine, false, 0))
                .extracting(KpiFigure::key, KpiFigure::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEW_FAMILY", "新婚/新家庭"),
                        org.assertj.core.groups.Tuple.tuple("UNPLACED", "未分层"),
                        org.assertj.core.groups.Tuple.tuple("YOUNG_SINGLE", "单身青年"));
        // VALUE when no dimension is named: nobody has a VALUE placement here
        assertThat(kpis.figures(Kpi.SATISFACTION, KpiGroup.SEGMENT, FROM, TO, mine, false))
                .extracting(KpiFigure::key).containsExactly("UNPLACED");
        assertThatThrownBy(() -> kpis.figures(Kpi.SATISFACTION, KpiGroup.SEGMENT, "HOBBY", FROM, TO, mine, false, 0))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("dimension"));

        mvc.perform(get("/metrics/kpis").param("by", "segment").param("dimension", "LIFE_STAGE").param("from", "2026-01-01")
                        .param("to", "2026-07-01").with(Staff.agent(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<option value=\"LIFE_STAGE\" selected=\"selected\">生命周期</option>")))
                .andExpect(content().string(Matchers.containsString("按期末最后一天所在的分层分组")))
                .andExpect(content().string(Matchers.containsString("data-label=\"新婚/新家庭\"")))
                .andExpect(content().string(Matchers.containsString("dimension=LIFE_STAGE")));
        mvc.perform(get("/api/metrics/kpis").param("kpi", "RENEWAL_RATE").param("by", "segment").param("dimension", "LIFE_STAGE")
                        .param("from", "2026-01-01").param("to", "2026-07-01").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dimension").value("LIFE_STAGE"))
                .andExpect(jsonPath("$.figures[0].label").value("New family"));
        mvc.perform(get("/api/metrics/kpis").param("kpi", "RENEWAL_RATE").param("by", "segment").param("dimension", "HOBBY")
                        .param("from", "2026-01-01").param("to", "2026-07-01").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dimension"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.startsWith("Unknown segment dimension \"HOBBY\"")));
        var csv = mvc.perform(get("/metrics/kpis.csv").param("kpi", "RENEWAL_RATE").param("by", "segment")
                        .param("dimension", "LIFE_STAGE").param("from", "2026-01-01").param("to", "2026-07-01")
                        .with(Staff.agent(agent)))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(csv.getHeader("Content-Disposition")).contains("renewal_rate-by-segment-life_stage.csv");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).contains("NEW_FAMILY").contains("100.00");
    }

    private void place(long customer, String segment, LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason_key, reason_args,
                                                       valid_from, valid_to)
                        select :c, 'LIFE_STAGE', :s, id, 'test', '[]'::jsonb, :from, :to
                          from segment_rule_set where dimension = 'LIFE_STAGE' and active""")
                .param("c", customer).param("s", segment).param("from", from).param("to", to).update();
    }
}
