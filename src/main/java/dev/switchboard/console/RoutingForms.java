package dev.switchboard.console;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.CatalogChangeRefused;
import dev.switchboard.catalog.ModelRouting;
import dev.switchboard.catalog.ModelSpec;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin, on a model's page: its aliases (add, remove), its deployments (add, remove) and how its calls are routed
 * (strategy, retries, fallbacks in order, the larger-context fallback), as the routing fields of
 * {@code /api/admin/models/{id}}. A model without configured deployments is served by its own provider and upstream
 * model; the first deployment added keeps that one beside it, so adding never silently replaces what serves the model.
 */
@Controller
class RoutingForms {

    private final CatalogPage page;

    RoutingForms(CatalogPage page) {
        this.page = page;
    }

    @PostMapping("/admin/models/{id}/aliases")
    String addAlias(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "") String alias, Model model,
                    RedirectAttributes redirect) {
        var name = alias.strip();
        return page.change(caller, id, "aliases", s -> withAliases(s, Stream.concat(s.aliases().stream(), Stream.of(name)).toList()),
                "Alias " + name + " added.", model, redirect);
    }

    @PostMapping("/admin/models/{id}/aliases/remove")
    String removeAlias(Caller caller, @PathVariable String id, @RequestParam String alias, Model model, RedirectAttributes redirect) {
        return page.change(caller, id, "aliases", s -> withAliases(s, s.aliases().stream().filter(a -> !a.equals(alias)).toList()),
                "Alias " + alias + " removed.", model, redirect);
    }

    @PostMapping("/admin/models/{id}/deployments")
    String addDeployment(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "") String provider,
                         @RequestParam(defaultValue = "") String upstreamModel, @RequestParam(defaultValue = "") String poolKeyId,
                         @RequestParam(defaultValue = "1") String weight, Model model, RedirectAttributes redirect) {
        return page.change(caller, id, "deployments", s -> {
            var deployments = new ArrayList<>(page.existing(id).deployments());
            deployments.add(new ModelRouting.Deployment(provider.strip(), upstreamModel.strip(), poolKeyId.isBlank() ? null : poolKeyId.strip(),
                    weight(weight)));
            return withRouting(s, deployments, s.routing().strategy(), s.routing().maxRetries(), s.routing().fallbacks(),
                    s.routing().contextFallback());
        }, "Deployment " + provider.strip() + "/" + upstreamModel.strip() + " added.", model, redirect);
    }

    @PostMapping("/admin/models/{id}/deployments/remove")
    String removeDeployment(Caller caller, @PathVariable String id, @RequestParam String deployment, Model model,
                            RedirectAttributes redirect) {
        return page.change(caller, id, "deployments", s -> withRouting(s,
                s.routing().deployments().stream().filter(d -> !d.id().equals(deployment)).toList(), s.routing().strategy(),
                s.routing().maxRetries(), s.routing().fallbacks(), s.routing().contextFallback()),
                "Deployment " + deployment + " removed.", model, redirect);
    }

    @PostMapping("/admin/models/{id}/routing")
    String routing(Caller caller, @PathVariable String id, @RequestParam(defaultValue = ModelRouting.WEIGHTED) String strategy,
                   @RequestParam(defaultValue = "") String maxRetries, @RequestParam(defaultValue = "") String fallbacks,
                   @RequestParam(defaultValue = "") String contextFallback, Model model, RedirectAttributes redirect) {
        return page.change(caller, id, "fallbacks", s -> withRouting(s, s.routing().deployments(), strategy,
                retries(maxRetries), CatalogPage.commaList(fallbacks), contextFallback.isBlank() ? null : contextFallback.strip()),
                "Routing saved.", model, redirect);
    }

    private static int weight(String typed) {
        try {
            return Integer.parseInt(typed.strip());
        } catch (NumberFormatException e) {
            throw CatalogChangeRefused.invalid("deployments", "A deployment's weight is a whole number from 1, such as 1 or 3.");
        }
    }

    private static Integer retries(String typed) {
        try {
            return typed.isBlank() ? null : Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            throw CatalogChangeRefused.invalid("max_retries", "'max_retries' must be a whole number, or empty for the gateway's default.");
        }
    }

    private static ModelSpec withAliases(ModelSpec s, List<String> aliases) {
        return new ModelSpec(s.name(), s.providerId(), s.upstreamModel(), s.displayName(), s.kind(), s.price(), s.imagePrices(), s.limits(),
                s.active(), aliases, s.routing());
    }

    private static ModelSpec withRouting(ModelSpec s, List<ModelRouting.Deployment> deployments, String strategy, Integer maxRetries,
                                         List<String> fallbacks, String contextFallback) {
        var routing = new ModelRouting(deployments, strategy, maxRetries, fallbacks, contextFallback, s.routing().timeouts());
        return new ModelSpec(s.name(), s.providerId(), s.upstreamModel(), s.displayName(), s.kind(), s.price(), s.imagePrices(), s.limits(),
                s.active(), s.aliases(), routing);
    }
}
