package io.insurecrm.browser;

import io.insurecrm.claim.ClaimManagement;
import io.insurecrm.claim.ClaimStep;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.portal.RecordingOtpSender;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer on a phone (375 x 812): signs in with the code sent to his phone, renews a policy in its window,
 * reports a claim with a photo, sees its status change after a claims handler moves it, and withdraws a consent; in
 * the member centre he sees his tier, books a water-leak inspection and sees the quota left drop, and guessing the
 * id of another member's booking shows him nothing. Screenshots go to target/screenshots (portal-*.png).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordingOtpSender codes;
    @Autowired
    ClaimManagement claims;
    @Autowired
    io.insurecrm.loyalty.LoyaltyEvaluation evaluation;
    @Autowired
    io.insurecrm.loyalty.Redemptions redemptions;

    ChromeDriver browser;
    long customer;
    long policy;
    String phone;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long agent = book.agent(branch);
        customer = book.individual("手机客户" + BookFixtures.next(), agent, branch, "33", LocalDate.of(1988, 8, 8));
        phone = jdbc.sql("select phone from customer where id = :id").param("id", customer).query(String.class).single();
        long product = book.product("家庭财产险", "Home contents", "HOME_PROPERTY", null);
        LocalDate end = LocalDate.now().plusDays(12);
        policy = book.policy(customer, product, "ACTIVE", end.minusYears(1).plusDays(1), end, "680");
        browser = Browser.start(375, 812);
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
        SecurityContextHolder.clearContext();
    }

    private String url(String path) {
        return Browser.url(port, path);
    }

    @Test
    void aCustomerOnAPhoneSignsInRenewsReportsAClaimFollowsItAndWithdrawsAConsent() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.open(browser, wait, url("/portal"), "phone").sendKeys(phone);
        Browser.screenshot(browser, "portal-login-zh");
        browser.findElement(By.id("send-code")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code"))).sendKeys(codes.lastCode(phone));
        browser.findElement(By.id("verify-code")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".policy-card")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("手机客户");
        Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("no sideways scrolling at 375 px").isLessThanOrEqualTo(375);
        Browser.screenshot(browser, "portal-home-zh");

        // one-tap renewal, premium shown before confirming
        browser.findElement(By.cssSelector(".policy-card")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("renew"))).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("renewal-premium"))).getText()).contains("680.00");
        Browser.screenshot(browser, "portal-renewal-zh");
        browser.findElement(By.id("confirm-renewal")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("renewed"))).getText()).contains("已续保");
        long renewal = jdbc.sql("select id from policy where renews_policy_id = :p").param("p", policy).query(Long.class).single();
        assertThat(browser.getCurrentUrl()).endsWith("/portal/policies/" + renewal);

        // a claim with a photo
        Path photo = Files.createTempFile("damage", ".png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        browser.get(url("/portal/claims/new?policyId=" + policy));
        browser.executeScript("document.getElementById('claim-date').value = arguments[0]", LocalDate.now().minusDays(1).toString());
        browser.findElement(By.id("claim-amount")).sendKeys("1500");
        browser.findElement(By.id("claim-description")).sendKeys("暴雨导致客厅进水，地板损坏");
        browser.findElement(By.id("claim-photos")).sendKeys(photo.toAbsolutePath().toString());
        Browser.screenshot(browser, "portal-claim-new-zh");
        browser.findElement(By.id("claim-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claim-reported")));
        assertThat(browser.findElement(By.id("claim-status")).getAttribute("data-status")).isEqualTo("REPORTED");
        assertThat(browser.findElements(By.cssSelector("#claim-photos img"))).hasSize(1);
        Boolean loaded = (Boolean) browser.executeScript(
                "const i = document.querySelector('#claim-photos img'); return i.complete && i.naturalWidth === 40");
        assertThat(loaded).isTrue();

        // a claims handler moves it on; the customer sees the new step
        long claim = jdbc.sql("select id from claim where policy_id = :p").param("p", policy).query(Long.class).single();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("handler", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        claims.assess(claim, new ClaimStep("已安排查勘"), DataScope.all());
        browser.navigate().refresh();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claim-status"))).getAttribute("data-status"))
                .isEqualTo("ASSESSING");
        assertThat(browser.getPageSource()).contains("已安排查勘");
        Browser.screenshot(browser, "portal-claim-progress-zh");

        // the consent centre
        browser.findElement(By.id("tab-consents")).click();
        var marketing = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("consent-MARKETING")));
        String before = marketing.findElement(By.cssSelector(".consent-state")).getAttribute("data-granted");
        marketing.findElement(By.cssSelector(".consent-toggle")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("consent-changed")));
        String after = browser.findElement(By.cssSelector("#consent-MARKETING .consent-state")).getAttribute("data-granted");
        assertThat(after).isNotEqualTo(before);
        Browser.screenshot(browser, "portal-consents-zh");

        browser.get(url("/portal?lang=en"));
        assertThat(browser.findElement(By.id("lang-switch")).getText()).isEqualTo("中文");
        Browser.screenshot(browser, "portal-home-en");
    }

    @Test
    void aMemberOnAPhoneSeesHisTierBooksAServiceAndTheQuotaLeftDropsButNeverSeesAnotherMembersBooking() {
        // the home policy (premium 680 > 300) makes him Silver; another Silver member has booked an inspection
        LocalDate today = LocalDate.now();
        BookFixtures book = new BookFixtures(jdbc);
        long home = book.product("家庭财产险", "Home contents", "HOME_PROPERTY", null);
        long other = book.individual("别的会员" + BookFixtures.next(), book.agent(book.branch("33")));
        book.policy(other, home, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "700");
        evaluation.evaluate(java.util.List.of(customer, other), today);
        long othersBooking = redemptions.redeem(other, "LEAK_INSPECTION", "browser-" + other,
                io.insurecrm.loyalty.Redemptions.Channel.API, "customer:" + other, "portal").id();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.open(browser, wait, url("/portal"), "phone").sendKeys(phone);
        browser.findElement(By.id("send-code")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code"))).sendKeys(codes.lastCode(phone));
        browser.findElement(By.id("verify-code")).click();
        var summary = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("member-summary")));
        assertThat(summary.getAttribute("data-tier")).isEqualTo("SILVER");
        assertThat(summary.getText()).contains("白银会员");

        summary.click();
        var tier = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("member-tier")));
        assertThat(tier.getAttribute("data-tier")).isEqualTo("SILVER");
        assertThat(browser.findElement(By.id("next-tier")).getText()).contains("黄金会员", "累计投保满 5 年", "800");
        By leak = By.cssSelector(".benefit-card[data-benefit='LEAK_INSPECTION']");
        assertThat(browser.findElement(leak).getAttribute("data-remaining")).isEqualTo("1");
        assertThat(browser.findElement(leak).getText()).contains("本期剩余 1/1 次");
        Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("no sideways scrolling at 375 px").isLessThanOrEqualTo(375);
        Browser.screenshot(browser, "portal-member-zh");

        browser.findElement(leak).findElement(By.name("note")).sendKeys("周末上午");
        browser.findElement(leak).findElement(By.cssSelector(".book-button")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("booked"))).getText()).contains("已预约免费房屋漏水检测");
        assertThat(browser.findElement(leak).getAttribute("data-remaining")).isEqualTo("0");
        assertThat(browser.findElement(leak).getText()).contains("本期剩余 0/1 次");
        assertThat(browser.findElement(leak).findElements(By.cssSelector(".book-button"))).as("nothing left to book").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#bookings li"))).hasSize(1);
        Browser.screenshot(browser, "portal-member-booked-zh");

        // guessing the other member's booking id: 404, none of his data
        browser.get(url("/api/portal/member/bookings/" + othersBooking));
        assertThat(browser.getPageSource()).contains("404").doesNotContain("LEAK_INSPECTION").doesNotContain("别的会员");
        browser.get(url("/api/portal/member"));
        assertThat(browser.getPageSource()).contains("\"tier\":\"SILVER\"").doesNotContain("别的会员")
                .doesNotContain("\"id\":" + othersBooking + ",");
    }
}
