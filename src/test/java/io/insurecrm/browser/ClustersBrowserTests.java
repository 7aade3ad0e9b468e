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
 * An analyst in a real browser starts a need-cluster run with k = 3 on /segments/clusters, watches it end (htmx polls
 * the progress and reloads the page), and sees the named clusters, the two Chart.js charts drawn, the profile table
 * and the schedule of runs with its next time — in Chinese, then in English. Screenshots go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClustersBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ChromeDriver browser;
    WebDriverWait wait;
    String analystUser;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        LocalDate today = LocalDate.now();
        long critical = book.product("浏览器重疾险", "Browser CI", "CRITICAL_ILLNESS", "ADVANCED");
        long care = book.product("浏览器护理险", "Browser care", "LONG_TERM_CARE", "WEALTH");
        for (int i = 0; i < 30; i++) {
            long customer = book.individual("浏览器聚类" + BookFixtures.next(), today.minusYears(25 + 2 * i), i % 2 == 0, "33", agent);
            if (i % 3 == 0) {
                book.policy(customer, critical, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "6000");
            } else if (i % 3 == 1) {
                book.policy(customer, care, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "15000");
            }
            jdbc.sql("""
                            insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                            values (:c, 'ANALYTICS', true, 'PAPER_FORM', 'test', now(), 'test')""")
                    .param("c", customer).update();
        }
        jdbc.sql("update need_cluster_run set status = 'FAILED', error = 'browser test' where status = 'RUNNING'").update();
        analystUser = Browser.staffUser(jdbc, "ANALYST", "赵分析", null);
        browser = Browser.start(1366, 1400);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    @Test
    void anAnalystRunsClustersAndSeesThemNamedAndCharted() {
        Browser.signIn(browser, wait, Browser.url(port, ""), analystUser, "nav-clusters");

        WebElement k = Browser.open(browser, wait, Browser.url(port, "/segments/clusters?lang=zh-CN"), "cluster-k");
        k.clear();
        k.sendKeys("3");
        browser.findElement(By.id("cluster-run")).click();
        Browser.awaitRunEnded(wait, "cluster-started");
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters-table")));
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".cluster-name")).getText()).isNotBlank());
        assertThat(browser.findElement(By.cssSelector("#cluster-runs tbody tr")).getAttribute("data-status")).isEqualTo("FINISHED");
        Browser.awaitCharted(browser, wait, "clusters-sizes");
        Browser.awaitCharted(browser, wait, "clusters-profile");
        assertThat(browser.findElement(By.id("clusters-profile-table")).getText()).contains("年龄", "重疾险");
        assertThat(browser.getPageSource()).doesNotContain("浏览器聚类");
        assertThat(browser.findElement(By.id("cluster-schedule-next")).getText())
                .contains("定时运行：每周日 04:00（Asia/Shanghai），k 按轮廓系数选择；下次运行 ");
        Browser.screenshot(browser, "clusters-zh");

        Browser.open(browser, wait, Browser.url(port, "/segments/clusters?lang=en"), "clusters-table");
        Browser.awaitCharted(browser, wait, "clusters-profile");
        assertThat(browser.findElement(By.id("cluster-run-summary")).getText()).contains("3 clusters");
        assertThat(browser.findElement(By.id("clusters-profile-table")).getText()).contains("Age", "Critical illness");
        assertThat(browser.findElement(By.id("cluster-schedule-next")).getText())
                .contains("Scheduled runs: every Sunday at 04:00 (Asia/Shanghai), k chosen by the silhouette; next run ");
        Browser.screenshot(browser, "clusters-en");
    }
}
