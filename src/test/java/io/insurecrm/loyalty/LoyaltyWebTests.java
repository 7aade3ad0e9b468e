package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The pages and the API end to end on the real context, as an agent of the member and as an analyst or admin. */
@SpringBootTest
@AutoConfigureMockMvc
class LoyaltyWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired LoyaltyEvaluation evaluation;
    @Autowired Clock clock;
    @Autowired PointsLedger points;

    long agent, gold, policy;

    @BeforeEach
    void aGoldMember() {
        BookFixtures book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        long home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        LocalDate today = LocalDate.now(clock);
        gold = book.individual("黄金会员", agent);
        policy = book.policy(gold, home, "ACTIVE", today.minusMonths(11), today.plusMonths(1), "900");
        book.claim(policy, today, "3000", "REPORTED");
        evaluation.evaluate(List.of(gold), today);
    }

    @Test
    void theDashboardRulesAndCataloguePagesRender() throws Exception {
        mvc.perform(get("/loyalty").with(Staff.analyst())).andExpect(status().isOk()).andExpect(view().name("loyalty/dashboard"))
                .andExpect(content().string(Matchers.containsString("id=\"usage-table\"")));
        mvc.perform(get("/loyalty/rules").with(Staff.analyst())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"save-rules\"")));
        mvc.perform(get("/loyalty/benefits").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("PHOTO_SETTLEMENT")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"benefit-form\""))));
    }

    @Test
    void anInvalidRuleSetIsRefusedOnSaveWithAMessageAndNothingIsSaved() throws Exception {
        int versions = jdbc.sql("select count(*) from loyalty_rule_set").query(Integer.class).single();
        mvc.perform(post("/loyalty/rules").with(Staff.admin()).with(csrf())
                        .param("years", "2", "1", "8").param("premium", "300", "800", "1500").param("points", "", "", "")
                        .param("graceDays", "60").param("downgrade", "IMMEDIATE").param("homeClass", "100")
                        .param("safetyInspection", "200").param("survey", "50").param("pointsValidMonths", "24")
                        .param("basedOnVersion", String.valueOf(activeVersion())).param("reason", "调整黄金门槛"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("高等级 GOLD 的年限 1 不高于低等级 SILVER 的 2")));
        mvc.perform(post("/api/loyalty/rules").with(Staff.admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"tiers": [{"tier": "SILVER", "minYears": 2, "premiumAbove": 300},
                                   {"tier": "GOLD", "minYears": 5, "premiumAbove": 200},
                                   {"tier": "DIAMOND", "minYears": 8, "premiumAbove": 1500}],
                         "graceDays": 60, "downgrade": "IMMEDIATE", "pointsValidMonths": 24,
                         "activityPoints": {"HOME_CLASS": 100, "SAFETY_INSPECTION": 200, "SURVEY": 50},
                         "basedOnVersion": %d, "reason": "premium thresholds"}""".formatted(activeVersion())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("loyalty.rules.easier.premium"));
        assertThat(jdbc.sql("select count(*) from loyalty_rule_set").query(Integer.class).single()).isEqualTo(versions);
    }

    private int activeVersion() {
        return jdbc.sql("select version from loyalty_rule_set where active").query(Integer.class).single();
    }

    @Test
    void theMemberPageCardAndApiShowTheTierAndRedeemOnceByRequestId() throws Exception {
        mvc.perform(get("/loyalty/members/{id}", gold).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("黄金会员")))
                .andExpect(content().string(Matchers.containsString("可照片定损")))
                .andExpect(content().string(Matchers.containsString("续保即可继续享有黄金会员")));
        mvc.perform(get("/loyalty/members/{id}/card", gold).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"loyalty-tier\"")));
        mvc.perform(get("/loyalty/members/{id}", gold).with(Staff.agent(agent + 100_000))).andExpect(status().isNotFound());
        mvc.perform(get("/api/loyalty/members/{id}", gold).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(jsonPath("$.member.tier").value("GOLD"));

        String body = "{\"benefit\": \"FIRE_SAFETY_KIT\", \"requestId\": \"web-" + BookFixtures.next() + "\"}";
        mvc.perform(post("/api/loyalty/members/{id}/redemptions", gold).with(Staff.agent(agent))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.remaining").value(0));
        mvc.perform(post("/api/loyalty/members/{id}/redemptions", gold).with(Staff.agent(agent))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.reason").value("DUPLICATE_REQUEST"));
        mvc.perform(post("/api/loyalty/members/{id}/redemptions", gold).with(Staff.agent(agent))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"benefit\": \"FIRE_SAFETY_KIT\", \"requestId\": \"web-" + BookFixtures.next() + "\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.reason").value("QUOTA_EXHAUSTED"));
        mvc.perform(get("/api/loyalty/policies/{id}/renewal-preview", policy).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(jsonPath("$.currentTier").value("GOLD"));
    }

    @Test
    void tierReasonsHistoryAndExpiredPointsReadInEnglishForAnEnglishPage() throws Exception {
        jdbc.sql("""
                insert into loyalty_points_entry (request_id, customer_id, kind, activity, points, remaining, expires_on, reason,
                                                  occurred_at, created_by)
                values (:r, :c, 'EARN', 'SURVEY', 50, 50, date '2020-01-31', 'SURVEY', now() - interval '3 years', 'test')""")
                .param("r", "old-" + BookFixtures.next()).param("c", gold).update();
        jdbc.sql("insert into loyalty_points_balance (customer_id, balance) values (:c, 50) on conflict (customer_id) do update set balance = loyalty_points_balance.balance + 50")
                .param("c", gold).update();
        points.expire(LocalDate.now(clock));

        mvc.perform(get("/loyalty/members/{id}", gold).param("lang", "en").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("annual home premium 900 &gt; 800")))
                .andExpect(content().string(Matchers.containsString("points expired (2020-01-31)")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("家财险年缴保费"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("积分到期"))));
        mvc.perform(get("/loyalty/members/{id}/card", gold).param("lang", "en").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("annual home premium 900 &gt; 800")));
        mvc.perform(get("/loyalty/members/{id}", gold).param("lang", "zh-CN").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("家财险年缴保费 900 &gt; 800")))
                .andExpect(content().string(Matchers.containsString("积分到期（2020-01-31）")));

        jdbc.sql("update loyalty_member set tier = 'SILVER' where customer_id = :c").param("c", gold).update();
        mvc.perform(post("/loyalty/members/{id}/override", gold).with(Staff.admin()).with(csrf()).param("tier", "GOLD")
                .param("reason", "VIP 客户").param("until", LocalDate.now(clock).plusMonths(1).toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/loyalty/members/{id}", gold).param("lang", "en").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("set by hand until " + LocalDate.now(clock).plusMonths(1) + ": VIP 客户")));
    }

    @Test
    void reasonsWrittenBeforeTheEnglishTextAreTranslatedByTheMigrationsFunction() {
        assertThat(jdbc.sql("select loyalty_reason_en(:r)").param("r", "累计投保 5 年 ≥ 5 年；家财险年缴保费 1,900 > 1,500")
                .query(String.class).single()).isEqualTo("5 insured years ≥ 5; annual home premium 1,900 > 1,500");
        assertThat(jdbc.sql("select loyalty_reason_en(:r)").param("r", "持有有效家财险保单（累计投保 1 年，年缴保费 200）")
                .query(String.class).single()).isEqualTo("holds an active home policy (1 insured years, annual premium 200)");
        assertThat(jdbc.sql("select loyalty_reason_en(:r)").param("r", "人工调整至 2027-01-31：VIP")
                .query(String.class).single()).isEqualTo("set by hand until 2027-01-31: VIP");
    }
}
