package io.insurecrm.browser;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.AuditAction;
import io.insurecrm.privacy.AuditActor;
import io.insurecrm.privacy.AuditQuery;
import io.insurecrm.privacy.ChainLockHeld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compliance officer in a real browser searches the audit trail while an import's rows are recorded but not yet
 * chained (the audit writer held off by the chain's lock): they are listed above the chained rows, marked 待入链 /
 * pending, with the count of pending rows — in Chinese, then in English; once chained they are in the results table.
 * Screenshots go to target/screenshots (audit-pending-zh, audit-pending-en).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditPendingBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccessAudit audit;
    @Autowired
    PlatformTransactionManager transactions;

    ChromeDriver browser;
    WebDriverWait wait;
    String complianceUser;

    @BeforeEach
    void setUp() {
        complianceUser = Browser.staffUser(jdbc, "COMPLIANCE", "孙合规", null);
        browser = Browser.start(1500, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    @Test
    void aComplianceOfficerSeesAnImportsRowsPendingUntilTheyAreChained() throws Exception {
        String importer = BookFixtures.unique("browserimport");
        // signed in first: nothing that records an access may run while the chain's lock is held
        Browser.signIn(browser, wait, Browser.url(port, ""), complianceUser, "nav-audit");
        try (ChainLockHeld lock = new ChainLockHeld(transactions, jdbc)) {
            new TransactionTemplate(transactions).executeWithoutResult(status -> audit.recordForCustomers(
                    new AuditActor(importer, "ADMIN", "10.0.0.7"), AuditAction.IMPORT,
                    List.of(new AccessAudit.CustomerFields(981, List.of("phone"), null),
                            new AccessAudit.CustomerFields(982, List.of("phone", "city"), "updated")),
                    "import job 10 (浏览器.csv, CUSTOMER), chunk 1"));

            Browser.open(browser, wait, Browser.url(port, "/audit?lang=zh-CN&actor=" + importer), "audit-pending");
            assertThat(browser.findElement(By.id("audit-pending-count")).getText()).contains("2 条记录已记录但尚未写入哈希链");
            List<WebElement> pending = browser.findElements(By.cssSelector("#audit-pending-rows tbody tr"));
            assertThat(pending).hasSize(2);
            assertThat(pending).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("待入链"));
            assertThat(pending.get(0).getText()).contains("982", "import job 10 (浏览器.csv, CUSTOMER), chunk 1: updated");
            assertThat(pending.get(1).getText()).contains("981");
            assertThat(browser.findElement(By.id("audit-results")).getText()).contains("没有符合条件的记录");
            // the pager counts the chained rows and says the pending ones are besides them
            assertThat(browser.findElement(By.cssSelector(".pager")).getText()).contains("共 0 条", "另有 2 条待入链");
            Browser.screenshot(browser, "audit-pending-zh");

            Browser.open(browser, wait, Browser.url(port, "/audit?lang=en&actor=" + importer), "audit-pending");
            assertThat(browser.findElement(By.id("audit-pending-count")).getText())
                    .contains("2 rows are recorded but not yet in the hash chain");
            assertThat(browser.findElements(By.cssSelector("#audit-pending-rows tbody tr .badge")))
                    .extracting(WebElement::getText).containsExactly("pending", "pending");
            Browser.screenshot(browser, "audit-pending-en");
        }
        audit.chainPending(Duration.ofSeconds(30));
        assertThat(audit.pending(new AuditQuery(importer, null, null, null, null, 0, 50), 50).count()).isZero();

        Browser.open(browser, wait, Browser.url(port, "/audit?lang=en&actor=" + importer), "audit-results");
        assertThat(browser.findElements(By.id("audit-pending"))).as("nothing pending any more").isEmpty();
        List<WebElement> chained = browser.findElements(By.cssSelector("#audit-results tbody tr"));
        assertThat(chained).hasSize(2);
        assertThat(chained.get(0).getText()).contains("982").doesNotContain("pending");
    }
}
