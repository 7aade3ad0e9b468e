package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.insurecrm.segmentation.Dimension;
import io.insurecrm.segmentation.SegmentBookRun;
import io.insurecrm.segmentation.SegmentBookRuns;
import io.insurecrm.segmentation.RuleNotes;
import io.insurecrm.segmentation.RuleSaveNote;
import io.insurecrm.segmentation.SegmentRules;
import java.time.Duration;
import java.util.Map;
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
import org.springframework.security.test.context.support.WithMockUser;

/**
 * An analyst saves a new LIFE_STAGE rule version in the editor of a real browser; the rule change re-places that
 * dimension alone in the background, and /segments names the run by its dimension, in both languages, not by chunk.
 * The rules found are saved back as the next version at the end (the run re-places the shared test database), and
 * that run is awaited too.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentRuleChangeBrowserTests {

    static final Duration PATIENCE = Duration.ofMinutes(3);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SegmentRules rules;
    @Autowired
    SegmentBookRuns runs;

    ChromeDriver browser;
    String analyst;

    @BeforeEach
    void setUp() {
        analyst = Browser.staffUser(jdbc, "ANALYST", "规则变更分析员", null);
        // a rule change re-places one dimension only when the book is otherwise up to date: placed by a completed run
        assertThat(runs.runNow("test", "the book up to date before a rule change").state())
                .isEqualTo(SegmentBookRun.State.COMPLETED);
        browser = Browser.start(1366, 1200);
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    @Test
    @WithMockUser(roles = "ANALYST")
    void aLifeStageVersionSavedInTheEditorShowsAsARuleChangeRunOfThatDimension() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Map<String, Object> found = rules.active(Dimension.LIFE_STAGE).rules();
        int youngUnder = ((Number) found.get("youngUnder")).intValue();
        Browser.signIn(browser, wait, Browser.url(port, ""), analyst, "nav-segments");
        try {
            Browser.open(browser, wait, Browser.url(port, "/segments/rules?dimension=LIFE_STAGE&lang=zh-CN"), "r-youngUnder");
            var young = browser.findElement(By.id("r-youngUnder"));
            young.clear();
            young.sendKeys(String.valueOf(youngUnder - 1));
            browser.findElement(By.id("reason")).sendKeys("青年年龄上限下调一岁");
            // meanwhile another analyst saves a version: this save, made from the older one, is refused and shown
            int meanwhile = rules.saveRules(Dimension.LIFE_STAGE, found, "analyst2",
                    new RuleSaveNote(rules.active(Dimension.LIFE_STAGE).version(), "同时保存的版本")).version();
            awaitRunOf(meanwhile);
            browser.findElement(By.id("save-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rules-stale")));
            assertThat(browser.findElement(By.id("rules-stale")).getText())
                    .contains("analyst2", "版本 " + meanwhile, "基于版本 " + (meanwhile - 1), "未保存");
            assertThat(rules.active(Dimension.LIFE_STAGE).version()).as("nothing saved").isEqualTo(meanwhile);
            assertThat(browser.findElement(By.id("r-youngUnder")).getAttribute("value")).as("what was typed kept")
                    .isEqualTo(String.valueOf(youngUnder - 1));
            assertThat(browser.findElement(By.cssSelector("#versions tr[data-version='" + meanwhile + "']")).getText())
                    .contains("analyst2", "同时保存的版本");
            Browser.screenshot(browser, "segment-rules-stale-zh");
            // saved again on purpose: now made from the version shown
            browser.findElement(By.id("save-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
            int saved = rules.active(Dimension.LIFE_STAGE).version();
            assertThat(saved).isEqualTo(meanwhile + 1);
            assertThat(browser.findElement(By.cssSelector("#versions tr[data-version='" + saved + "']")).getText())
                    .contains(analyst, "青年年龄上限下调一岁");
            SegmentBookRun run = awaitRunOf(saved);
            assertThat(run.state()).isEqualTo(SegmentBookRun.State.COMPLETED);
            assertThat(run.dimension()).as("a run of LIFE_STAGE alone").isEqualTo("LIFE_STAGE");

            Browser.open(browser, wait, Browser.url(port, "/segments?lang=zh-CN"), "recompute-finished");
            assertThat(browser.findElement(By.id("recompute-finished")).getText())
                    .contains("规则变更", "生命周期", "第 " + run.id() + " 次运行", "已完成", analyst)
                    .doesNotContain("批");
            Browser.screenshotAt(browser, "recompute", "segments-rule-change-zh");
            Browser.open(browser, wait, Browser.url(port, "/segments?lang=en"), "recompute-finished");
            assertThat(browser.findElement(By.id("recompute-finished")).getText())
                    .contains("Rule change", "life-stage", "(run " + run.id() + ") finished", analyst)
                    .doesNotContain("chunk");
            Browser.screenshotAt(browser, "recompute", "segments-rule-change-en");
        } finally {
            SegmentBookRun restored = awaitRunOf(rules.saveRules(Dimension.LIFE_STAGE, found, "test", RuleNotes.onActive(rules, Dimension.LIFE_STAGE)).version());
            assertThat(restored.state()).as("the run restoring the life-stage rules").isEqualTo(SegmentBookRun.State.COMPLETED);
        }
    }

    /** The run the rule-change listener starts for version {@code version} of the LIFE_STAGE rules, once it has ended. */
    private SegmentBookRun awaitRunOf(int version) {
        String reason = "rule change: LIFE_STAGE rules version " + version;
        return await("the listener's run of " + reason).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("select id from segment_book_run where reason = :reason order by id desc limit 1")
                                .param("reason", reason).query(Long.class).optional().flatMap(runs::find).orElse(null),
                        run -> run != null && run.state() != SegmentBookRun.State.RUNNING);
    }
}
