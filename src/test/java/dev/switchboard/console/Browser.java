package dev.switchboard.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its own chromedriver, both named by path so that Selenium Manager is never asked
 * to find (or download) anything. One browser per test class.
 */
final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    /** {@code -Dconsole.screenshots=true} writes the screenshots into docs/screenshots/. */
    private static final boolean SCREENSHOTS = Boolean.getBoolean("console.screenshots");

    private Browser() {
    }

    static ChromeDriver start() {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--force-prefers-reduced-motion");
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    /** Signs in through the form (cookies cleared first) and waits for the models page it leads to. */
    static void signIn(ChromeDriver driver, String loginUrl, String email, String password) {
        driver.get(loginUrl);
        driver.manage().deleteAllCookies();
        driver.get(loginUrl);
        driver.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("sign-in")).click();
        waitUntil(driver, () -> driver.getCurrentUrl().endsWith("/models"));
    }

    static void waitUntil(ChromeDriver driver, java.util.function.BooleanSupplier condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }

    /** The page at desktop width and at 360 px, when screenshots were asked for. */
    static void screenshot(ChromeDriver driver, String name) {
        if (!SCREENSHOTS) {
            return;
        }
        try {
            var dir = Files.createDirectories(Path.of("docs", "screenshots"));
            for (var width : new int[] {1280, 360}) {
                driver.manage().window().setSize(new Dimension(width, width == 360 ? 780 : 900));
                driver.executeScript("window.scrollTo(0, 0)");
                var png = driver.getScreenshotAs(OutputType.BYTES);
                Files.write(dir.resolve(name + (width == 360 ? "-phone" : "") + ".png"), png);
            }
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
