package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.loyalty.LoyaltyEvaluation;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An agent in a real browser opens the loyalty dashboard and his Gold customer's member card on the 360 page, redeems
 * a benefit on the member page and sees its remaining quota drop on the card — in Chinese, then in English.
 * Screenshots go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoyaltyBrowserTests {

    static final String BENEFIT = "APPLIANCE_REPAIR";   // quota 4 a year for Silver and above

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoyaltyEvaluation evaluation;
    @Autowired
    Clock clock;

    ChromeDriver browser;
    WebDriverWait wait;
    String agentUser;
    long gold;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long me = book.agent(branch);
        long home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        LocalDate today = LocalDate.now(clock);
        gold = book.individual("黄金会员" + BookFixtures.next(), me, branch, "33", LocalDate.of(1980, 8, 8));
        book.policy(gold, home, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "900");
        evaluation.evaluate(List.of(gold), today);
        agentUser = Browser.staffUser(jdbc, "AGENT", "王代理", me);
        browser = Browser.start(1366, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    @Test
    void anAgentSeesTheDashboardAndRedeemsAGoldMembersBenefitInChineseAndEnglish() {
        Browser.signIn(browser, wait, Browser.url(port, ""), agentUser, "nav-customers");

        journey("zh-CN", "黄金会员", "剩余 4/4", "剩余 3/4", "已使用权益 " + BENEFIT);
        // the Chinese run used one: the English card starts where it left off
        journey("en", "Gold", "3/4 left", "2/4 left", "Benefit " + BENEFIT + " redeemed");
    }

    /** Dashboard, 360 card, redemption on the member page, the card again; the quota starts at {@code before}. */
    private void journey(String lang, String tierLabel, String before, String after, String notice) {
        String suffix = lang.equals("en") ? "en" : "zh";
        Browser.open(browser, wait, Browser.url(port, "/loyalty?lang=" + lang), "tier-table");
        assertThat(browser.findElement(By.id("usage-table")).getText()).isNotBlank();
        Browser.screenshot(browser, "loyalty-dashboard-" + suffix);

        assertThat(cardQuota()).isEqualTo(before);
        assertThat(browser.findElement(By.id("loyalty-tier")).getText()).isEqualTo(tierLabel);
        Browser.screenshot(browser, "loyalty-card-before-" + suffix);

        browser.findElement(By.id("loyalty-member-link")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#entitlements tr[data-benefit='" + BENEFIT + "']")));
        row.findElement(By.cssSelector("button.redeem")).click();
        wait.until(Browser.gone(row));
        WebElement shown = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(shown.getText()).isEqualTo(notice);
        Browser.screenshot(browser, "loyalty-member-redeemed-" + suffix);

        assertThat(cardQuota()).isEqualTo(after);
        Browser.screenshot(browser, "loyalty-card-after-" + suffix);
    }

    /** Opens the customer's 360 page and reads the benefit's remaining quota off the member card loaded by htmx. */
    private String cardQuota() {
        browser.get(Browser.url(port, "/customers/" + gold));
        WebElement quota = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#loyalty-card li[data-benefit='" + BENEFIT + "'] .left")));
        return quota.getText();
    }
}
