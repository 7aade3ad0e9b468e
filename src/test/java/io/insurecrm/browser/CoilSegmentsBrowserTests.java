package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
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
 * An analyst in a real browser clusters the real CoIL book again with k = 5 on /coil, watches the run end (htmx polls
 * the progress and reloads the page), and sees the named clusters and value bands with 客均合同 and the segment chart
 * drawn — in Chinese, then in English; and edits the value bands, sees an overlap refused and then the migration
 * matrix of a valid proposal (htmx, nothing saved). Screenshots go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CoilSegmentsBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CoilBook book;
    @Autowired
    CoilClusters clusters;

    ChromeDriver browser;
    WebDriverWait wait;
    String analystUser;

    @BeforeEach
    void setUp() {
        book.load(Path.of("../shared/data/coil2000"));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.running().isEmpty());
        analystUser = Browser.staffUser(jdbc, "ANALYST", "钱分析", null);
        browser = Browser.start(1366, 2200);
        wait = new WebDriverWait(browser, Duration.ofSeconds(120));
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    @Test
    void anAnalystClustersTheCoilBookAndSeesTheSegmentsNamedAndCharted() {
        Browser.signIn(browser, wait, Browser.url(port, ""), analystUser, "nav-coil");

        Browser.open(browser, wait, Browser.url(port, "/coil?lang=zh-CN"), "coil-cluster-reason").sendKeys("浏览器测试：k = 5");
        WebElement k = browser.findElement(By.id("coil-cluster-k"));
        k.clear();
        k.sendKeys("5");
        browser.findElement(By.id("coil-cluster-run")).click();
        Browser.awaitRunEnded(wait, "coil-cluster-started");
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coil-segments-clusters")));
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(5);
        assertThat(rows).allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".segment-name")).getText()).isNotBlank());
        assertThat(browser.findElement(By.cssSelector("#coil-cluster-runs tbody tr")).getAttribute("data-status"))
                .isIn("FINISHED", "UNCHANGED");
        assertThat(browser.findElements(By.cssSelector("#coil-segments-valueBands tbody tr"))).hasSize(5);
        assertThat(browser.findElement(By.id("coil-segments-valueBands")).getText()).contains("无保费", "客均合同");
        Browser.awaitCharted(browser, wait, "coil-segments-chart");
        Browser.screenshotAt(browser, "coil-segments-title", "coil-segments-zh");

        Browser.open(browser, wait, Browser.url(port, "/coil?lang=en"), "coil-segments-clusters");
        Browser.awaitCharted(browser, wait, "coil-segments-chart");
        assertThat(browser.findElement(By.id("coil-cluster-summary")).getText()).contains("5 clusters", "9,822 customers");
        assertThat(browser.findElement(By.id("coil-segments-valueBands")).getText()).contains("No premium", "Top (5,000 and over)");
        assertThat(browser.getPageSource()).contains("not CNY");
        Browser.screenshotAt(browser, "coil-segments-title", "coil-segments-en");
    }

    @Test
    void anAnalystEditsTheValueBandsAndPreviewsTheMigrationMatrixWithoutSaving() {
        Browser.signIn(browser, wait, Browser.url(port, ""), analystUser, "nav-coil");
        long versions = jdbc.sql("select count(*) from coil_value_band_rule_set").query(Long.class).single();

        Browser.open(browser, wait, Browser.url(port, "/coil?lang=en"), "coil-bands-form");
        WebElement topFrom = browser.findElement(By.id("coil-band-from-TOP"));
        topFrom.clear();
        topFrom.sendKeys("4000");
        browser.findElement(By.id("coil-bands-preview")).click();
        WebElement problems = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coil-bands-problems")));
        assertThat(problems.getText()).contains("Value bands HIGH and TOP overlap on 4,000–5,000");

        WebElement highTo = browser.findElement(By.id("coil-band-to-HIGH"));
        highTo.clear();
        highTo.sendKeys("4000");
        WebElement result = browser.findElement(By.id("coil-bands-result"));
        browser.findElement(By.id("coil-bands-preview")).click();
        wait.until(Browser.gone(result));
        WebElement matrix = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coil-bands-matrix")));
        assertThat(matrix.findElements(By.cssSelector("tbody tr"))).hasSize(5);
        long highToTop = Long.parseLong(matrix.findElement(By.cssSelector("tr[data-from=HIGH] td[data-to=TOP]")).getText()
                .replace(",", ""));
        assertThat(highToTop).as("customers estimated at 4,000–4,999 move from HIGH to TOP").isPositive();
        assertThat(browser.findElement(By.id("coil-bands-moved")).getText()).contains("of 9,822 customers would change band");
        Browser.screenshotAt(browser, "coil-bands", "coil-value-bands-preview-en");
        assertThat(jdbc.sql("select count(*) from coil_value_band_rule_set").query(Long.class).single()).isEqualTo(versions);
    }
}
