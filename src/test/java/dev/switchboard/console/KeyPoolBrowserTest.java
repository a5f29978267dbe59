package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.UUID;

import dev.switchboard.money.Money;
import dev.switchboard.vault.KeyBundles;
import dev.switchboard.vault.PoolKeyAdmin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/** The key pool page in a real browser: the edit dialog, test-a-key with its spinner, importing a bundle with its progress bar, and paging through the cards. */
class KeyPoolBrowserTest extends BrowserTestSupport {


    @Autowired
    PoolKeyAdmin pool;

    @Autowired
    KeyBundles bundles;

    @BeforeEach
    void signInAsAdmin() {
        signIn(createPerson("ADMIN"));
    }

    @Test
    void shouldEditAPoolKeyInItsDialogAndShowEachRefusalNextToItsField() {
        var key = pool.add(newKey("edit-" + suffix(), "sk-edit-old-secret-0000aaaa"));
        browser.get(url("/admin/keys?q=" + key.name()));
        card(key).findElement(By.cssSelector("button.edit-key")).click();
        var dialog = By.id("edit-" + key.id());
        waitUntil(() -> browser.findElement(dialog).isDisplayed());
        field(key, "daily").clear();
        field(key, "daily").sendKeys("lots");
        field(key, "priority").clear();
        field(key, "priority").sendKeys("-3");
        browser.findElement(dialog).findElement(By.cssSelector("button.save-edit")).click();

        waitUntil(() -> !browser.findElements(By.id("e-" + key.id() + "-daily-error")).isEmpty());
        assertThat(browser.findElement(dialog).isDisplayed()).as("the dialog opens again with its errors").isTrue();
        assertThat(browser.findElement(By.id("e-" + key.id() + "-daily-error")).getText())
                .isEqualTo("Daily limit must be a USD amount from 0 to 1000000000 with at most 9 decimals.");
        assertThat(browser.findElement(By.id("e-" + key.id() + "-priority-error")).getText()).startsWith("Priority must be an integer from 0");
        assertThat(field(key, "daily").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field(key, "daily").getDomProperty("value")).as("what was typed stays").isEqualTo("lots");
        assertThat(pool.find(key.id()).orElseThrow().dailyLimit()).as("nothing saved").isNull();
        screenshot("admin-key-pool-edit");

        var renamed = key.name() + "-renamed";
        field(key, "name").clear();
        field(key, "name").sendKeys(renamed);
        field(key, "daily").clear();
        field(key, "daily").sendKeys("3");
        field(key, "priority").clear();
        field(key, "priority").sendKeys("5");
        field(key, "base").sendKeys("https://proxy.example.test/v1/");
        var secret = "sk-edit-new-secret-1111bbbb";
        field(key, "secret").sendKeys(secret);
        browser.findElement(dialog).findElement(By.cssSelector("button.reveal")).click();
        assertThat(field(key, "secret").getDomAttribute("type")).as("show while typing").isEqualTo("text");
        browser.findElement(dialog).findElement(By.cssSelector("button.save-edit")).click();

        waitUntil(() -> !browser.findElements(By.cssSelector(".flash")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Saved the key “" + renamed + "”", "new secret");
        var card = card(key);
        assertThat(card.getDomAttribute("data-name")).isEqualTo(renamed);
        assertThat(card.getText()).contains("$0.00 of $3.00", "priority 5", "https://proxy.example.test/v1", "1111bbbb".substring(4));
        assertThat(browser.getPageSource()).doesNotContain(secret);
        var saved = pool.find(key.id()).orElseThrow();
        assertThat(saved.dailyLimit()).isEqualTo(Money.ofUsd("3"));
        assertThat(saved.priority()).isEqualTo(5);
        assertThat(saved.baseUrl()).isEqualTo("https://proxy.example.test/v1");
        assertThat(saved.maskedKey()).endsWith("bbbb");
        screenshot("admin-key-pool-saved");
    }

    @Test
    void shouldShowASpinnerWhileAKeyIsTestedAndThenItsResultOnItsCard() {
        var key = pool.add(newKey("test-" + suffix(), "sk-test-pool-secret-2222cccc"));
        browser.get(url("/admin/keys?q=" + key.name()));
        OPENAI.willReplySlowly("pong", 1500);
        var button = card(key).findElement(By.cssSelector("button.test-key"));
        button.click();
        var result = By.id("test-" + key.id());
        waitUntil(() -> !browser.findElement(result).findElements(By.cssSelector(".spinner")).isEmpty());
        assertThat(button.getDomAttribute("aria-busy")).isEqualTo("true");
        assertThat(button.isEnabled()).as("one test at a time").isFalse();
        screenshot("admin-key-pool-testing");
        waitUntil(() -> browser.findElement(result).getDomAttribute("data-result") != null);
        assertThat(browser.findElement(result).getDomAttribute("data-result")).isEqualTo("valid");
        assertThat(browser.findElement(result).getText()).startsWith("Key works").contains(" ms · ");
        assertThat(browser.findElement(result).findElements(By.cssSelector(".spinner"))).isEmpty();
        assertThat(button.isEnabled()).isTrue();

        OPENAI.willFail(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        button.click();
        waitUntil(() -> "invalid".equals(browser.findElement(result).getDomAttribute("data-result")));
        assertThat(browser.findElement(result).getText()).startsWith("Key refused by the provider");
        browser.navigate().refresh();
        assertThat(card(key).findElement(By.cssSelector(".badge.status")).getText()).isEqualTo("invalid");
    }

    @Test
    void shouldPageThroughTheCardsByKeyboard() {
        var prefix = "paged-" + suffix();
        for (int i = 0; i < KeyPoolPage.PAGE_SIZE + 1; i++) {
            pool.add(newKey(prefix + "-" + (char) ('a' + i), "sk-paged-secret-" + UUID.randomUUID()));
        }
        browser.get(url("/admin/keys?q=" + prefix));
        assertThat(cards()).hasSize(KeyPoolPage.PAGE_SIZE);
        assertThat(browser.findElement(By.cssSelector(".pager .pager-at")).getText()).startsWith("Page 1 of 2");
        assertThat(browser.findElement(By.cssSelector(".pager .pager-prev")).getDomAttribute("aria-disabled")).isEqualTo("true");
        browser.findElement(By.cssSelector(".pager a.pager-next")).sendKeys(Keys.ENTER);
        waitUntil(() -> browser.getCurrentUrl().contains("page=2"));
        assertThat(browser.getCurrentUrl()).as("the filter stays").contains("q=" + prefix);
        assertThat(cards()).hasSize(1);
        assertThat(cards().getFirst().getDomAttribute("data-name")).isEqualTo(prefix + "-" + (char) ('a' + KeyPoolPage.PAGE_SIZE));
        browser.findElement(By.cssSelector(".pager a.pager-prev")).sendKeys(Keys.ENTER);
        waitUntil(() -> browser.getCurrentUrl().contains("page=1"));
        assertThat(cards()).hasSize(KeyPoolPage.PAGE_SIZE);
    }

    @Test
    void shouldImportAnExportedBundleWithAProgressBarAndRefuseAWrongPassphraseNextToItsField() throws Exception {
        var key = pool.add(newKey("import-" + suffix(), "sk-import-pool-secret-3333dddd"));
        var kept = pool.add(newKey("kept-" + suffix(), "sk-kept-pool-secret-4444eeee"));
        var file = Files.createTempFile("switchboard-bundle", ".json");
        Files.writeString(file, bundles.export("correct horse battery staple").toString());
        pool.delete(key.id());
        browser.get(url("/admin/keys"));
        browser.findElement(By.cssSelector("#import-keys summary")).click();
        browser.findElement(By.id("ik-file")).sendKeys(file.toString());
        browser.findElement(By.id("ik-passphrase")).sendKeys("not the passphrase at all");
        browser.findElement(By.id("import-start")).click();

        waitUntil(() -> browser.findElement(By.id("ik-passphrase-error")).isDisplayed());
        assertThat(browser.findElement(By.id("ik-passphrase-error")).getText())
                .isEqualTo("The passphrase does not open this bundle, or the bundle was changed.");
        assertThat(browser.findElement(By.id("ik-passphrase")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(pool.list()).extracting(PoolKeyAdmin.View::name).doesNotContain(key.name());

        browser.findElement(By.id("ik-passphrase")).clear();
        browser.findElement(By.id("ik-passphrase")).sendKeys("correct horse battery staple");
        browser.findElement(By.id("import-start")).click();
        waitUntil(() -> browser.findElement(By.id("import-result")).getText().startsWith("Imported"));

        assertThat(browser.findElement(By.id("import-result")).getText()).startsWith("Imported 1 key;")
                .contains("openai/" + kept.name() + " (a key of that name exists)");
        assertThat(browser.findElement(By.id("import-bar")).getDomProperty("value")).isEqualTo("100");
        assertThat(browser.findElement(By.id("ik-passphrase-error")).isDisplayed()).isFalse();
        assertThat(pool.list()).extracting(PoolKeyAdmin.View::name).contains(key.name());
        assertThat(browser.getPageSource()).doesNotContain("sk-import-pool-secret-3333dddd");
        screenshot("admin-key-pool-import");
        Files.delete(file);
    }

    private static PoolKeyAdmin.NewKey newKey(String name, String secret) {
        return new PoolKeyAdmin.NewKey("openai", name, secret, null, null, null, null, null, 0, false, null);
    }

    private static WebElement card(PoolKeyAdmin.View key) {
        return browser.findElement(By.id("key-" + key.id()));
    }

    private static WebElement field(PoolKeyAdmin.View key, String name) {
        return browser.findElement(By.id("e-" + key.id() + "-" + name));
    }

    private static java.util.List<WebElement> cards() {
        return browser.findElements(By.cssSelector("article.pool-key"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
