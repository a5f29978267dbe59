package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.access.Accounts;
import dev.switchboard.access.CreditLedger;
import dev.switchboard.money.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/** The profile page in a real browser: its fields refused next to themselves, the credit alert's banner, own keys' rule. */
class ProfileBrowserTest extends BrowserTestSupport {

    private Person person;

    @Autowired
    Accounts accounts;

    @Autowired
    CreditLedger ledger;

    @BeforeEach
    void signInAndOpenTheProfile() {
        person = createPerson("USER");
        signIn(person);
        browser.get(url("/profile"));
    }

    @Test
    void shouldRefuseAnInvalidProfileValueNextToItsFieldAndSaveAValidOne() {
        field("fullName").clear();
        field("fullName").sendKeys("Ada Lovelace");
        field("username").clear();
        field("username").sendKeys("ada lovelace!");
        browser.findElement(By.id("save-profile")).click();

        waitUntil(() -> !browser.findElements(By.id("p-username-error")).isEmpty());
        assertThat(browser.findElement(By.id("p-username-error")).getText())
                .isEqualTo("Username must be 3 to 100 letters, digits, dots, dashes or underscores.");
        assertThat(field("username").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field("username").getDomAttribute("aria-describedby")).isEqualTo("p-username-error");
        assertThat(field("username").getDomProperty("value")).as("what was typed stays").isEqualTo("ada lovelace!");
        assertThat(field("fullName").getDomAttribute("aria-invalid")).isNull();
        assertThat(accounts.settings(person.id()).username()).as("nothing saved").isNull();
        screenshot("profile-error");

        field("username").clear();
        field("username").sendKeys("ada.lovelace");
        field("firstName").clear();
        field("firstName").sendKeys("Ada");
        browser.findElement(By.id("save-profile")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector(".flash")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).isEqualTo("Profile saved.");
        assertThat(browser.findElements(By.cssSelector(".field-error"))).isEmpty();
        var saved = accounts.settings(person.id());
        assertThat(saved.username()).isEqualTo("ada.lovelace");
        assertThat(saved.fullName()).isEqualTo("Ada Lovelace");
        assertThat(saved.firstName()).isEqualTo("Ada");
        browser.navigate().refresh();
        assertThat(field("username").getDomProperty("value")).isEqualTo("ada.lovelace");
        assertThat(browser.findElements(By.cssSelector(".flash"))).as("confirmed once").isEmpty();
    }

    @Test
    void shouldShowTheCreditAlertOnEveryPageOnceTheCreditsFallBelowItsAmount() {
        ledger.grant(person.id(), Money.ofUsd("3"), person.id(), "test credits");
        var left = ledger.balance(person.id()).remaining();
        alert("lots");
        waitUntil(() -> !browser.findElements(By.id("alert-below-error")).isEmpty());
        assertThat(browser.findElement(By.id("alert-below-error")).getText())
                .isEqualTo("The alert amount must be an amount in USD from 0 to 1000000 with at most 9 decimals.");
        assertThat(accounts.creditAlert(person.id())).isEmpty();

        alert(left.toUsd().add(java.math.BigDecimal.ONE).toPlainString()); // above what is left: due at once
        waitUntil(() -> !browser.findElements(By.id("credit-alert")).isEmpty());
        browser.get(url("/models"));
        assertThat(browser.findElement(By.id("credit-alert")).getText()).contains("Your credits are down to " + Prices.usd(left.nanoUsd()));
        screenshot("profile-credit-alert");

        browser.get(url("/profile"));
        alert(left.toUsd().subtract(java.math.BigDecimal.ONE).toPlainString()); // below what is left: not due
        waitUntil(() -> !browser.findElements(By.cssSelector(".flash")).isEmpty());
        assertThat(browser.findElements(By.id("credit-alert"))).isEmpty();
        assertThat(accounts.creditAlert(person.id())).hasValue(Money.ofUsd(left.toUsd().subtract(java.math.BigDecimal.ONE)));
    }

    @Test
    void shouldRefuseAnOwnKeyByTheVaultsRuleNextToItsField() {
        var input = browser.findElement(By.id("secret-openai"));
        input.sendKeys("short");
        browser.findElement(By.cssSelector("#key-openai button.save-key")).click();
        waitUntil(() -> !browser.findElements(By.id("secret-openai-error")).isEmpty());
        assertThat(browser.findElement(By.id("secret-openai-error")).getText())
                .isEqualTo("The key must be 8 to 1024 printable characters without spaces.");
        assertThat(browser.findElement(By.id("secret-openai")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector("#key-openai code.masked"))).isEmpty();
    }

    private void alert(String amount) {
        var input = browser.findElement(By.id("alert-below"));
        input.clear();
        input.sendKeys(amount);
        browser.findElement(By.id("save-notifications")).click();
    }

    private static WebElement field(String name) {
        return browser.findElement(By.id("p-" + name));
    }
}
