package io.insurecrm.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signs in to a running app and screenshots the dashboard in Chinese and English (headless Chromium). Not a test:
 * {@code java -cp … io.insurecrm.metrics.DashboardScreenshots http://localhost:8082 analyst demo1234 docs/img}.
 */
public final class DashboardScreenshots {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path dir = Path.of(args.length > 3 ? args[3] : "docs/img");
        Files.createDirectories(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1600");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        try {
            driver.get(base + "/login");
            driver.findElement(By.id("username")).sendKeys(args[1]);
            driver.findElement(By.id("password")).sendKeys(args[2]);
            driver.findElement(By.id("login-submit")).click();
            for (String lang : new String[] {"zh_CN", "en"}) {
                driver.get(base + "/?lang=" + lang);
                new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> ((JavascriptExecutor) d).executeScript(
                        "return document.readyState === 'complete' && !!window.Chart && document.querySelectorAll('canvas').length > 0"
                                + " && Array.from(document.querySelectorAll('canvas')).every(c => window.Chart.getChart(c))"));
                long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.body.scrollHeight");
                driver.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 40, 6000)));
                Thread.sleep(500); // charts re-layout on resize (no animation)
                Path file = dir.resolve("dashboard-" + (lang.equals("en") ? "en" : "zh") + ".png");
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("wrote " + file);
                driver.manage().window().setSize(new Dimension(1400, 1600));
            }
        } finally {
            driver.quit();
        }
    }
}
