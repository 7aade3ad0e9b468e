package io.insurecrm.segmentation;

import static io.insurecrm.fixtures.BookFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BEHAVIOUR (RFM), RISK and DYNAMIC placements with their reasons (key + arguments, rendered in both languages), on a
 * hand-made book of one agent on 2026-06-01 (region 33 = TYPHOON_COAST). Every test rolls back.
 * <pre>
 * customer  what he has                                                            BEHAVIOUR  DYNAMIC      RISK
 * active    policy 2026-03-01 (25,000), calls 05-20 and 05-25                      ACTIVE     POTENTIAL    LOW, no consent
 * dormant   policy 2024-01-01..2025-01-01 expired, never renewed                   CHURNED    CHURN_RISK   LOW
 * never     nothing                                                                CHURNED    POTENTIAL    LOW
 * loyal     4 policies each renewing the one before, the last 2026-01-01 (3,000)    POTENTIAL  LOYAL        LOW
 * fading    4 calls 2025-07..10, 1 call 2026-04-01                                 ACTIVE     CHURN_RISK   LOW
 * builder   corporate 建筑业, property policy, 2 property claims in 2025            …          …            HIGH (3+2+2)
 * patient   consent to sensitive data, medical policy, 3 claims                    …          …            MEDIUM (3)
 * private   the same, consent withdrawn                                            …          …            LOW, no consent
 * </pre>
 */
