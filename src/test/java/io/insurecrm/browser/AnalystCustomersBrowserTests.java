package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
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
 * An analyst in a real browser opens the pseudonymised customer list from the navigation, filters it to a region and
 * age band, and sees pseudonyms and bands but no name — in Chinese, then in English. Screenshots go to
 * target/screenshots (analyst-customers-zh, analyst-customers-en).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalystCustomersBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.metrics.AnalystModel model;

    ChromeDriver browser;
    WebDriverWait wait;
    String analystUser;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("45"));
        LocalDate today = LocalDate.now();
        long medical = book.product("浏览器医疗险", "Browser medical", "MEDICAL", "BASIC");
        for (int i = 0; i < 6; i++) {
            long customer = book.individual("假名浏览器客户" + i, LocalDate.of(today.getYear() - 55, 3, 1 + i), false, "45", agent);
            for (int p = 0; p < i % 3; p++) {
                book.policy(customer, medical, "ACTIVE", today.minusMonths(2 + p), today.plusMonths(10), "3000");
            }
            jdbc.sql("""
                            insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                            values (:c, 'ANALYTICS', true, 'PAPER_FORM', 'test', now(), 'test')""")
                    .param("c", customer).update();
        }
        // the list reads the stored model: rebuilt over the book as it now is
        model.rebuildNow(io.insurecrm.metrics.ModelBuild.Trigger.MANUAL, "browser test book", "test");
        analystUser = Browser.staffUser(jdbc, "ANALYST", "钱分析", null);
        browser = Browser.start(1500, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    @Test
    void anAnalystFiltersThePseudonymisedListAndSeesNoName() {
        Browser.signIn(browser, wait, Browser.url(port, ""), analystUser, "nav-analytics-customers");
        Browser.open(browser, wait, Browser.url(port, "/analytics/customers?lang=zh-CN"), "analytics-filter");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("region"))).selectByValue("45");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("ageBand"))).selectByValue("50-59");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sort"))).selectByValue("policies");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("direction"))).selectByValue("desc");
        browser.findElement(By.id("analytics-submit")).click();
        wait.until(ExpectedConditions.urlContains("region=45"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#analytics-customers tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6);
        assertThat(rows.get(0).findElement(By.cssSelector("td.mono")).getText()).matches("P-[A-Z2-9]{16}");
        assertThat(rows.get(0).getText()).contains("50-59", "广西");
        assertThat(browser.findElement(By.id("analytics-left-out")).getText()).contains("未同意“数据分析”用途未列出");
        assertThat(browser.getPageSource()).doesNotContain("假名浏览器客户");
        Browser.screenshot(browser, "analyst-customers-zh");

        Browser.open(browser, wait, Browser.url(port, "/analytics/customers?region=45&ageBand=50-59&sort=policies&direction=desc&lang=en"), "analytics-customers");
        assertThat(browser.findElement(By.id("analytics-left-out")).getText()).contains("left out for want of ANALYTICS consent");
        assertThat(browser.findElement(By.id("analytics-customers")).getText()).contains("Pseudonym", "Age band", "Guangxi");
        Browser.screenshot(browser, "analyst-customers-en");
    }
}
