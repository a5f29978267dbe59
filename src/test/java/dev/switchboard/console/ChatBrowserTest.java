package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The chat playground in a real browser: Try now, a streamed answer with its cost, history after a reload, safe output. */
class ChatBrowserTest extends BrowserTestSupport {

    private Person person;

    @BeforeEach
    void signInAsAUser() {
        person = createPerson("USER");
        signIn(person);
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
        screenshot("chat");

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
                + "\n\n[link](javascript:window.__pwned=3) ![remote](http://127.0.0.1:9/x.png)"
                + "\n\n```html\n<script>window.__pwned = 4</script>\n<img src=x onerror=\"window.__pwned = 5\">\n```"
                + "\n\n```\n<img src=x onerror=\"window.__pwned = 6\"></code></pre><script>window.__pwned = 7</script>\n```", 5, 5);
        send("Be naughty");
        waitUntil(() -> !browser.findElements(By.cssSelector(".msg.assistant .meta")).isEmpty());
        var body = browser.findElement(By.cssSelector(".msg.assistant .body"));
        assertThat(body.findElements(By.tagName("strong"))).hasSize(1);
        assertThat(body.findElements(By.tagName("img"))).isEmpty();
        assertThat(body.findElements(By.tagName("script"))).isEmpty();
        assertThat(body.getText()).contains("<script>window.__pwned = 1</script>");
        var blocks = body.findElements(By.cssSelector("pre code"));
        assertThat(blocks).hasSize(2);
        assertThat(blocks.getFirst().getText()).as("a fenced block shows the markup as text").contains("<script>window.__pwned = 4</script>", "onerror");
        assertThat(blocks.get(1).getText()).contains("</code></pre><script>");
        assertThat(blocks.getFirst().getDomAttribute("class")).as("highlighted, still text").contains("hljs");
        body.findElements(By.tagName("a")).forEach(a -> assertThat(String.valueOf(a.getDomAttribute("href"))).doesNotStartWith("javascript:"));
        assertThat(browser.executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    void shouldHighlightTheCodeBlocksOfAnAnswer() {
        browser.get(url("/playground?model=gpt-4o-mini"));
        OPENAI.willReply("Here:\n\n```java\npublic final class Greeter {\n    // says hello\n    String greet() { return \"hello\"; }\n}\n```\n\n"
                + "```\nSELECT id FROM users WHERE active = TRUE;\n```", 5, 5);
        send("Show me code");
        waitUntil(() -> !browser.findElements(By.cssSelector(".msg.assistant .meta")).isEmpty());
        var java = browser.findElement(By.cssSelector(".msg.assistant pre code.language-java"));
        assertThat(java.getDomAttribute("class")).contains("hljs");
        assertThat(java.findElements(By.cssSelector(".hljs-keyword")).stream().map(e -> e.getText()).toList()).contains("public", "final", "class", "return");
        assertThat(java.findElement(By.cssSelector(".hljs-string")).getText()).isEqualTo("\"hello\"");
        assertThat(java.findElement(By.cssSelector(".hljs-comment")).getText()).isEqualTo("// says hello");
        assertThat(java.getText()).as("the code reads as written").isEqualTo("public final class Greeter {\n    // says hello\n    String greet() { return \"hello\"; }\n}");
        var keywordColour = java.findElement(By.cssSelector(".hljs-keyword")).getCssValue("color");
        assertThat(keywordColour).as("coloured apart from the text").isNotEqualTo(java.findElement(By.cssSelector(".hljs-title")).getCssValue("color"));
        var unlabelled = browser.findElements(By.cssSelector(".msg.assistant pre code")).get(1);
        assertThat(unlabelled.getDomAttribute("class")).as("a block without a language is detected").contains("hljs");
        assertThat(browser.findElement(By.id("conversation-pager")).isDisplayed()).as("no page control for one page").isFalse();
        screenshot("chat-code");
    }

    @Test
    void shouldPageThroughTheConversationList() {
        var token = tokenOf(person);
        for (int i = 1; i <= 21; i++) {
            var created = postJson("/api/conversations", "{\"model\":\"gpt-4o-mini\",\"title\":\"Chat " + i + "\"}", "Authorization", token);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        browser.get(url("/playground"));
        waitUntil(() -> browser.findElements(By.cssSelector("#conversations a")).size() == 20);
        assertThat(browser.findElement(By.id("chat-page")).getText()).isEqualTo("Page 1");
        assertThat(browser.findElement(By.id("newer-chats")).isEnabled()).isFalse();
        var first = titles();
        browser.findElement(By.id("older-chats")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitUntil(() -> browser.findElements(By.cssSelector("#conversations a")).size() == 1);
        assertThat(browser.findElement(By.id("chat-page")).getText()).isEqualTo("Page 2");
        assertThat(titles()).doesNotContainAnyElementsOf(first).hasSize(1);
        assertThat(browser.findElement(By.id("older-chats")).isEnabled()).isFalse();
        browser.findElement(By.id("newer-chats")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitUntil(() -> browser.findElements(By.cssSelector("#conversations a")).size() == 20);
        assertThat(titles()).isEqualTo(first);
    }

    private static java.util.List<String> titles() {
        return browser.findElements(By.cssSelector("#conversations a")).stream().map(a -> a.getText()).toList();
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

}
