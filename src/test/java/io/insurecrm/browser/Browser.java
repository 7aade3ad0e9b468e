package io.insurecrm.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium. Where Chromium is not installed the browser tests are skipped,
 * except on CI (CI=true), where .ci/run installs it and a missing browser is a failure.
 */
final class Browser {

    /**
     * The element has left the page (replaced by htmx or by a navigation). {@code ExpectedConditions.stalenessOf} knows
     * only a stale reference; Chromium also answers a node detached while the call ran with an unknown error saying it
     * does not belong to the document, which that condition lets through as a failure.
     */
    static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Browser() {
    }

    static ChromeDriver start(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Chromium and chromedriver are needed on CI; .ci/run installs them");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=zh-CN", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs a staff member in (demo password) on the login page at {@code baseUrl} and waits until the page after it
     * shows the navigation element {@code navId}.
     */
    static void signIn(ChromeDriver driver, WebDriverWait wait, String baseUrl, String username,
                       String navId) {
        signIn(driver, wait, baseUrl, username, navId, "demo1234");
    }

    /** {@link #signIn} with another password than the demo one. */
    static void signIn(ChromeDriver driver, WebDriverWait wait, String baseUrl, String username, String navId, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(navId)));
    }

    /**
     * A staff member with the demo password for a browser test: {@code role} (ANALYST, AGENT …), an agent's id for an
     * AGENT (else null). Returns the new user name (the role in lower case and a fresh number).
     */
    static String staffUser(org.springframework.jdbc.core.simple.JdbcClient jdbc, String role, String displayName, Long agentId) {
        String username = role.toLowerCase(java.util.Locale.ROOT) + io.insurecrm.fixtures.BookFixtures.next();
        jdbc.sql("""
                        insert into staff_user (username, password_hash, display_name, role, agent_id)
                        values (:u, '{noop}demo1234', :name, :role, :agent)""")
                .param("u", username).param("name", displayName).param("role", role).param("agent", agentId).update();
        return username;
    }

    /** The address of {@code path} on the test server at {@code port}. */
    static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens {@code url} and waits until the page shows the element {@code elementId}; returns it. */
    static WebElement open(ChromeDriver driver, WebDriverWait wait, String url, String elementId) {
        driver.get(url);
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(elementId)));
    }

    /**
     * Waits until a background run started from a page has ended: the page shows the notice of the start
     * ({@code startedNoticeId}); htmx polls the run's progress and reloads the page when the run has ended, and the
     * notice is gone then.
     */
    static void awaitRunEnded(WebDriverWait wait, String startedNoticeId) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(startedNoticeId)));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(startedNoticeId)));
    }

    /** Waits until Chart.js has drawn on the canvas {@code canvasId} (it sizes the canvas and registers the chart). */
    static void awaitCharted(ChromeDriver driver, WebDriverWait wait, String canvasId) {
        wait.until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById(arguments[0])) !== undefined",
                canvasId)));
    }

    /** Scrolls the element {@code elementId} into view and takes a screenshot. */
    static Path screenshotAt(ChromeDriver driver, String elementId, String name) {
        driver.executeScript("document.getElementById(arguments[0]).scrollIntoView()", elementId);
        return screenshot(driver, name);
    }

    /** Closes the browser, if it started. */
    static void quit(ChromeDriver driver) {
        if (driver != null) {
            driver.quit();
        }
    }
}
