package io.insurecrm.claim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.loyalty.LoyaltyEvaluation;
import io.insurecrm.portal.PortalClaimReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The claim page and API show what other modules attach to a claim through the claim module's SPI: loyalty's
 * photo-settlement flag and the photos the customer uploaded in the portal, within the staff member's data scope.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ClaimExtensionsWebTests {

    /** The smallest PNG: its magic bytes and an IHDR chunk, enough for the portal's check. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired LoyaltyEvaluation evaluation;
    @Autowired PortalClaimReport portalClaims;
    @Autowired Clock clock;

    long agent, gold, goldPolicy, goldClaim, silverClaim;
    LocalDate today;

    @BeforeEach
    void aGoldAndASilverMemberWithSmallHomeClaims() {
        BookFixtures book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        long home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        today = LocalDate.now(clock);
        gold = book.individual("黄金客户", agent);
        goldPolicy = book.policy(gold, home, "ACTIVE", today.minusMonths(11), today.plusMonths(1), "900");
        goldClaim = book.claim(goldPolicy, today, "4999", "REPORTED");
        long silver = book.individual("白银客户", agent);
        long silverPolicy = book.policy(silver, home, "ACTIVE", today.minusMonths(11), today.plusMonths(1), "400");
        silverClaim = book.claim(silverPolicy, today, "3000", "REPORTED");
        evaluation.evaluate(List.of(gold, silver), today);
    }

    @Test
    void aGoldMembersSmallHomeClaimIsFlaggedForPhotoSettlementInBothLanguagesAndASilverOneIsNot() throws Exception {
        mvc.perform(get("/claims/{id}", goldClaim).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-flag=\"PHOTO_SETTLEMENT\"")))
                .andExpect(content().string(containsString("可照片定损，免上门勘查（黄金会员，家财险理赔低于 5000 元）")));
        mvc.perform(get("/claims/{id}", goldClaim).param("lang", "en").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Photo settlement, no on-site survey (Gold, home claim under 5000 CNY)")));
        mvc.perform(get("/claims/{id}", silverClaim).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("PHOTO_SETTLEMENT"))))
                .andExpect(content().string(not(containsString("可照片定损"))));

        mvc.perform(get("/api/claims/{id}", goldClaim).header("Accept-Language", "en").with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.flags[0].code").value("PHOTO_SETTLEMENT"))
                .andExpect(jsonPath("$.flags[0].text").value("Photo settlement, no on-site survey (Gold, home claim under 5000 CNY)"));
        mvc.perform(get("/api/claims/{id}", silverClaim).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(jsonPath("$.flags").isEmpty());
    }

    @Test
    void aPhotoUploadedInThePortalIsShownOnTheStaffClaimPageAuditedAndHiddenOutsideTheScope() throws Exception {
        long claim = portalClaims.report(gold, goldPolicy, today.minusDays(1), new BigDecimal("1200"), "阳台漏水",
                List.of(new PortalClaimReport.Upload("漏水.png", PNG)));
        long photo = jdbc.sql("select id from portal_claim_photo where claim_id = :c").param("c", claim).query(Long.class).single();
        String href = "/claims/" + claim + "/attachments/portal/" + photo;

        mvc.perform(get("/claims/{id}", claim).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("漏水.png")))
                .andExpect(content().string(containsString("href=\"" + href + "\"")));
        mvc.perform(get("/claims/{id}", goldClaim).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("客户未上传照片")));

        mvc.perform(get(href).param("download", "true").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().bytes(PNG));
        assertThat(jdbc.sql("select count(*) from audit_event where customer_id = :c and action = 'VIEW_CUSTOMER' and reason like :r")
                .param("c", gold).param("r", "%attachment portal/" + photo).query(Integer.class).single()).isEqualTo(1);

        mvc.perform(get(href).with(Staff.agent(agent + 100_000))).andExpect(status().isNotFound());
        mvc.perform(get("/claims/{id}/attachments/portal/{photo}", goldClaim, photo).with(Staff.agent(agent)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/claims/{id}", claim).with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(jsonPath("$.attachments[0].fileName").value("漏水.png"))
                .andExpect(jsonPath("$.attachments[0].href").value("/api" + href));
        mvc.perform(get("/api" + href).with(Staff.agent(agent + 100_000))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from audit_event where customer_id = :c and reason like :r")
                .param("c", gold).param("r", "%attachment portal/" + photo).query(Integer.class).single())
                .as("refused reads are not audited as views").isEqualTo(1);
    }
}
