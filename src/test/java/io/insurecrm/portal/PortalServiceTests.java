package io.insurecrm.portal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** E-policies, one-tap renewal, claims with photos, the consent centre and the data copy, through the portal's web layer. */
@SpringBootTest
@AutoConfigureMockMvc
class PortalServiceTests {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.platform.crypto.FieldCipher cipher;
    @Autowired
    RecordingOtpSender codes;
    @Autowired
    PortalBook book;

    PortalFixture fixture;
    long customer;
    MockHttpSession session;

    @BeforeEach
    void signedIn() throws Exception {
        fixture = new PortalFixture(jdbc);
        customer = fixture.customer("门户客户");
        session = PortalFixture.signIn(mvc, codes, fixture.phone(customer));
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theHomeInOneStatementHasExactlyTheRowsAndOrderOfThePolicyAndClaimListsOneByOne() {
        LocalDate today = LocalDate.now();
        long spouse = fixture.customer("配偶");
        long other = fixture.customer("他人");
        long own = fixture.policyDueForRenewal(customer);
        long forSpouse = fixture.book.policy(customer, spouse, fixture.product, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "300", null);
        long insuringMe = fixture.book.policy(other, customer, fixture.product, "ACTIVE", today.minusMonths(3), today.plusMonths(9), "500", null);
        long notMine = fixture.policyNotDue(other);
        long renewal = fixture.book.policy(customer, customer, fixture.product, "ACTIVE", today.plusDays(11),
                today.plusYears(1).plusDays(10), "1200", own);
        long onOwn = fixture.book.claim(own, today.minusDays(5), "100", "REPORTED");
        long bySpouse = fixture.book.claim(forSpouse, today.minusDays(4), "200", "REPORTED", "ASSESSING");
        jdbc.sql("update claim set customer_id = :s where id = :c").param("s", spouse).param("c", bySpouse).update();
        long myClaimOnOthers = fixture.book.claim(insuringMe, today.minusDays(3), "300", "REPORTED");
        jdbc.sql("update claim set customer_id = :me where id = :c").param("me", customer).param("c", myClaimOnOthers).update();
        long othersClaim = fixture.book.claim(insuringMe, today.minusDays(2), "400", "REPORTED");
        long notMineClaim = fixture.book.claim(notMine, today.minusDays(1), "500", "REPORTED");

        PortalBook.PortalHome home = book.home(customer);

        assertThat(home.policies()).isEqualTo(book.policies(customer));
        assertThat(home.claims()).isEqualTo(book.claims(customer));
        assertThat(home.policies()).extracting(PortalPolicy::id).containsExactly(renewal, forSpouse, insuringMe, own);
        assertThat(home.policies()).filteredOn(p -> p.id() == own).extracting(PortalPolicy::renewedById).containsExactly(renewal);
        assertThat(home.claims()).extracting(PortalClaim::id).containsExactly(myClaimOnOthers, bySpouse, onOwn)
                .doesNotContain(othersClaim, notMineClaim);
        assertThat(home.member().tier()).isEqualTo(io.insurecrm.loyalty.Tier.NONE);
        assertThat(home.photoFastTrack()).as("not shown below Gold").isNull();
    }

    @Test
    void aPolicyInItsWindowIsRenewedOnceWhateverTheNumberOfTaps() throws Exception {
        long policy = fixture.policyDueForRenewal(customer);
        String confirm = body(mvc.perform(get("/portal/policies/" + policy + "/renewal").session(session)).andReturn());
        assertThat(confirm).contains("CNY 1,200.00").contains("确认续保");
        MvcResult first = mvc.perform(post("/portal/policies/" + policy + "/renewal").session(session).with(csrf())).andReturn();
        MvcResult second = mvc.perform(post("/portal/policies/" + policy + "/renewal").session(session).with(csrf())).andReturn();
        long renewal = jdbc.sql("select id from policy where renews_policy_id = :p").param("p", policy).query(Long.class).single();
        assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/portal/policies/" + renewal);
        assertThat(second.getResponse().getRedirectedUrl()).isEqualTo("/portal/policies/" + renewal);
        var next = jdbc.sql("select start_date, holder_id, annual_premium from policy where id = :id").param("id", renewal)
                .query((rs, n) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBigDecimal(3)}).single();
        LocalDate oldEnd = jdbc.sql("select end_date from policy where id = :id").param("id", policy).query(LocalDate.class).single();
        assertThat(next[0]).isEqualTo(oldEnd.plusDays(1));
        assertThat(next[1]).isEqualTo(customer);
        assertThat(((java.math.BigDecimal) next[2])).isEqualByComparingTo("1200");
    }

