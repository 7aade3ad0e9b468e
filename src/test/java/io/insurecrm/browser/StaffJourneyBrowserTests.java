package io.insurecrm.browser;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.segmentation.SegmentRecompute;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff member in a real browser: signs in, searches, opens a customer's 360 page; an agent cannot open another
 * agent's customer. Screenshots in both languages go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffJourneyBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SegmentRecompute segments;

    ChromeDriver browser;
    String agentUser;
    long ownCustomer;
    long othersCustomer;
    String ownName;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("44");
        long me = book.agent(branch);
        long colleague = book.agent(branch);
        ownName = "浏览器测试" + BookFixtures.next();
        ownCustomer = book.individual(ownName, me, branch, "44", LocalDate.of(1986, 5, 20));
        othersCustomer = book.individual("他人客户" + BookFixtures.next(), colleague, branch, "44", LocalDate.of(1979, 2, 2));
        agentUser = Browser.staffUser(jdbc, "AGENT", "王代理", me);
        segments.recompute(ownCustomer);
        browser = Browser.start(1366, 900);
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    private String url(String path) {
        return Browser.url(port, path);
    }

    @Test
    void anAgentSignsInSearchesOpensHisCustomerAndCannotOpenAnothersOne() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, wait, url(""), agentUser, "nav-customers");

        browser.get(url("/customers"));
        var unfiltered = browser.findElement(By.id("customer-results"));
        browser.findElement(By.id("q")).sendKeys(ownName);
        browser.findElement(By.id("search-submit")).click();
        wait.until(Browser.gone(unfiltered));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-results a.customer-link")));
        assertThat(browser.findElements(By.cssSelector("#customer-results a.customer-link")))
                .extracting(e -> e.getText()).containsExactly(ownName);
        Browser.screenshot(browser, "customer-search-zh");

        // a segment is picked by its name from what customers have now, not typed as a code
        Select segment = new Select(browser.findElement(By.id("segment")));
        segment.selectByValue("VALUE:POTENTIAL");
        browser.findElement(By.id("q")).clear();
        var byName = browser.findElement(By.id("customer-results"));
        browser.findElement(By.id("search-submit")).click();
        wait.until(Browser.gone(byName));
        assertThat(browser.getCurrentUrl()).contains("segment=VALUE%3APOTENTIAL");
        assertThat(browser.findElements(By.cssSelector("#customer-results a.customer-link")))
                .extracting(e -> e.getText()).containsExactly(ownName);
        assertThat(new Select(browser.findElement(By.id("segment"))).getFirstSelectedOption().getText()).isEqualTo("价值分层 · 潜力");
        assertThat(browser.findElements(By.cssSelector("#segment optgroup"))).extracting(e -> e.getDomAttribute("label"))
                .contains("价值分层", "生命周期");
        Browser.screenshot(browser, "customer-search-segment-zh");
        browser.get(url("/customers?q=" + java.net.URLEncoder.encode(ownName, java.nio.charset.StandardCharsets.UTF_8)));

        var result = browser.findElement(By.cssSelector("#customer-results a.customer-link"));
        result.click();
        wait.until(Browser.gone(result));
        wait.until(ExpectedConditions.urlContains("/customers/" + ownCustomer));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(ownName);
        assertThat(Files.size(Browser.screenshot(browser, "customer-360-zh"))).isPositive();

        // the full ID number, for a reason typed (the customer consented to sensitive data)
        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                values (:c, 'SENSITIVE_DATA', true, 'PAPER_FORM', 'v1', now(), 'test')""").param("c", ownCustomer).update();
        browser.get(url("/customers/" + ownCustomer + "#consent"));
        browser.findElement(By.id("reveal-id-reason")).sendKeys("理赔核对身份");
        var reveal = browser.findElement(By.cssSelector("#reveal-id-number button"));
        reveal.click();
        wait.until(Browser.gone(reveal));
        String revealed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("revealed-id-number"))).getText();
        assertThat(revealed).hasSize(18).doesNotContain("*").startsWith("44");
        assertThat(browser.findElement(By.xpath("//*[@id='revealed-id-number']/..")).getText()).startsWith("完整证件号码");
        Browser.screenshot(browser, "customer-360-id-revealed-zh");
        assertThat(jdbc.sql("select reason from audit_event where customer_id = :c and action = 'REVEAL' order by seq desc limit 1")
                .param("c", ownCustomer).query(String.class).single()).isEqualTo("360 page: 理赔核对身份");

        browser.get(url("/customers/" + ownCustomer + "?lang=en"));
        assertThat(browser.findElement(By.id("lang-switch")).getText()).isEqualTo("中文");
        assertThat(browser.findElement(By.id("reveal-id-reason")).getAttribute("placeholder")).isEqualTo("Reason (required, audited)");
        Browser.screenshot(browser, "customer-360-en");

        browser.get(url("/customers/" + othersCustomer));
        assertThat(browser.getPageSource()).doesNotContain("他人客户");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        Browser.screenshot(browser, "customer-other-agent-en");
    }
}
