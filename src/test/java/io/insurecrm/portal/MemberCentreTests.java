package io.insurecrm.portal;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.loyalty.Activity;
import io.insurecrm.loyalty.LoyaltyEvaluation;
import io.insurecrm.loyalty.PointsLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The member centre (issue 9 item 5) through the portal, on committed rows: a Silver member (one year of home cover,
 * premium 400) sees his tier, what Gold needs (5 years or premium above 800: 5 years or 400 to go), his benefits with
 * what is left and his points ledger; booking a water-leak inspection redeems it once per request id and opens a
 * task for his agent; a second booking in the year is refused with the reason in his language and writes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MemberCentreTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordingOtpSender codes;
    @Autowired
    LoyaltyEvaluation evaluation;
    @Autowired
    PointsLedger points;
    @Autowired
    Clock clock;

    PortalFixture fixture;
    long home;

    @BeforeEach
    void book() {
        fixture = new PortalFixture(jdbc);
        home = fixture.book.product("门户家财险", "Portal home", "HOME_PROPERTY", null);
    }

    /** A member with one active home policy at the given annual premium, evaluated today. */
    long member(String name, String premium) {
        long customer = fixture.customer(name);
        LocalDate today = LocalDate.now(clock);
        fixture.book.policy(customer, home, "ACTIVE", today.minusMonths(1), today.plusMonths(11), premium);
        evaluation.evaluate(List.of(customer), today);
        return customer;
    }

    @Test
    void showsTierWhatTheNextTierNeedsBenefitsLeftAndThePointsLedger() throws Exception {
        long silver = member("白银会员客户", "400");
        points.earn(silver, Activity.HOME_CLASS, "class-" + BookFixtures.next(), "agent", null);
        MockHttpSession session = PortalFixture.signIn(mvc, codes, fixture.phone(silver));

        String home = body(mvc.perform(get("/portal").session(session)).andReturn().getResponse(), 200);
        assertThat(home).contains("id=\"member-summary\"", "data-tier=\"SILVER\"", "白银会员", "100 积分", "/portal/member");

        String page = body(mvc.perform(get("/portal/member").session(session)).andReturn().getResponse(), 200);
        assertThat(page).contains("data-tier=\"SILVER\"", "升级为黄金会员", "满足以下任一条件即可",
                "累计投保满 5 年（还差 5 年）", "家财险年保费超过 800 元（还差 400 元）",
                "免费房屋漏水检测", "本期剩余 1/1 次", "+100", "参加家庭防护课堂");
        assertThat(page).as("a Gold-only benefit is not his").doesNotContain("data-benefit=\"FIRE_SAFETY_KIT\"");

        String json = body(mvc.perform(get("/api/portal/member").session(session)).andReturn().getResponse(), 200);
        assertThat(json).contains("\"tier\":\"SILVER\"", "\"pointsBalance\":100", "\"yearsToGo\":5", "\"premiumToGo\":400.00");
    }

    @Test
    void bookingRedeemsOncePerRequestOpensATaskAndARefusalWritesNothing() throws Exception {
        long silver = member("预约客户", "400");
        MockHttpSession session = PortalFixture.signIn(mvc, codes, fixture.phone(silver));
        String token = "tok-" + BookFixtures.next() + "-leak-inspection";

        for (int tap = 0; tap < 2; tap++) {
            var response = mvc.perform(post("/portal/member/bookings").session(session).with(csrf())
                    .param("benefit", "LEAK_INSPECTION").param("requestId", token).param("note", "周六上午")).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).isEqualTo("/portal/member");
        }
        assertThat(count("select count(*) from loyalty_redemption where customer_id = :c and benefit_code = 'LEAK_INSPECTION'", silver))
                .as("two taps, one redemption").isEqualTo(1);
        assertThat(count("select used from loyalty_entitlement where customer_id = :c and benefit_code = 'LEAK_INSPECTION'", silver))
                .isEqualTo(1);
        assertThat(count("select count(*) from engagement_task where customer_id = :c and kind = 'PORTAL_REQUEST' and reason like '%漏水检测（周六上午）'", silver))
                .isEqualTo(1);
        String page = body(mvc.perform(get("/portal/member").session(session)).andReturn().getResponse(), 200);
        assertThat(page).contains("本期剩余 0/1 次").doesNotContain("data-benefit=\"LEAK_INSPECTION\" data-remaining=\"1\"");

        // the year's quota is used: refused in his words, nothing written
        var refused = mvc.perform(post("/portal/member/bookings").session(session).with(csrf())
                .param("benefit", "LEAK_INSPECTION").param("requestId", "tok-" + BookFixtures.next() + "-again")).andReturn().getResponse();
        assertThat(body(refused, 409)).contains("本期的免费房屋漏水检测已用完（每期 1 次）");
        assertThat(count("select count(*) from loyalty_redemption where customer_id = :c", silver)).isEqualTo(1);
        assertThat(count("select count(*) from engagement_task where customer_id = :c and kind = 'PORTAL_REQUEST'", silver)).isEqualTo(1);

        // bad input: a benefit that is no service, a bad request id, a note too long
        assertThat(body(mvc.perform(post("/portal/member/bookings").session(session).with(csrf())
                .param("benefit", "PHOTO_SETTLEMENT").param("requestId", "tok-" + BookFixtures.next())).andReturn().getResponse(), 409))
                .contains("小额理赔照片定损免上门勘查不能在线预约");
        assertThat(body(mvc.perform(post("/portal/member/bookings").session(session).with(csrf())
                .param("benefit", "APPLIANCE_CLEANING").param("requestId", "x")).andReturn().getResponse(), 400))
                .contains("预约请求无效");
        assertThat(body(mvc.perform(post("/portal/member/bookings").session(session).with(csrf())
                .param("benefit", "APPLIANCE_CLEANING").param("requestId", "tok-" + BookFixtures.next())
                .param("note", "长".repeat(201))).andReturn().getResponse(), 400))
                .contains("备注最多 200 字（现有 201 字）");
        assertThat(count("select count(*) from loyalty_redemption where customer_id = :c", silver)).isEqualTo(1);
    }

    @Test
    void theApiBooksIdempotentlyAndRefusesInTheCustomersLanguage() throws Exception {
        long silver = member("接口客户", "400");
        long basic = member("基础客户", "100");
        MockHttpSession session = PortalFixture.signIn(mvc, codes, fixture.phone(silver));
        String body = "{\"benefit\": \"APPLIANCE_CLEANING\", \"requestId\": \"api-" + BookFixtures.next() + "\"}";

        var first = mvc.perform(post("/api/portal/member/bookings").session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(body(first, 201)).contains("\"remaining\":1", "\"repeated\":false");
        var again = mvc.perform(post("/api/portal/member/bookings").session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(body(again, 200)).contains("\"repeated\":true");
        assertThat(count("select used from loyalty_entitlement where customer_id = :c and benefit_code = 'APPLIANCE_CLEANING'", silver))
                .isEqualTo(1);
        String id = first.getHeader("Location").substring(first.getHeader("Location").lastIndexOf('/') + 1);
        assertThat(body(mvc.perform(get("/api/portal/member/bookings/" + id).session(session)).andReturn().getResponse(), 200))
                .contains("\"benefitCode\":\"APPLIANCE_CLEANING\"");

        // a Basic member is not entitled: 409 with the reason in English when he asks in English
        MockHttpSession basicSession = PortalFixture.signIn(mvc, codes, fixture.phone(basic));
        var notEntitled = mvc.perform(post("/api/portal/member/bookings").session(basicSession).with(csrf())
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .content("{\"benefit\": \"LEAK_INSPECTION\", \"requestId\": \"api-" + BookFixtures.next() + "\"}")).andReturn().getResponse();
        assertThat(body(notEntitled, 409)).contains("\"reason\":\"NOT_ENTITLED\"",
                "Your tier (Basic member) does not include Free water-leak inspection");
        // and never sees the other member's booking, nor touches it with the same request id
        assertThat(mvc.perform(get("/api/portal/member/bookings/" + id).session(basicSession)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        mvc.perform(post("/api/portal/member/bookings").session(basicSession).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
        assertThat(count("select count(*) from loyalty_redemption where customer_id = :c", basic)).isZero();
        assertThat(count("select used from loyalty_entitlement where customer_id = :c and benefit_code = 'APPLIANCE_CLEANING'", silver))
                .isEqualTo(1);
    }

    @Test
    void goldMembersSeeWhetherThePhotoFastTrackAppliesOthersDoNotSeeTheLine() throws Exception {
        LocalDate today = LocalDate.now(clock);
        long gold = fixture.customer("黄金会员客户");
        long goldPolicy = fixture.book.policy(gold, home, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "900");
        evaluation.evaluate(List.of(gold), today);
        long small = fixture.book.claim(goldPolicy, today.minusDays(1), "900", "REPORTED");
        long large = fixture.book.claim(goldPolicy, today.minusDays(1), "9000", "REPORTED");
        long silver = member("白银理赔客户", "400");
        long silverPolicy = jdbc.sql("select id from policy where holder_id = :c").param("c", silver).query(Long.class).single();
        long silverClaim = fixture.book.claim(silverPolicy, today.minusDays(1), "900", "REPORTED");

        MockHttpSession goldSession = PortalFixture.signIn(mvc, codes, fixture.phone(gold));
        assertThat(body(mvc.perform(get("/portal/claims/" + small).session(goldSession)).andReturn().getResponse(), 200))
                .contains("id=\"fast-track\"", "data-applies=\"true\"", "本案适用照片快速定损，无需上门勘查");
        assertThat(body(mvc.perform(get("/portal/claims/" + large).session(goldSession)).andReturn().getResponse(), 200))
                .contains("data-applies=\"false\"", "本案不适用照片快速定损");
        assertThat(body(mvc.perform(get("/portal").session(goldSession)).andReturn().getResponse(), 200))
                .contains("class=\"fast-track\" data-applies=\"true\"", "class=\"fast-track\" data-applies=\"false\"");
        assertThat(body(mvc.perform(get("/api/portal/home").session(goldSession)).andReturn().getResponse(), 200))
                .contains("\"photoFastTrack\":[" + small + "]");

        MockHttpSession silverSession = PortalFixture.signIn(mvc, codes, fixture.phone(silver));
        assertThat(body(mvc.perform(get("/portal/claims/" + silverClaim).session(silverSession)).andReturn().getResponse(), 200))
                .doesNotContain("fast-track", "照片快速定损");
        assertThat(body(mvc.perform(get("/portal").session(silverSession)).andReturn().getResponse(), 200))
                .doesNotContain("fast-track");
        assertThat(body(mvc.perform(get("/api/portal/home").session(silverSession)).andReturn().getResponse(), 200))
                .contains("\"photoFastTrack\":null");
    }

    private int count(String sql, long customer) {
        return jdbc.sql(sql).param("c", customer).query(Integer.class).single();
    }

    private static String body(MockHttpServletResponse response, int status) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        return body;
    }
}
