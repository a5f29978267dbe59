package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The console in a real (headless) browser: sign in, the pages a user and an admin see, and what a user may not. */
class ConsoleBrowserTest extends BrowserTestSupport {


    @Test
    void shouldSignInFilterTheModelsAndSignOut() {
        signIn(createPerson("USER"));
        assertThat(browser.getCurrentUrl()).endsWith("/models");
        assertThat(rows()).contains("gpt-4o-mini", "claude-haiku-4-5", "llama-3.1-8b-instant").doesNotContain(UNKEYED_MODEL);
        screenshot("models");
        browser.findElement(By.id("q")).sendKeys("groq");
        waitUntil(() -> !rows().contains("gpt-4o-mini"));
        // other tests of the shared context add models of their own: the filter keeps Groq's and drops the rest
        assertThat(rows()).contains("llama-3.1-8b-instant", "llama-3.3-70b-versatile").doesNotContain("gpt-4o-mini", "claude-haiku-4-5");
        assertThat(browser.getCurrentUrl()).as("the filter is in the address, for reload and back").endsWith("/models?q=groq");
        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/login"));
        browser.get(url("/models"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void shouldRefuseAWrongPasswordNextToTheForm() {
        var person = createPerson("USER");
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(person.email());
        browser.findElement(By.id("password")).sendKeys("not-it");
        browser.findElement(By.id("sign-in")).click();
        waitUntil(() -> !browser.findElements(By.id("login-error")).isEmpty());
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Incorrect email or password.");
        screenshot("sign-in");
    }

    @Test
    void shouldShowANewGatewayKeyOnceAndRevokeIt() {
        var person = createPerson("USER");
        signIn(person);
        browser.get(url("/keys"));
        browser.findElement(By.id("key-name")).sendKeys("scripts");
        browser.findElement(By.cssSelector("#create-key button[type=submit]")).click();
        waitUntil(() -> !browser.findElements(By.id("new-secret")).isEmpty()); // the form's answer is a new page: it may not be there yet
        var secret = browser.findElement(By.id("new-secret")).getDomAttribute("value");
        assertThat(secret).startsWith("sk-sb-");
        browser.get(url("/keys"));
        assertThat(browser.getPageSource()).doesNotContain(secret).contains(secret.substring(secret.length() - 4));
        screenshot("keys");
        browser.executeScript("window.confirm = () => true");
        browser.findElement(By.cssSelector("#key-list button.danger")).click();
        waitUntil(() -> browser.findElements(By.id("key-list")).isEmpty());
        assertThat(gatewayKeys.list(person.id())).isEmpty();
    }

    @Test
    void shouldChartMyUsageByDayAndListItByModel() {
        var person = createPerson("USER");
        var key = gatewayKeys.create(person.id(), "usage", false);
        OPENAI.willReply("Hello there", 1_000_000, 500_000);
        assertThat(chat("gpt-4o-mini", "Authorization", "Bearer " + key.secret()).statusCode()).isEqualTo(200);
        signIn(person);
        waitUntil(() -> {
            browser.get(url("/usage"));
            return !browser.findElements(By.id("usage-by-model")).isEmpty();
        });
        assertThat(browser.findElement(By.id("usage-by-model")).getText()).contains("gpt-4o-mini", "1,000,000", "500,000");
        assertThat(browser.findElement(By.id("total-cost")).getText()).isEqualTo("$0.45"); // $0.15 in + $0.30 out
        waitUntil(() -> "1".equals(browser.findElement(By.id("usage-chart")).getDomAttribute("data-drawn")));
        screenshot("usage");
    }

    @Test
    void shouldSaveAnOwnKeyShowOnlyItsTailAndRemoveIt() {
        var person = createPerson("USER");
        signIn(person);
        browser.get(url("/profile"));
        var ownKey = "sk-own-openai-key-" + java.util.UUID.randomUUID();
        var field = browser.findElement(By.id("secret-openai"));
        assertThat(field.getDomAttribute("type")).isEqualTo("password");
        field.sendKeys(ownKey);
        browser.findElement(By.cssSelector("#key-openai button.reveal")).click();
        assertThat(field.getDomProperty("type")).as("shown while typing").isEqualTo("text");
        browser.findElement(By.cssSelector("#key-openai button.save-key")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector("#key-openai code.masked")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#key-openai code.masked")).getText()).isEqualTo("****" + ownKey.substring(ownKey.length() - 4));
        assertThat(browser.getPageSource()).doesNotContain(ownKey).doesNotContain(ownKey.substring(0, 24));
        screenshot("profile");
        browser.executeScript("window.confirm = () => true");
        browser.findElement(By.cssSelector("#key-openai button.remove-key")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("#key-openai code.masked")).isEmpty());
        assertThat(browser.getPageSource()).doesNotContain(ownKey);
    }

    @Test
    void shouldPageTheGatewayKeysTwentyToAPage() {
        var person = createPerson("USER");
        for (int i = 0; i < KeysPage.PAGE_SIZE + 2; i++) {
            gatewayKeys.create(person.id(), "key " + i, false);
        }
        signIn(person);
        browser.get(url("/keys"));
        assertThat(browser.findElements(By.cssSelector("#key-list tbody tr"))).hasSize(KeysPage.PAGE_SIZE);
        browser.findElement(By.cssSelector(".pager a.pager-next")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitUntil(() -> browser.getCurrentUrl().endsWith("/keys?page=2"));
        assertThat(browser.findElements(By.cssSelector("#key-list tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector(".pager .pager-at")).getText()).isEqualTo("Page 2 of 2 · 21–22 of 22");
    }

    @Test
    void shouldSwitchToOwnKeysMode() {
        signIn(createPerson("USER"));
        browser.get(url("/profile"));
        assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("Member");
        browser.findElement(By.cssSelector("input[name=mode][value=byok]")).click();
        browser.findElement(By.cssSelector("#mode-form button[type=submit]")).click();
        waitUntil(() -> browser.findElement(By.id("mode")).getText().startsWith("Own keys"));
    }

    @Test
    void shouldHideAdminLinksFromAUserAndRefuseTheirUrls() {
        signIn(createPerson("USER"));
        assertThat(browser.findElements(By.cssSelector(".admin-link"))).isEmpty();
        browser.get(url("/admin/providers"));
        assertThat(browser.findElement(By.id("error-message")).getText()).contains("administrators");
        assertThat(browser.findElements(By.id("provider-list"))).isEmpty();
    }

    @Test
    void shouldShowAnAdminTheProviders() {
        signIn(createPerson("ADMIN"));
        browser.findElement(By.cssSelector(".admin-link[href='/admin/providers']")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/providers"));
        assertThat(browser.findElement(By.id("provider-list")).getText()).contains("openai", UNKEYED_PROVIDER);
        screenshot("admin-providers");
        browser.findElement(By.id("theme-toggle")).click();
        screenshot("admin-providers-dark");
    }

    @Test
    void shouldAddAPoolKeyAndSeeItsBudgetBarMoveAfterARequest() {
        signIn(createPerson("ADMIN"));
        browser.get(url("/admin/keys"));
        var name = "console-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.cssSelector("#add-key summary")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("pk-provider"))).selectByValue("openai");
        browser.findElement(By.id("pk-name")).sendKeys(name);
        var secret = "sk-pool-" + java.util.UUID.randomUUID();
        browser.findElement(By.id("pk-secret")).sendKeys(secret);
        browser.findElement(By.id("pk-daily")).sendKeys("1");
        browser.findElement(By.cssSelector("input[name=isDefault]")).click();
        browser.findElement(By.id("add-key-submit")).click();
        var card = By.cssSelector("article.pool-key[data-name='" + name + "']");
        waitUntil(() -> !browser.findElements(card).isEmpty());
        assertThat(browser.getPageSource()).doesNotContain(secret);
        assertThat(browser.findElement(card).findElement(By.cssSelector("progress")).getDomAttribute("value")).isEqualTo("0");

        var member = newUser();
        OPENAI.willReply("Hello", 1_000_000, 0); // $0.15 of the $1 daily limit
        assertThat(chat("gpt-4o-mini", "Authorization", bearer(member)).statusCode()).isEqualTo(200);
        waitUntil(() -> {
            browser.get(url("/admin/keys"));
            return !"0".equals(browser.findElement(card).findElement(By.cssSelector("progress")).getDomAttribute("value"));
        });
        var bar = browser.findElement(card).findElement(By.cssSelector("progress"));
        assertThat(bar.getDomAttribute("value")).isEqualTo("150000000");
        assertThat(bar.getDomAttribute("max")).isEqualTo("1000000000");
        assertThat(browser.findElement(card).getText()).contains("1 requests", "$0.15 of $1.00");
        screenshot("admin-key-pool");
        browser.executeScript("window.confirm = () => true");
        browser.findElement(card).findElement(By.cssSelector("button.danger")).click();
        waitUntil(() -> browser.findElements(card).isEmpty());
    }

    @Test
    void shouldCreateAnApiClientAndShowItsKeyOnce() {
        signIn(createPerson("ADMIN"));
        browser.get(url("/admin/api-clients"));
        var name = "app-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.cssSelector("#add-client summary")).click();
        browser.findElement(By.id("ac-name")).sendKeys(name);
        browser.findElement(By.id("ac-daily")).sendKeys("2");
        browser.findElement(By.id("create-client")).click();
        waitUntil(() -> !browser.findElements(By.id("client-secret")).isEmpty());
        var key = browser.findElement(By.id("client-secret")).getDomAttribute("value");
        assertThat(key).hasSizeGreaterThan(20);
        var card = By.cssSelector("article.api-client[data-name='" + name + "']");
        assertThat(browser.findElement(card).getText()).contains("$0.00 of $2.00", "****" + key.substring(key.length() - 4));
        browser.get(url("/admin/api-clients"));
        assertThat(browser.getPageSource()).doesNotContain(key);
        assertThat(browser.findElement(card).findElement(By.cssSelector("progress")).getDomAttribute("max")).isEqualTo("2000000000");
        screenshot("admin-api-clients");
    }

    @Test
    void shouldChartBillingAndExportItsCsv() {
        var member = newUser();
        OPENAI.willReply("Hello", 2_000_000, 0); // $0.30
        assertThat(chat("gpt-4o-mini", "Authorization", bearer(member)).statusCode()).isEqualTo(200);
        signIn(createPerson("ADMIN"));
        waitUntil(() -> {
            browser.get(url("/admin/billing?days=7&group_by=user"));
            return browser.findElements(By.cssSelector("#billing-series li[data-label='" + member.id() + "']")).size() == 1;
        });
        // the chart's series holds every row; the table shows them a page at a time
        assertThat(browser.findElement(By.cssSelector("#billing-series li[data-label='" + member.id() + "']")).getDomProperty("textContent"))
                .isEqualTo("$0.30");
        waitUntil(() -> !"0".equals(String.valueOf(browser.findElement(By.id("billing-chart")).getDomAttribute("data-drawn"))));
        browser.get(url("/admin/billing"));
        waitUntil(() -> browser.findElement(By.id("billing-chart")).getDomAttribute("data-drawn") != null);
        screenshot("admin-billing");
        var session = browser.manage().getCookieNamed("switchboard_session");
        var csv = get("/admin/billing/export.csv?days=7&group_by=user", "Cookie", session.getName() + "=" + session.getValue());
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("user_id").contains(member.id());
    }

    private java.util.List<String> rows() {
        return browser.findElements(By.cssSelector("tr.model-row")).stream().map(r -> r.getDomAttribute("data-model")).toList();
    }

}