    @Test
    void aRenewalOutsideTheWindowIsRefusedWithTheWindowNamed() throws Exception {
        long policy = fixture.policyNotDue(customer);
        MvcResult refused = mvc.perform(post("/portal/policies/" + policy + "/renewal").session(session).with(csrf())).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(refused)).contains("当前不在续保期内");
        assertThat(jdbc.sql("select count(*) from policy where renews_policy_id = :p").param("p", policy).query(Integer.class).single())
                .isZero();
    }

    @Test
    void theEPolicyShowsTheFamilysPoliciesAndDownloadsAsPdf() throws Exception {
        long child = fixture.customer("门户子女");
        long forChild = fixture.book.policy(customer, child, fixture.product, "ACTIVE", LocalDate.now().minusMonths(2),
                LocalDate.now().plusMonths(10), "300", null);
        String home = body(mvc.perform(get("/portal").session(session)).andReturn());
        assertThat(home).contains(fixture.book.policyNumber(forChild)).contains("为家人 门户子女");
        MvcResult document = mvc.perform(get("/portal/policies/" + forChild + "/document").session(session)).andReturn();
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))) {
            assertThat(document.getResponse().getContentType()).isEqualTo("application/pdf");
            byte[] pdf = document.getResponse().getContentAsByteArray();
            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            try (var loaded = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(loaded))
                        .contains(fixture.book.policyNumber(forChild)).contains("门户子女").contains("电子保单");
            }
        } else {
            assertThat(body(document)).contains("请使用浏览器打印本页");
        }
    }

    @Test
    void aClaimWithAPhotoIsReportedAndFollowedAsStaffMoveIt() throws Exception {
        long policy = fixture.policyDueForRenewal(customer);
        MvcResult reported = mvc.perform(multipart("/portal/claims").file(new MockMultipartFile("photos", "damage.png", "image/png", PNG))
                .session(session).with(csrf()).param("policyId", String.valueOf(policy))
                .param("incidentDate", LocalDate.now().minusDays(1).toString()).param("amount", "520.50")
                .param("description", "厨房水管爆裂")).andReturn();
        long claim = jdbc.sql("select id from claim where policy_id = :p").param("p", policy).query(Long.class).single();
        assertThat(reported.getResponse().getRedirectedUrl()).isEqualTo("/portal/claims/" + claim + "?reported");
        String page = body(mvc.perform(get("/portal/claims/" + claim).session(session)).andReturn());
        assertThat(page).contains("已报案").contains("厨房水管爆裂").contains("/photos/");
        long photo = jdbc.sql("select id from portal_claim_photo where claim_id = :c").param("c", claim).query(Long.class).single();
        MvcResult image = mvc.perform(get("/portal/claims/" + claim + "/photos/" + photo).session(session)).andReturn();
        assertThat(image.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(image.getResponse().getContentAsByteArray()).isEqualTo(PNG);

        jdbc.sql("update claim set status = 'ASSESSING' where id = :c").param("c", claim).update();
        jdbc.sql("insert into claim_status_change (claim_id, seq, status, changed_at, note) values (:c, 2, 'ASSESSING', now(), '已受理')")
                .param("c", claim).update();
        assertThat(body(mvc.perform(get("/portal/claims/" + claim).session(session)).andReturn()))
                .contains("data-status=\"ASSESSING\"").contains("已受理");
    }

    @Test
    void aNonImageOrOversizedPhotoIsRefusedAndNoClaimIsWritten() throws Exception {
        long policy = fixture.policyDueForRenewal(customer);
        MvcResult text = mvc.perform(multipart("/portal/claims")
                .file(new MockMultipartFile("photos", "invoice.png", "image/png", "this is no image at all".getBytes()))
                .session(session).with(csrf()).param("policyId", String.valueOf(policy))
                .param("incidentDate", LocalDate.now().minusDays(1).toString()).param("amount", "100")).andReturn();
        assertThat(body(text)).contains("照片: 文件 invoice.png 不是JPG、PNG或WebP图片");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        MvcResult large = mvc.perform(multipart("/portal/claims").file(new MockMultipartFile("photos", "big.png", "image/png", big))
                .session(session).with(csrf()).param("policyId", String.valueOf(policy))
                .param("incidentDate", LocalDate.now().minusDays(1).toString()).param("amount", "100")).andReturn();
        assertThat(body(large)).contains("照片 big.png 超过 5 MB");
        MvcResult early = mvc.perform(multipart("/portal/claims").session(session).with(csrf()).param("policyId", String.valueOf(policy))
                .param("incidentDate", LocalDate.now().minusYears(3).toString()).param("amount", "100")).andReturn();
        assertThat(body(early)).contains("出险日期: ");
        assertThat(jdbc.sql("select count(*) from claim where policy_id = :p").param("p", policy).query(Integer.class).single()).isZero();
    }

    @Test
    void aConsentChangeTakesEffectAtOnceAndTheDataCopyHoldsOnlyMyData() throws Exception {
        assertThat(body(mvc.perform(get("/portal/consents").session(session)).andReturn())).contains("我们会通过短信");
        mvc.perform(post("/portal/consents").session(session).with(csrf()).param("purpose", "MARKETING").param("granted", "true"));
        assertThat(latest("MARKETING")).isTrue();
        mvc.perform(post("/portal/consents").session(session).with(csrf()).param("purpose", "MARKETING").param("granted", "false"));
        assertThat(latest("MARKETING")).isFalse();
        // recorded as the customer himself, not as system; the audit names him and the portal channel
        assertThat(jdbc.sql("select distinct recorded_by || ' ' || source || ' ' || notice_version from consent where customer_id = :c")
                .param("c", customer).query(String.class).list()).containsExactly("customer:" + customer + " PORTAL portal-2026-12");
        assertThat(jdbc.sql("""
                        select actor || ' ' || actor_role || ' ' || reason from audit_event
                         where customer_id = :c and action = 'CONSENT_CHANGE' order by seq""")
                .param("c", customer).query(String.class).list()).containsExactly(
                "customer:" + customer + " CUSTOMER granted via PORTAL (portal), notice portal-2026-12",
                "customer:" + customer + " CUSTOMER withdrawn via PORTAL (portal), notice portal-2026-12");
        MvcResult service = mvc.perform(post("/portal/consents").session(session).with(csrf()).param("purpose", "SERVICE")
                .param("granted", "false")).andReturn();
        assertThat(service.getResponse().getStatus()).isEqualTo(409);

        long other = fixture.customer("别人");
        fixture.policyNotDue(other);
        long mine = fixture.policyNotDue(customer);
        // the ID number is stored encrypted (ADR 0004); the copy of my own data holds it decrypted
        String clearId = jdbc.sql("select id_number from customer where id = :id").param("id", customer).query(String.class).single();
        jdbc.sql("update customer set id_number = :v where id = :id").param("v", cipher.seal(clearId)).param("id", customer).update();
        MvcResult copy = mvc.perform(get("/api/portal/my-data").session(session)).andReturn();
        assertThat(copy.getResponse().getHeader("Content-Disposition")).contains("my-data.json");
        assertThat(body(copy)).contains("门户客户").contains(fixture.book.policyNumber(mine)).contains("MARKETING")
                .contains(clearId).doesNotContain("v1:").doesNotContain("别人");
    }

    @Test
    void theAssistantAnswersWithTheSourceClauseRefusesTenThousandCharactersAndOffersACallback() throws Exception {
        fixture.policyNotDue(customer);
        String answer = body(mvc.perform(post("/portal/assistant").session(session).with(csrf())
                .param("question", "百万医疗险的免赔额是多少")).andReturn());
        assertThat(answer).contains("data-source=\"MED-1\"").contains("门户医疗险");
        String tooLong = body(mvc.perform(post("/portal/assistant").session(session).with(csrf())
                .param("question", "理".repeat(10_000))).andReturn());
        assertThat(tooLong).contains("问题最多 500 字，您输入了 10,000 字");
        String offTopic = body(mvc.perform(post("/portal/assistant").session(session).with(csrf())
                .param("question", "今天北京天气怎么样？")).andReturn());
        assertThat(offTopic).contains("request-callback");
        mvc.perform(post("/portal/assistant/callback").session(session).with(csrf()).param("question", "今天北京天气怎么样？"));
        assertThat(jdbc.sql("select count(*) from portal_callback_request where customer_id = :c and kind = 'QUESTION'")
                .param("c", customer).query(Integer.class).single()).isEqualTo(1);
        // the request is a task in the agent's queue too
        assertThat(jdbc.sql("select reason from engagement_task where customer_id = :c and kind = 'PORTAL_REQUEST' and status = 'OPEN'")
                .param("c", customer).query(String.class).list()).singleElement().asString().contains("今天北京天气怎么样");
        // staff see it on the callbacks page, which names the customer: a read audited like any customer list
        String page = body(mvc.perform(get("/portal-admin/callbacks").with(io.insurecrm.fixtures.Staff.admin())).andReturn());
        assertThat(page).contains("今天北京天气怎么样");
        assertThat(jdbc.sql("""
                        select count(*) from audit_listing l join audit_event e on e.seq = l.seq
                         where l.customer_id = :c and e.action = 'LIST_CUSTOMERS' and e.reason like 'portal callback requests%'""")
                .param("c", customer).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void contactDetailsAreUpdatedAndAFamilyMemberJoinsTheHousehold() throws Exception {
        String phone = io.insurecrm.fixtures.BookFixtures.mobile();
        mvc.perform(post("/portal/profile/contact").session(session).with(csrf()).param("phone", phone).param("city", "宁波"));
        assertThat(jdbc.sql("select phone || ' ' || city from customer where id = :c").param("c", customer).query(String.class).single())
                .isEqualTo(phone + " 宁波");
        String bad = body(mvc.perform(post("/portal/profile/contact").session(session).with(csrf()).param("phone", "123")
                .param("city", "宁波")).andReturn());
        assertThat(bad).contains("联系电话");
        String idNumber = io.insurecrm.fixtures.BookFixtures.idNumber("33", LocalDate.of(2015, 6, 1), false);
        mvc.perform(post("/portal/profile/family").session(session).with(csrf()).param("name", "门户女儿")
                .param("idNumber", idNumber).param("relationship", "CHILD"));
        assertThat(jdbc.sql("""
                        select count(*) from household_member m join household_member me on me.household_id = m.household_id
                          join customer c on c.id = m.customer_id
                         where me.customer_id = :c and c.name = '门户女儿' and m.relationship = 'CHILD'""")
                .param("c", customer).query(Integer.class).single()).isEqualTo(1);
        String badId = body(mvc.perform(post("/portal/profile/family").session(session).with(csrf()).param("name", "错号")
                .param("idNumber", "330101199901011234").param("relationship", "CHILD")).andReturn());
        assertThat(badId).contains("身份证号");
        assertThat(jdbc.sql("select count(*) from customer where name = '错号'").query(Integer.class).single()).isZero();
    }

    @Test
    void healthReadingsNeedSensitiveConsentAndARunOfAbnormalOnesAsksForOneCareCall() throws Exception {
        String refused = body(mvc.perform(post("/portal/health").session(session).with(csrf()).param("systolic", "150")
                .param("diastolic", "95")).andReturn());
        assertThat(refused).contains("需要您先在“隐私”页面同意处理敏感个人信息");
        assertThat(jdbc.sql("select count(*) from portal_blood_pressure where customer_id = :c").param("c", customer)
                .query(Integer.class).single()).isZero();
        mvc.perform(post("/portal/consents").session(session).with(csrf()).param("purpose", "SENSITIVE_DATA").param("granted", "true"));
        for (String[] reading : new String[][] {{"150", "95"}, {"118", "76"}, {"152", "96"}, {"149", "92"}, {"160", "100"}, {"155", "99"}}) {
            mvc.perform(post("/portal/health").session(session).with(csrf()).param("systolic", reading[0]).param("diastolic", reading[1]));
        }
        assertThat(jdbc.sql("select count(*) from portal_blood_pressure where customer_id = :c").param("c", customer)
                .query(Integer.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from portal_callback_request where customer_id = :c and kind = 'CARE'")
                .param("c", customer).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from engagement_task where customer_id = :c and kind = 'FOLLOW_UP' and status = 'OPEN'")
                .param("c", customer).query(Integer.class).single()).isEqualTo(1);
        // health data at rest: every reading sealed (AES-GCM envelope), no value in the clear, not in the callback either
        assertThat(jdbc.sql("select reading from portal_blood_pressure where customer_id = :c").param("c", customer)
                .query(String.class).list()).hasSize(6).allSatisfy(stored -> assertThat(stored)
                        .startsWith("v1:" + cipher.activeKeyId() + ":").doesNotContain("150").doesNotContain("/95"));
        assertThat(jdbc.sql("select subject || ' ' || detail from portal_callback_request where customer_id = :c").param("c", customer)
                .query(String.class).single()).doesNotContain("155").doesNotContain("99");
        // opened on the page (newest first) and in the copy of his own data, abnormal decided after opening
        String page = body(mvc.perform(get("/portal/health").session(session)).andReturn());
        assertThat(page).contains("155/99 mmHg", "118/76 mmHg");
        assertThat(page.indexOf("155/99")).isLessThan(page.indexOf("118/76"));
        String copy = body(mvc.perform(get("/api/portal/my-data").session(session)).andReturn());
        assertThat(copy).contains("\"systolic\":118").contains("\"diastolic\":76").doesNotContain("v1:");
        String range = body(mvc.perform(post("/portal/health").session(session).with(csrf()).param("systolic", "20")
                .param("diastolic", "10")).andReturn());
        assertThat(range).contains("数值应在 50 到 300 之间");
    }

    private boolean latest(String purpose) {
        return jdbc.sql("select granted from consent where customer_id = :c and purpose = :p order by recorded_at desc, id desc limit 1")
                .param("c", customer).param("p", purpose).query(Boolean.class).single();
    }
}
