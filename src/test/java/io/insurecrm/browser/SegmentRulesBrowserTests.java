package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.segmentation.PreviewHold;
import io.insurecrm.segmentation.SegmentPreviews;
import java.time.Duration;
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

/**
 * An analyst on the rules pages in a real browser (htmx under the CSP, no inline JS): a wrong life-stage threshold is
 * shown on its field by the preview, a valid one shows the preview's progress (held RUNNING) and then, polled by htmx,
 * the migration matrix; the RISK and VALUE editors and the tag
 * rules render. Screenshots in both languages go to target/screenshots. Nothing is saved.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentRulesBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.segmentation.SegmentRecompute recompute;
    @Autowired
    SegmentPreviews previews;

    ChromeDriver browser;
    String analyst;

    @BeforeEach
    void setUp() {
        analyst = Browser.staffUser(jdbc, "ANALYST", "李分析", null);
        // a young single of 32 in the book: a young-under of 30 would make him established
        BookFixtures book = new BookFixtures(jdbc);
        long customer = book.individual("规则预览" + BookFixtures.next(), java.time.LocalDate.now().minusYears(32).minusDays(3), true,
                "44", book.agent(book.branch("44")));
        jdbc.sql("update customer set marital_status = 'SINGLE' where id = :id").param("id", customer).update();
        recompute.recompute(customer);
        browser = Browser.start(1366, 1400);
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    private String url(String path) {
        return Browser.url(port, path);
    }

    @Test
    void anAnalystPreviewsLifeStageRulesAndSeesProblemsOnTheField() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Browser.signIn(browser, wait, url(""), analyst, "nav-segments");

        browser.get(url("/segments/rules?dimension=LIFE_STAGE"));
        var young = browser.findElement(By.id("r-youngUnder"));
        young.clear();
        young.sendKeys("70");
        var editor = browser.findElement(By.id("editor"));
        browser.findElement(By.id("preview-button")).click();
        wait.until(Browser.gone(editor));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#field-seniorFrom .field-error")));
        assertThat(browser.findElement(By.cssSelector("#field-seniorFrom .field-error")).getText()).contains("70").contains("60");
        Browser.screenshot(browser, "segment-rules-life-stage-problem-zh");

        young = browser.findElement(By.id("r-youngUnder"));
        young.clear();
        young.sendKeys("30");
        editor = browser.findElement(By.id("editor"));
        // the preview runs in the background: held here, the page shows its progress, then (polled) its matrix
        try (PreviewHold hold = new PreviewHold(previews)) {
            browser.findElement(By.id("preview-button")).click();
            wait.until(Browser.gone(editor));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-running")));
            assertThat(browser.findElement(By.id("preview-running")).getText()).contains("正在").contains(analyst);
            assertThat(browser.findElements(By.id("preview-progress"))).hasSize(1);
            assertThat(browser.findElements(By.id("preview-matrix"))).isEmpty();
            Browser.screenshot(browser, "segment-rules-life-stage-preview-running-zh");
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-matrix")));
        assertThat(browser.findElements(By.id("preview-running"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#field-seniorFrom .field-error"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#preview-matrix tr[data-segment='YOUNG_SINGLE'] td[data-to='ESTABLISHED']"))
                .getText()).isNotEqualTo("0");
        Browser.screenshot(browser, "segment-rules-life-stage-preview-zh");

        browser.get(url("/segments/rules?dimension=RISK&lang=en"));
        assertThat(browser.findElement(By.id("field-climate")).getText()).contains("Typhoon coast");
        Browser.screenshot(browser, "segment-rules-risk-en");
        browser.get(url("/segments/rules?dimension=VALUE&lang=en"));
        assertThat(browser.findElement(By.id("field-propertyContribution.bands")).getText()).contains("property contribution");
        Browser.screenshot(browser, "segment-rules-value-en");
        // the rows buttons (htmx, no script of ours): a band removed, then two blank rows to fill; nothing saved
        int bands = browser.findElements(By.cssSelector("#field-bands tbody tr")).size();
        var before = browser.findElement(By.id("editor"));
        browser.findElement(By.id("remove-bands[2]")).click();
        wait.until(Browser.gone(before));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-bands")));
        assertThat(browser.findElements(By.cssSelector("#field-bands tbody tr"))).hasSize(bands - 1);
        assertThat(browser.findElement(By.name("r.bands[2].segment")).getAttribute("value")).isEqualTo("HIGH");
        before = browser.findElement(By.id("editor"));
        browser.findElement(By.id("add-bands")).click();
        wait.until(Browser.gone(before));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-bands")));
        assertThat(browser.findElements(By.cssSelector("#field-bands tbody tr"))).hasSize(bands);
        Browser.screenshot(browser, "segment-rules-value-rows-en");
        browser.get(url("/segments/rules/tags?lang=en"));
        var tags = browser.findElement(By.id("editor"));
        browser.findElement(By.id("preview-button")).click();
        wait.until(Browser.gone(tags));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-tags")));
        Browser.screenshot(browser, "segment-rules-tags-en");
    }
}