@SpringBootTest
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
@Transactional
class SegmentDimensionsTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @Autowired JdbcClient jdbc;
    @Autowired SegmentRecompute recompute;
    @Autowired SegmentQueries queries;
    @Autowired SegmentRules rules;
    @Autowired MessageSource messages;
    @Autowired PlatformTransactionManager transactions;

    BookFixtures book;
    long agent, medical, home, active, dormant, never, loyal, fading, builder, patient, privateOne;
    DataScope mine;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        mine = DataScope.ownBook(agent);
        medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        home = book.product("家财险", "Home", "HOME_PROPERTY", null);

        active = book.individual("active", agent);
        book.policy(active, medical, "ACTIVE", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1), "25000");
        book.interaction(active, "CONSULTATION", at("2026-05-20T10:00:00"), null);
        book.interaction(active, "CONSULTATION", at("2026-05-25T10:00:00"), null);

        dormant = book.individual("dormant", agent);
        book.policy(dormant, medical, "EXPIRED", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), "5000");

        never = book.individual("never", agent);

        loyal = book.individual("loyal", agent);
        Long previous = null;
        for (int year = 2023; year <= 2026; year++) {
            previous = book.policy(loyal, loyal, medical, year == 2026 ? "ACTIVE" : "EXPIRED", LocalDate.of(year, 1, 1),
                    LocalDate.of(year + 1, 1, 1), "3000", previous);
        }

        fading = book.individual("fading", agent);
        for (int month = 7; month <= 10; month++) {
            book.interaction(fading, "CONSULTATION", at("2025-%02d-15T10:00:00".formatted(month)), null);
        }
        book.interaction(fading, "CONSULTATION", at("2026-04-01T10:00:00"), null);

        builder = book.corporate("建设公司", "33", agent);
        jdbc.sql("update customer set industry = '建筑业' where id = :id").param("id", builder).update();
        long property = book.policy(builder, home, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "8000");
        book.claim(property, LocalDate.of(2025, 8, 1), "20000", "REPORTED");
        book.claim(property, LocalDate.of(2025, 9, 1), "30000", "REPORTED");

        patient = sick("patient", true);
        privateOne = sick("private", false);
    }

    long sick(String name, boolean stillConsents) {
        long id = book.individual(name, agent);
        long policy = book.policy(id, medical, "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "1000");
        for (int month = 1; month <= 3; month++) {
            book.claim(policy, LocalDate.of(2026, month, 10), "1000", "REPORTED");
        }
        consent(id, true, "2026-01-01T00:00:00Z");
        if (!stillConsents) {
            consent(id, false, "2026-02-01T00:00:00Z");
        }
        return id;
    }

    void consent(long customer, boolean granted, String at) {
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:c, 'SENSITIVE_DATA', :g, 'PAPER_FORM', 'v1', cast(:at as timestamptz), 'test')""")
                .param("c", customer).param("g", granted).param("at", at).update();
    }

    /** customer → "SEGMENT | reason in the language" for the dimension on the day. */
    Map<Long, String> placed(Dimension dimension, java.util.Locale locale) {
        return jdbc.sql("select id from customer where agent_id = :agent")
                .param("agent", agent).query(Long.class).list().stream()
                .flatMap(id -> queries.placementsOn(id, DAY, mine).stream())
                .filter(p -> p.dimension() == dimension)
                .collect(Collectors.toMap(Placement::customerId, p -> p.segment() + " | "
                        + messages.getMessage(p.reasonKey(), p.reasonArgs().toArray(), locale)));
    }

    @Test
    void behaviourFromRecencyFrequencyAndMonetary() {
        recompute.recomputeAll(DAY);

        assertThat(placed(Dimension.BEHAVIOUR, java.util.Locale.SIMPLIFIED_CHINESE))
                .containsEntry(active, "ACTIVE | R5：最近一次互动或保单事件 2026-05-25；F3：12 个月内互动和新保单 3 次；M4：年缴保费 25,000")
                .containsEntry(dormant, "CHURNED | R1：最近一次互动或保单事件 2025-01-01；F1：12 个月内互动和新保单 0 次；M1：年缴保费 0")
                .containsEntry(never, "CHURNED | R1：没有互动或保单事件；F1：12 个月内互动和新保单 0 次；M1：年缴保费 0")
                .containsEntry(loyal, "POTENTIAL | R3：最近一次互动或保单事件 2026-01-01；F2：12 个月内互动和新保单 1 次；M2：年缴保费 3,000")
                .containsEntry(fading, "ACTIVE | R4：最近一次互动或保单事件 2026-04-01；F4：12 个月内互动和新保单 5 次；M1：年缴保费 0")
                .hasSize(8);
        assertThat(placed(Dimension.BEHAVIOUR, java.util.Locale.ENGLISH)).containsEntry(active,
                "ACTIVE | R5: last interaction or policy event 2026-05-25; F3: 3 interactions and new policies in 12 months; M4: annual premium 25,000");
    }

    @Test
    void dynamicLayerFromRenewalsLapsesAndContact() {
        recompute.recomputeAll(DAY);

        assertThat(placed(Dimension.DYNAMIC, java.util.Locale.SIMPLIFIED_CHINESE))
                .containsEntry(active, "POTENTIAL | 24 个月内续保 0 次，无断保，联系未减少")
                .containsEntry(dormant, "CHURN_RISK | 24 个月内有 1 张保单断保、退保或到期未续保")
                .containsEntry(loyal, "LOYAL | 24 个月内续保 2 次，无断保")
                .containsEntry(fading, "CHURN_RISK | 联系减少：此前 6 个月 4 次互动，近 6 个月仅 1 次");
    }

    @Test
    void riskCountsHealthClaimsOnlyWithConsent() {
        recompute.recomputeAll(DAY);

        assertThat(placed(Dimension.RISK, java.util.Locale.SIMPLIFIED_CHINESE))
                .containsEntry(builder, "RISK_HIGH | 风险分 7：行业 3，所在地区气候暴露 2，财产险理赔 2；未授权使用敏感数据，健康险理赔未计入")
                .containsEntry(patient, "RISK_MEDIUM | 风险分 3：行业 0，所在地区气候暴露 0，财产险理赔 0，健康险理赔 3")
                .containsEntry(privateOne, "RISK_LOW | 风险分 0：行业 0，所在地区气候暴露 0，财产险理赔 0；未授权使用敏感数据，健康险理赔未计入")
                .containsEntry(active, "RISK_LOW | 风险分 0：行业 0，所在地区气候暴露 0，财产险理赔 0；未授权使用敏感数据，健康险理赔未计入");
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void aNewBehaviourVersionReplacesTheCutPoints() {
        recompute.recomputeAll(DAY);
        Map<String, Object> stricter = new java.util.HashMap<>(rules.active(Dimension.BEHAVIOUR).rules());
        stricter.put("frequency", List.of(2, 4, 8, 16));

        RuleSet saved = rules.saveRules(Dimension.BEHAVIOUR, stricter, "analyst1", RuleNotes.onActive(rules, Dimension.BEHAVIOUR));
        recompute.recomputeAll(DAY.plusDays(1));

        assertThat(queries.placementsOn(active, DAY.plusDays(1), mine)).filteredOn(p -> p.dimension() == Dimension.BEHAVIOUR)
                .singleElement().satisfies(p -> {
                    // 3 interactions and policies now score F2, below ACTIVE's minF 3
                    assertThat(p.segment()).isEqualTo("POTENTIAL");
                    assertThat(p.reasonArgs()).containsExactly("5", "2026-05-25", "2", "3", "4", "25,000", "12");
                    assertThat(p.ruleVersion()).isEqualTo(saved.version());
                });
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void invalidRulesAreRefusedWithWhatIsWrong() {
        Map<String, Object> bad = new java.util.HashMap<>(rules.active(Dimension.RISK).rules());
        bad.put("colour", "red");
        bad.put("levels", List.of(Map.of("segment", "RISK_LOW", "from", 0, "to", 3),
                Map.of("segment", "RISK_HIGH", "from", 2)));

        assertThatThrownBy(() -> rules.saveRules(Dimension.RISK, bad, "analyst1", RuleNotes.onActive(rules, Dimension.RISK)))
                .isInstanceOf(InvalidSegmentRules.class)
                .extracting(e -> ((InvalidSegmentRules) e).problems().stream().map(RuleProblem::code).toList())
                .isEqualTo(List.of("segmentation.rules.unknownField", "segmentation.rules.overlap"));
    }

    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void theMigrationPageRendersTheMatrixBetweenTwoDays() throws Exception {
        recompute.recomputeAll(DAY);
        book.interaction(never, "CONSULTATION", at("2026-06-01T09:00:00"), null);   // never: CHURNED → ACTIVE? R5 F2 → POTENTIAL
        recompute.recomputeAll(DAY.plusDays(1));

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/segments/migration")
                        .param("dimension", "BEHAVIOUR").param("from", DAY.toString()).param("to", DAY.plusDays(1).toString())
                        .with(io.insurecrm.fixtures.Staff.agent(agent)).locale(java.util.Locale.SIMPLIFIED_CHINESE))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("2026-06-01 → 2026-06-02：1 / 8 位客户改变了分层")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("data-from=\"CHURNED\" data-to=\"POTENTIAL\">1<")));
    }

    @Test
    void aFailedRunLeavesThePreviousPlacements() {
        recompute.recomputeAll(DAY);
        List<Map<String, Object>> before = jdbc.sql("select * from segment_placement order by id").query().listOfRows();
        jdbc.sql("update segment_rule_set set rules = jsonb_set(rules, '{claimYears}', '\"x\"') where dimension = 'RISK' and active")
                .update();
        book.interaction(never, "CONSULTATION", at("2026-06-01T09:00:00"), null);

        TransactionTemplate nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        assertThatThrownBy(() -> nested.executeWithoutResult(s -> recompute.recomputeAll(DAY.plusDays(1))))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);

        assertThat(jdbc.sql("select * from segment_placement order by id").query().listOfRows()).isEqualTo(before);
    }
}
