package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.switchboard.budget.Organisation;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's admin pages for users, the catalog, prompt templates and the organisation's limits, in a real
 * (headless) browser: each change made through its form, confirmed, and seen where it takes effect; each refusal shown
 * next to its field; and none of it for a user.
 */
class AdminConsoleBrowserTest extends BrowserTestSupport {


    @Autowired
    Organisation organisation;

    @Test
    void shouldCreateAUserGrantCreditsAndSeeTheBalance() {
        signIn(createPerson("ADMIN"));
        browser.findElement(By.cssSelector(".admin-link[href='/admin/users']")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/users"));
        assertThat(browser.findElement(By.id("user-list")).isDisplayed()).isTrue();
        var email = "made-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        browser.findElement(By.cssSelector("#add-user summary")).click();
        browser.findElement(By.id("u-email")).sendKeys(email);
        browser.findElement(By.id("u-password")).sendKeys("short");
        browser.executeScript("document.getElementById('u-password').removeAttribute('minlength')");
        submit(By.id("create-user"));
        waitUntil(() -> !browser.findElements(By.id("error-password")).isEmpty());
        assertThat(browser.findElement(By.id("error-password")).getText()).contains("at least 8 characters");
        assertThat(browser.findElement(By.id("u-email")).getDomProperty("value")).as("the form keeps what was typed").isEqualTo(email);
        screenshot("admin-users");

        browser.findElement(By.id("u-password")).sendKeys("a-long-enough-password");
        browser.findElement(By.id("u-name")).sendKeys("Made In Console");
        submit(By.id("create-user"));
        waitUntil(() -> browser.getCurrentUrl().matches(".*/admin/users/[0-9a-f-]{36}$"));
        assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Created " + email + ".");
        assertThat(browser.findElement(By.id("user-balance")).getText()).isEqualTo("$0.00");

        browser.findElement(By.id("grant-amount")).sendKeys("ten");
        submit(By.id("grant-submit"));
        waitUntil(() -> !browser.findElements(By.id("error-credits_grant")).isEmpty());
        assertThat(browser.findElement(By.id("grant-amount")).getDomAttribute("aria-invalid")).isEqualTo("true");
        grant("12.50", "welcome");
        assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Granted $12.50.");
        assertThat(browser.findElement(By.id("user-balance")).getText()).isEqualTo("$12.50");
        grant("-2.5", "");
        assertThat(browser.findElement(By.id("user-balance")).getText()).isEqualTo("$10.00");
        var id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        var shown = json(get("/api/admin/users?skip=0&limit=1000", "Authorization", ADMIN)).path("data");
        var made = java.util.stream.StreamSupport.stream(shown.spliterator(), false).filter(u -> u.path("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(made.path("credits_balance_usd").decimalValue()).isEqualByComparingTo("10");
        assertThat(made.path("full_name").asString()).isEqualTo("Made In Console");

        browser.executeScript("document.getElementById('trial-until').value = '2030-12-31'");
        submit(By.id("subscription-submit"));
        waitUntil(() -> browser.findElements(By.id("saved")).stream().anyMatch(e -> e.getText().equals("Subscription saved.")));
        assertThat(browser.findElement(By.id("trial-until")).getDomProperty("value")).isEqualTo("2030-12-31");
        new Select(browser.findElement(By.id("user-role"))).selectByValue("ADMIN");
        submit(By.id("role-submit"));
        waitUntil(() -> browser.findElements(By.id("saved")).stream().anyMatch(e -> e.getText().equals("Role set to admin.")));
        submit(By.id("active-submit"));
        waitUntil(() -> browser.findElement(By.id("user-status")).getText().equals("Deactivated"));
        screenshot("admin-user");
        assertThat(login(email, "a-long-enough-password").statusCode()).as("a deactivated user cannot sign in").isNotEqualTo(200);
    }

    @Test
    void shouldRefuseAnAdminDeactivatingItselfNextToTheButton() {
        var admin = createPerson("ADMIN");
        signIn(admin);
        browser.get(url("/admin/users/" + admin.id()));
        submit(By.id("active-submit"));
        waitUntil(() -> !browser.findElements(By.id("error-is_active")).isEmpty());
        assertThat(browser.findElement(By.id("error-is_active")).getText()).contains("cannot remove your own admin role or deactivate yourself");
        assertThat(browser.findElement(By.id("user-status")).getText()).isEqualTo("Active");
    }

    @Test
    void shouldChangeAModelsPriceAndSeeItOnTheModelsPage() {
        var name = "console-model-" + UUID.randomUUID().toString().substring(0, 8);
        var created = postJson("/api/admin/models", """
                {"name":"%s","provider":"openai","upstream_model":"gpt-4o-mini","display_name":"Console Test Model",
                 "input_price_per_1m":5,"output_price_per_1m":10,"context_window":64000}""".formatted(name), "Authorization", ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).path("id").asString();
        try {
            signIn(createPerson("ADMIN"));
            browser.get(url("/admin/models?q=" + name));
            var row = By.cssSelector("tr.admin-model[data-model='" + name + "']");
            assertThat(browser.findElement(row).findElement(By.cssSelector(".price-in")).getText()).contains("$5.00", "5,000,000,000 n$");
            browser.findElement(row).findElement(By.cssSelector("a")).click();
            waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/models/" + id));

            replace(By.id("mf-input"), "-1");
            submit(By.id("save-prices"));
            waitUntil(() -> !browser.findElements(By.id("error-input_price_per_1m")).isEmpty());
            assertThat(browser.findElement(By.id("error-input_price_per_1m")).getText()).contains("must not be negative");
            replace(By.id("mf-input"), "0.5");
            replace(By.id("mf-output"), "1.000000001");
            replace(By.id("mf-context"), "200000");
            submit(By.id("save-prices"));
            waitUntil(() -> !browser.findElements(By.id("saved")).isEmpty());
            assertThat(browser.findElement(By.id("shown-input")).getText()).isEqualTo("$0.50");
            assertThat(browser.findElement(By.id("shown-output")).getText()).isEqualTo("$1.00");
            assertThat(browser.getPageSource()).contains("1,000,000,001 n$");

            browser.findElement(By.id("alias-name")).sendKeys(name + "-alias");
            submit(By.id("add-alias"));
            waitUntil(() -> !browser.findElements(By.cssSelector("li.alias[data-alias='" + name + "-alias']")).isEmpty());
            browser.findElement(By.id("alias-name")).sendKeys("gpt-4o-mini");
            submit(By.id("add-alias"));
            waitUntil(() -> !browser.findElements(By.id("error-aliases")).isEmpty());
            assertThat(browser.findElement(By.id("error-aliases")).getText()).contains("already answers to 'gpt-4o-mini'");

            browser.findElement(By.id("dep-upstream")).sendKeys("gpt-4o");
            replace(By.id("dep-weight"), "3");
            submit(By.id("add-deployment"));
            waitUntil(() -> browser.findElements(By.cssSelector("tr.deployment")).size() == 2);
            assertThat(browser.findElements(By.cssSelector("tr.deployment")).stream().map(r -> r.getDomAttribute("data-deployment")))
                    .as("the model's own deployment stays beside the new one").containsExactly("openai/gpt-4o-mini", "openai/gpt-4o");
            replace(By.id("rt-fallbacks"), "gpt-4o-mini, no-such-model");
            submit(By.id("save-routing"));
            waitUntil(() -> !browser.findElements(By.id("error-fallbacks")).isEmpty());
            assertThat(browser.findElement(By.id("error-fallbacks")).getText()).contains("'no-such-model'");
            replace(By.id("rt-fallbacks"), "gpt-4o-mini");
            submit(By.id("save-routing"));
            waitUntil(() -> browser.findElements(By.id("saved")).stream().anyMatch(e -> e.getText().equals("Routing saved.")));
            screenshot("admin-model");

            var stored = json(get("/api/admin/models/" + id, "Authorization", ADMIN));
            assertThat(stored.path("input_price_per_1m").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(stored.path("aliases").get(0).asString()).isEqualTo(name + "-alias");
            assertThat(stored.path("deployments").get(1).path("weight").asInt()).isEqualTo(3);
            assertThat(stored.path("fallbacks").get(0).asString()).isEqualTo("gpt-4o-mini");

            browser.get(url("/admin/models?q=" + name));
            assertThat(browser.findElement(row).getText()).contains("$0.50", "200,000", "2 deployments", "falls back to gpt-4o-mini");
            screenshot("admin-models");
            submit(By.cssSelector("tr.admin-model[data-model='" + name + "'] button.toggle-model"));
            waitUntil(() -> browser.findElement(row).getText().contains("Switch on"));
            assertThat(catalog.model(name)).as("switched off").isEmpty();
            submit(By.cssSelector("tr.admin-model[data-model='" + name + "'] button.toggle-model"));
            waitUntil(() -> browser.findElement(row).getText().contains("Switch off"));

            signedOut();
            signIn(createPerson("USER"));
            browser.get(url("/models?q=" + name));
            var userRow = browser.findElement(By.cssSelector("tr.model-row[data-model='" + name + "']"));
            assertThat(userRow.getText()).contains("$0.50", "$1.00", "200,000");
        } finally {
            delete("/api/admin/models/" + id, "Authorization", ADMIN);
        }
    }

    @Test
    void shouldPreviewATemplateWithSampleVariablesAndShowEachVersionsStats() {
        var name = "welcome-" + UUID.randomUUID().toString().substring(0, 8);
        var created = postJson("/api/prompts", """
                {"name":"%s","type":"greeting","description":"A console test","system":"You write for {{product}}.",
                 "body":"Hello {{name}}, welcome to {{product}}!",
                 "variables":[{"name":"name","required":true},{"name":"product","required":false,"default":"Switchboard"}],
                 "scope":"system"}""".formatted(name), "Authorization", ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).path("id").asString();
        try {
            var member = newUser();
            OPENAI.willReply("Hi Ada", 1_000_000, 0); // $0.15
            var call = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"name\":\"Ada\"}}",
                    "Authorization", bearer(member));
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);

            signIn(createPerson("ADMIN"));
            browser.findElement(By.cssSelector(".admin-link[href='/admin/prompts']")).click();
            waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/prompts"));
            browser.findElement(By.cssSelector("tr.template-row[data-name='" + name + "'] a")).click();
            waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/prompts/" + id));
            var version = By.id("version-1");
            waitUntil(() -> {
                browser.navigate().refresh();
                return browser.findElement(version).findElement(By.cssSelector(".stat-calls")).getText().equals("1");
            });
            assertThat(browser.findElement(version).findElement(By.cssSelector(".stat-cost")).getText()).isEqualTo("$0.15");

            submit(By.cssSelector("#version-1 button.render-preview"));
            waitUntil(() -> browser.findElements(By.cssSelector("#version-1 .preview-form .error")).size() == 1);
            assertThat(browser.findElement(By.cssSelector("#version-1 .preview-form .error")).getText()).contains("needs the variable 'name'");
            assertThat(browser.findElement(By.id("pv-1-name")).getDomAttribute("aria-invalid")).isEqualTo("true");

            browser.findElement(By.id("pv-1-name")).sendKeys("Grace <b>{{product}}</b>");
            submit(By.cssSelector("#version-1 button.render-preview"));
            waitUntil(() -> !browser.findElements(By.id("preview-1")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("#preview-1 .rendered-prompt")).getText())
                    .as("a value is text, never a template nor markup").isEqualTo("Hello Grace <b>{{product}}</b>, welcome to Switchboard!");
            assertThat(browser.findElement(By.cssSelector("#preview-1 .rendered-system")).getText()).isEqualTo("You write for Switchboard.");
            assertThat(browser.findElement(By.id("pv-1-name")).getDomProperty("value")).isEqualTo("Grace <b>{{product}}</b>");
            screenshot("admin-prompt");

            replace(By.id("weight-1"), "-4");
            submit(By.cssSelector("#version-1 button.save-weight"));
            waitUntil(() -> !browser.findElements(By.id("error-weight")).isEmpty());
            replace(By.id("weight-1"), "30");
            submit(By.cssSelector("#version-1 button.save-weight"));
            waitUntil(() -> !browser.findElements(By.id("saved")).isEmpty());
            assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Version 1: weight 30, in the draw.");
            assertThat(browser.findElement(By.id("weight-1")).getDomProperty("value")).isEqualTo("30");
            assertThat(json(get("/api/prompts/" + id, "Authorization", ADMIN)).path("versions").get(0).path("weight").asInt()).isEqualTo(30);

            browser.get(url("/admin/prompts/" + UUID.randomUUID()));
            assertThat(browser.findElement(By.id("error-message")).getText()).startsWith("There is no prompt template");
        } finally {
            delete("/api/prompts/" + id, "Authorization", ADMIN);
        }
    }

    @Test
    void shouldShowTheOrganisationsDailyLimitBarMoveAfterARequest() {
        var before = organisation.terms();
        try {
            signIn(createPerson("ADMIN"));
            browser.get(url("/admin/billing"));
            browser.findElement(By.cssSelector("#org-limits-edit summary")).click();
            replace(By.id("org-daily-limit"), "-5");
            replace(By.id("org-monthly-limit"), "");
            submit(By.id("save-limits"));
            assertThat(browser.findElement(By.id("error-daily_limit_usd")).getText()).contains("must be a USD amount ≥ 0");
            assertThat(organisation.terms().dailyLimitNanos()).isEqualTo(before.dailyLimitNanos());
            replace(By.id("org-daily-limit"), "100");
            replace(By.id("org-monthly-limit"), "");
            submit(By.id("save-limits"));
            assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Organisation limits saved.");
            assertThat(organisation.terms().dailyLimitNanos()).isEqualTo(100_000_000_000L);
            assertThat(browser.findElement(By.id("org-monthly")).getText()).contains("No limit");
            var start = Long.parseLong(orgDailyBar().getDomAttribute("value"));
            assertThat(orgDailyBar().getDomAttribute("max")).isEqualTo("100000000000");

            OPENAI.willReply("Hello", 1_000_000, 0); // $0.15
            assertThat(chat("gpt-4o-mini", "Authorization", bearer(newUser())).statusCode()).isEqualTo(200);
            waitUntil(() -> {
                browser.get(url("/admin/billing"));
                return Long.parseLong(orgDailyBar().getDomAttribute("value")) == start + 150_000_000;
            });
            assertThat(browser.findElement(By.id("org-daily")).getText()).contains("of $100.00");
            screenshot("admin-billing-limits");
        } finally {
            organisation.change(before);
        }
    }

    @Test
    void shouldHideTheNewAdminPagesFromAUserAndRefuseTheirUrls() {
        signIn(createPerson("USER"));
        assertThat(browser.findElements(By.cssSelector(".admin-link"))).isEmpty();
        var model = catalog.model("gpt-4o-mini").orElseThrow();
        for (var path : new String[] {"/admin/users", "/admin/users/" + UUID.randomUUID(), "/admin/models", "/admin/models/" + model.id(),
                "/admin/prompts", "/admin/prompts/" + UUID.randomUUID()}) {
            browser.get(url(path));
            assertThat(browser.findElement(By.id("error-message")).getText()).as(path).contains("administrators");
            assertThat(browser.findElements(By.cssSelector("main form[method=post]"))).as(path).isEmpty();
        }
    }

    private void grant(String amount, String note) {
        replace(By.id("grant-amount"), amount);
        replace(By.id("grant-note"), note);
        submit(By.id("grant-submit"));
        waitUntil(() -> !browser.findElements(By.id("saved")).isEmpty() && browser.findElements(By.id("error-credits_grant")).isEmpty());
    }

    private WebElement orgDailyBar() {
        return browser.findElement(By.cssSelector("#org-daily progress"));
    }

    /** Signed in, with the page's confirmations answered yes. */
    @Override
    protected void signIn(Person person) {
        super.signIn(person);
        browser.executeScript("window.confirm = () => true");
    }

}
