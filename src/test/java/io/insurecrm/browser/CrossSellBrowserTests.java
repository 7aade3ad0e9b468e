package io.insurecrm.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.crosssell.ModelTraining;
import io.insurecrm.crosssell.TrainingRun;
import io.insurecrm.fixtures.BookFixtures;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An agent in a real browser opens a High-value customer's 360 page, sees the next-best products with their reasons
 * and the incentive of his tier, opens the family view and from there the gap questionnaire, submits an absurd
 * answer (a youngest child older than the respondent) and sees the field refused — in Chinese, then in English.
 * The models are trained and the book scored for real beforehand (committed, the parallel scoring path).
 * Screenshots go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossSellBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ModelTraining training;
    @Autowired
    Clock clock;

    ChromeDriver browser;
    WebDriverWait wait;
    String agentUser;
    long customer;

    @BeforeEach
    void setUp() {
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long me = book.agent(branch);
        long accident = book.product("意外险", "Accident", "ACCIDENT", "BASIC");
        long medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        LocalDate today = LocalDate.now(clock);
        // accident holders mostly hold medical too: the medical model learns it
        for (int i = 0; i < 200; i++) {
            long c = book.individual("交叉客户" + BookFixtures.next(), me, branch, "33", LocalDate.of(1985, 3, 3));
            consent(c, "ANALYTICS");
            boolean hasAccident = i < 100;
            if (hasAccident) {
                book.policy(c, accident, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "200");
            }
            if (hasAccident ? i % 7 != 3 : i % 13 == 0) {
                book.policy(c, medical, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "800");
            }
        }
        customer = book.individual("高价值客户" + BookFixtures.next(), me, branch, "33", LocalDate.of(1982, 6, 6));
        consent(customer, "ANALYTICS");
        book.policy(customer, accident, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "300");
        jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from)
                        select :c, 'VALUE', 'HIGH', id, 'test', :day from segment_rule_set where dimension = 'VALUE' and active""")
                .param("c", customer).param("day", today).update();
        jdbc.sql("update crosssell_incentive_set set active = false where active").update();   // the default incentives (v1)
        jdbc.sql("update crosssell_incentive_set set active = true where version = 1").update();
        jdbc.sql("update crosssell_training_run set status = 'FAILED' where status = 'RUNNING'").update();
        TrainingRun run = training.runNow("browser-test");
        assertThat(run.status()).as(run.message()).isEqualTo("DONE");
        agentUser = Browser.staffUser(jdbc, "AGENT", "李代理", me);
        browser = Browser.start(1366, 1100);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private void consent(long customerId, String purpose) {
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:c, :p, true, 'PAPER_FORM', 'test', now(), 'test')""")
                .param("c", customerId).param("p", purpose).update();
    }

    @AfterEach
    void tearDown() {
        Browser.quit(browser);
    }

    private String url(String path) {
        return Browser.url(port, path);
    }

    @Test
    void anAgentSeesNextBestProductsWithReasonsAndIncentiveAndAQuestionnaireRefusesAnAbsurdAnswer() {
        Browser.signIn(browser, wait, url(""), agentUser, "nav-customers");

        journey("zh-CN", "已持有意外险 (+", "投保医疗险赠送高端体检（2000 积分）", "客户价值层级：高价值",
                "子女年龄 45 不能大于或等于本人年龄 30");
        journey("en", "holds accident (+", "A premium health check with the medical cover (2,000 points)",
                "value tier: High value", "a child of 45 cannot be as old as the respondent (30)");
    }

    private void journey(String lang, String reason, String incentive, String tier, String refusal) {
        String suffix = lang.equals("en") ? "en" : "zh";
        browser.get(url("/customers/" + customer + "?lang=" + lang));
        WebElement medical = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#crosssell-next-best tr[data-line='MEDICAL']")));
        assertThat(medical.getText()).contains(reason);
        assertThat(medical.findElement(By.cssSelector("td.incentive")).getText()).isEqualTo(incentive);
        assertThat(medical.findElement(By.cssSelector("td.incentive")).getAttribute("data-incentive")).isEqualTo("HIGH_HEALTH_CHECK");
        List<WebElement> rows = browser.findElements(By.cssSelector("#crosssell-next-best tbody tr"));
        assertThat(rows).isNotEmpty().noneMatch(r -> "ACCIDENT".equals(r.getAttribute("data-line")));   // he holds it
        assertThat(browser.findElement(By.id("crosssell-tier")).getText()).contains(tier);
        new Actions(browser).scrollToElement(browser.findElement(By.id("crosssell-tier"))).perform();   // the section below the fold
        Browser.screenshot(browser, "crosssell-360-" + suffix);

        browser.findElement(By.id("crosssell-family-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
        Browser.screenshot(browser, "crosssell-family-" + suffix);

        browser.findElement(By.id("family-questionnaire-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("questionnaire-form")));
        type("respondent", "张三");
        type("age", "30");
        new Select(browser.findElement(By.id("maritalStatus"))).selectByValue("MARRIED");
        type("annualIncome", "200000");
        type("children", "1");
        type("youngestChild", "45");
        browser.findElement(By.id("questionnaire-submit")).click();
        WebElement problem = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#questionnaire-problems li[data-field='youngestChild']")));
        assertThat(problem.getText()).contains(refusal);
        assertThat(browser.findElement(By.id("youngestChild")).getAttribute("class")).contains("invalid");
        assertThat(browser.findElements(By.cssSelector("#questionnaire-problems li"))).hasSize(1);
        Browser.screenshot(browser, "crosssell-questionnaire-refused-" + suffix);
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }
}
