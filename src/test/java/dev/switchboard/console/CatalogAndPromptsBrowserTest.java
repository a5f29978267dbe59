package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.switchboard.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin's Catalog and Templates pages in a real browser: a model added (each refusal the catalog's own, next to its
 * field) and deleted only once confirmed; a prompt template made and a version added, refused by the prompt feature's
 * own rules next to the field they name.
 */
class CatalogAndPromptsBrowserTest extends BrowserTestSupport {

    @Autowired
    Catalog catalog;

    @Test
    void shouldAddAModelRefusingEachValueNextToItsFieldAndDeleteItOnlyOnceConfirmed() {
        var name = "console-model-" + UUID.randomUUID().toString().substring(0, 8);
        signIn(createPerson("ADMIN"));
        browser.get(url("/admin/models"));
        browser.findElement(By.cssSelector("#add-model summary")).click();
        replace(By.id("nm-name"), name);
        replace(By.id("nm-input"), "cheap");
        replace(By.id("nm-output"), "1.5");
        submit(By.id("create-model"));
        assertThat(browser.findElement(By.id("error-input_price_per_1m")).getText())
                .isEqualTo("'input_price_per_1m' must be an amount in dollars, such as 0.15.");
        assertThat(browser.findElement(By.id("nm-input")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("nm-name")).getDomProperty("value")).as("what was typed stays").isEqualTo(name);

        replace(By.id("nm-name"), "gpt-4o-mini");
        replace(By.id("nm-input"), "0.5");
        submit(By.id("create-model"));
        assertThat(browser.findElement(By.id("error-name")).getText()).contains("already answers to 'gpt-4o-mini'");

        replace(By.id("nm-name"), name);
        replace(By.id("nm-context"), "64000");
        submit(By.id("create-model"));
        assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Added " + name + ".");
        assertThat(browser.findElement(By.id("shown-input")).getText()).isEqualTo("$0.50");
        var model = catalog.model(name).orElseThrow();
        assertThat(model.price().outputPerMillion()).isEqualTo(1_500_000_000L);
        assertThat(model.limits().contextWindow()).isEqualTo(64_000);
        screenshot("admin-model-new");

        browser.executeScript("window.confirm = () => false");
        browser.findElement(By.id("delete-model")).click();
        assertThat(browser.getCurrentUrl()).as("declined: still on the model's page").endsWith("/admin/models/" + model.id());
        assertThat(catalog.model(name)).as("declined: still there").isPresent();
        submit(By.id("delete-model"));
        assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Deleted " + name + ".");
        assertThat(catalog.model(name)).isEmpty();
    }

    @Test
    void shouldMakeATemplateAndAddAVersionRefusingEachValueNextToItsField() {
        var name = "console-template-" + UUID.randomUUID().toString().substring(0, 8);
        String id = null;
        try {
            signIn(createPerson("ADMIN"));
            browser.get(url("/admin/prompts"));
            browser.findElement(By.cssSelector("#add-template summary")).click();
            replace(By.id("nt-name"), name);
            replace(By.id("nt-body"), "Hello {{name}}");
            submit(By.id("create-template"));
            assertThat(browser.findElement(By.id("nt-body-error")).getText()).contains("'{{name}}'");
            assertThat(browser.findElement(By.id("nt-body")).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.findElement(By.id("nt-body")).getDomProperty("value")).as("what was typed stays").isEqualTo("Hello {{name}}");

            replace(By.id("nt-variables"), "name");
            submit(By.id("create-template"));
            assertThat(browser.findElement(By.id("nt-type-error")).getText()).isEqualTo("'type' is required.");
            assertThat(browser.findElement(By.id("nt-type")).getDomAttribute("aria-invalid")).isEqualTo("true");

            replace(By.id("nt-type"), "greeting");
            submit(By.id("create-template"));
            assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Made the template " + name + ".");
            id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
            assertThat(browser.findElements(By.cssSelector("article.prompt-version"))).hasSize(1);

            browser.findElement(By.cssSelector("#add-version summary")).click();
            replace(By.id("nv-body"), "Hi {{name}}, in a {{tone}} voice");
            replace(By.id("nv-variables"), "name, tone=warm");
            replace(By.id("nv-weight"), "lots");
            submit(By.id("add-version-submit"));
            assertThat(browser.findElement(By.id("nv-weight-error")).getText()).isEqualTo("'weight' must be a whole number from 0 to 1000000.");

            replace(By.id("nv-weight"), "50");
            submit(By.id("add-version-submit"));
            assertThat(browser.findElement(By.id("saved")).getText()).isEqualTo("Added version 2.");
            assertThat(browser.findElement(By.cssSelector("#version-2 .prompt-text")).getText()).isEqualTo("Hi {{name}}, in a {{tone}} voice");
            var versions = json(get("/api/prompts/" + id, "Authorization", ADMIN)).path("versions");
            assertThat(versions.size()).isEqualTo(2);
            assertThat(versions.get(1).path("weight").asInt()).isEqualTo(50);
            assertThat(versions.get(1).path("variables").get(1).path("default").asString()).isEqualTo("warm");
            assertThat(json(get("/api/prompts/" + id, "Authorization", ADMIN)).path("scope").asString()).isEqualTo("system");
            screenshot("admin-prompt-new");
        } finally {
            if (id != null) {
                delete("/api/prompts/" + id, "Authorization", ADMIN);
            }
        }
    }
}
