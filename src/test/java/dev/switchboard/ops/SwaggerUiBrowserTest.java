package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a reader of the docs sees: Swagger UI, opened at its address on the management port in Debian's headless
 * Chromium (as the console's browser tests run it), renders the committed description: its title and its operations.
 */
class SwaggerUiBrowserTest extends GatewayTestSupport {

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        var driver = "/usr/bin/chromedriver";
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver);
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        browser.quit();
    }

    @Test
    void shouldRenderTheDescriptionInSwaggerUi() {
        browser.get("http://127.0.0.1:" + managementPort + "/actuator/swagger-ui");

        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("[data-path='/v1/chat/completions']")).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("/actuator/swagger-ui/index.html");
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).startsWith("Switchboard");
        assertThat(browser.findElements(By.cssSelector(".opblock"))).hasSizeGreaterThan(100);
        assertThat(browser.findElement(By.cssSelector(".servers select")).getText()).contains("http://127.0.0.1:" + port);
    }
}
