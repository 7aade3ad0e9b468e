package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.segmentation.ClusterNamingRule;
import io.insurecrm.segmentation.ClusterNamingRules;
import io.insurecrm.segmentation.ClusterRun;
import io.insurecrm.segmentation.NeedClusters;
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
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An analyst in a real browser edits the cluster naming rule on /segments/clusters: a bad min |z| is refused naming the
 * field, then the preview (htmx, nothing saved) lists the current clusters named now and under one trait per name — in
 * Chinese, then in English —, and the save makes the next version, listed with its reason. Screenshots go to
 * target/screenshots. The seed values are saved again afterwards.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClusterNamingBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NeedClusters clusters;
    @Autowired
    ClusterNamingRules naming;

    ChromeDriver browser;
    WebDriverWait wait;
    String analystUser;
    ClusterRun run;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        LocalDate today = LocalDate.now();
        long critical = book.product("浏览器命名重疾险", "Browser naming CI", "CRITICAL_ILLNESS", "ADVANCED");
        for (int i = 0; i < 20; i++) {
            long customer = book.individual("浏览器命名" + BookFixtures.next(), today.minusYears(24 + 2 * i), i % 2 == 0, "33", agent);
            if (i % 2 == 0) {
                book.policy(customer, critical, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "6000");
            }
            jdbc.sql("""
                            insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                            values (:c, 'ANALYTICS', true, 'PAPER_FORM', 'test', now(), 'test')""")
                    .param("c", customer).update();
        }
        jdbc.sql("update need_cluster_run set status = 'FAILED', error = 'browser test' where status = 'RUNNING'").update();
        run = clusters.runNow(3, "browser test");
        analystUser = Browser.staffUser(jdbc, "ANALYST", "孙分析", null);
        browser = Browser.start(1366, 2400);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
        ClusterNamingRule active = naming.active();
        if (active.minZ() != 0.5 || active.traits() != 2 || active.maxTraits() != 4) {
            Staff.signInOnThread(Role.ADMIN, null, null);
            try {
                naming.save(new ClusterNamingRule.Proposal(0.5, 2, 4), "browser test: the seed values again", active.version(), "test");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void anAnalystPreviewsANewNamingInBothLanguagesAndSavesItAsTheNextVersion() {
        int before = naming.active().version();
        Browser.signIn(browser, wait, Browser.url(port, ""), analystUser, "nav-clusters");

        Browser.open(browser, wait, Browser.url(port, "/segments/clusters?lang=zh-CN"), "cluster-naming-form");
        type("cluster-naming-minZ", "9");
        browser.findElement(By.id("cluster-naming-preview")).click();
        WebElement problems = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cluster-naming-problems")));
        assertThat(problems.getText()).contains("聚类命名规则：“最小 |z|”为 9，须在 0.1 至 3 之间");

        type("cluster-naming-minZ", "0.1");
        type("cluster-naming-traits", "1");
        type("cluster-naming-maxTraits", "6");
        WebElement result = browser.findElement(By.id("cluster-naming-result"));
        browser.findElement(By.id("cluster-naming-preview")).click();
        wait.until(Browser.gone(result));
        WebElement names = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cluster-naming-names")));
        List<WebElement> rows = names.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".name-proposed")).getText())
                .isNotBlank().doesNotContain("segmentation."));
        assertThat(browser.findElement(By.id("cluster-naming-changed")).getText()).contains("当前运行 #" + run.id());
        Browser.screenshotAt(browser, "cluster-naming", "cluster-naming-preview-zh");
        assertThat(naming.active().version()).as("a preview saves nothing").isEqualTo(before);

        Browser.open(browser, wait, Browser.url(port, "/segments/clusters?lang=en"), "cluster-naming-form");
        type("cluster-naming-minZ", "0.1");
        type("cluster-naming-traits", "1");
        type("cluster-naming-maxTraits", "6");
        result = browser.findElement(By.id("cluster-naming-result"));
        browser.findElement(By.id("cluster-naming-preview")).click();
        wait.until(Browser.gone(result));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cluster-naming-names")));
        assertThat(browser.findElement(By.id("cluster-naming-changed")).getText())
                .contains("Current run #" + run.id(), "clusters would be renamed under the proposal");
        Browser.screenshotAt(browser, "cluster-naming", "cluster-naming-preview-en");

        type("cluster-naming-reason", "browser test: one trait per name");
        browser.findElement(By.id("cluster-naming-save")).click();
        WebElement saved = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cluster-naming-saved")));
        assertThat(saved.getText()).contains("version " + (before + 1));
        assertThat(browser.findElement(By.cssSelector("#cluster-naming-versions tr[data-version='" + (before + 1) + "']")).getText())
                .contains("browser test: one trait per name", "0.1");
        assertThat(naming.active().traits()).isEqualTo(1);
    }
}
