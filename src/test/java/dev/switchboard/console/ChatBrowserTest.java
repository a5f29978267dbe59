package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat playground in a real browser: Try now, a streamed answer with its cost, history after a reload, safe output. */
class ChatBrowserTest extends PeopleTestSupport {

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        browser.quit();
    }

    @BeforeEach
    void signIn() {
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        var person = createPerson("USER");
        browser.findElement(By.id("email")).sendKeys(person.email());
        browser.findElement(By.id("password")).sendKeys(person.password());
        browser.findElement(By.id("sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/models"));
    }

    @Test
    void shouldTryAModelAndWatchItsAnswerStreamInPiecesWithItsCostThenSeeItAfterAReload() {
        browser.findElement(By.cssSelector("tr[data-model='gpt-4o-mini'] a.try-now")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/playground?model=gpt-4o-mini"));
        assertThat(browser.findElement(By.id("chat-model")).getDomProperty("value")).isEqualTo("gpt-4o-mini");
        var answer = "Streaming arrives piece by piece from the mock model";
        OPENAI.willStallStreamAfter(answer, 4, 1500);
        send("Tell me something");
        waitUntil(() -> !streamingText().isEmpty());
        assertThat(answer).as("a first piece shows before the rest").startsWith(streamingText()).isNotEqualTo(streamingText());
        waitUntil(() -> !browser.findElements(By.cssSelector(".msg.assistant .meta")).isEmpty());
        var message = browser.findElement(By.cssSelector(".msg.assistant"));
        assertThat(message.findElement(By.cssSelector(".body")).getText()).isEqualTo(answer);
        assertThat(Integer.parseInt(message.getDomAttribute("data-pieces"))).isGreaterThan(1);
        assertThat(message.findElement(By.cssSelector(".meta")).getText()).contains("tokens · $");
        waitUntil(() -> browser.findElement(By.id("chat-total")).getText().startsWith("Conversation:"));
        Browser.screenshot(browser, "chat");

        browser.navigate().refresh();
        waitUntil(() -> browser.findElements(By.cssSelector(".msg")).size() == 2);
        assertThat(browser.findElement(By.cssSelector(".msg.user")).getText()).isEqualTo("Tell me something");
        assertThat(browser.findElement(By.cssSelector(".msg.assistant .body")).getText()).isEqualTo(answer);
        assertThat(browser.findElement(By.cssSelector("#conversations a")).getText()).isEqualTo("Tell me something");
    }

    @Test
    void shouldRenderMarkdownButRunNothingAModelWrites() {
        browser.get(url("/playground?model=gpt-4o-mini"));
        OPENAI.willReply("**bold** and `code`\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned = 2\">"
                + "\n\n[link](javascript:window.__pwned=3) ![remote](http://127.0.0.1:9/x.png)", 5, 5);
        send("Be naughty");
        waitUntil(() -> !browser.findElements(By.cssSelector(".msg.assistant .meta")).isEmpty());
        var body = browser.findElement(By.cssSelector(".msg.assistant .body"));
        assertThat(body.findElements(By.tagName("strong"))).hasSize(1);
        assertThat(body.findElements(By.tagName("img"))).isEmpty();
        assertThat(body.findElements(By.tagName("script"))).isEmpty();
        assertThat(body.getText()).contains("<script>window.__pwned = 1</script>");
        body.findElements(By.tagName("a")).forEach(a -> assertThat(String.valueOf(a.getDomAttribute("href"))).doesNotStartWith("javascript:"));
        assertThat(browser.executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }

    private void send(String text) {
        waitUntil(() -> "true".equals(browser.findElement(By.id("chat")).getDomAttribute("data-ready")));
        browser.findElement(By.id("prompt")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private static String streamingText() {
        var pieces = browser.findElements(By.cssSelector(".msg.assistant .streaming"));
        return pieces.isEmpty() ? "" : pieces.getFirst().getText();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }
}
