package dev.switchboard.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's browser tests: Debian's headless Chromium through its own chromedriver, both named by path so that
 * Selenium Manager is never asked to find (or download) anything; one browser per test class (the classes run one
 * after another), each test starting signed out, with cookies and the stored theme cleared.
 */
abstract class BrowserTestSupport extends PeopleTestSupport {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    /** {@code -Dconsole.screenshots=true} writes the screenshots into docs/screenshots/. */
    private static final boolean SCREENSHOTS = Boolean.getBoolean("console.screenshots");

    protected static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--force-prefers-reduced-motion");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void stopBrowser() {
        browser.quit();
    }

    @BeforeEach
    void signedOut() {
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
        browser.executeScript("localStorage.clear()");
    }

    /** Signs in through the form (cookies cleared first) and waits for the models page it leads to. */
    protected void signIn(Person person) {
        signedOut();
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(person.email());
        browser.findElement(By.id("password")).sendKeys(person.password());
        browser.findElement(By.id("sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/models"));
    }

    /** Clicks a form's button (confirming its question) and waits for the page it leads to. */
    protected static void submit(By button) {
        browser.executeScript("window.confirm = () => true");
        var element = browser.findElement(button);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> gone(element));
    }

    /** Whether the page the element was on has been replaced (chromedriver may say so as a stale element or a lost node). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) { // StaleElementReferenceException, or "Node … does not belong to the document"
            return true;
        }
    }

    /** The field's value replaced by {@code value}. */
    protected static void replace(By field, String value) {
        var element = browser.findElement(field);
        element.clear();
        element.sendKeys(value);
    }

    protected static void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }

    /** The page at desktop width and at 360 px, when screenshots were asked for. */
    protected static void screenshot(String name) {
        if (!SCREENSHOTS) {
            return;
        }
        try {
            var dir = Files.createDirectories(Path.of("docs", "screenshots"));
            for (var width : new int[] {1280, 360}) {
                browser.manage().window().setSize(new Dimension(width, width == 360 ? 780 : 900));
                browser.executeScript("window.scrollTo(0, 0)");
                Files.write(dir.resolve(name + (width == 360 ? "-phone" : "") + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            }
            browser.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
