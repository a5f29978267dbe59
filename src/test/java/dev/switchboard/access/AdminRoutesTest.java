package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapped {@code /api/admin/**} route, whoever adds it, and the seeds' admin paths that compat declares
 * ({@code /v2/admin/**}, {@code /api/llm/keys/**}): 403 for a USER (token or key), never 403 for an ADMIN.
 */
class AdminRoutesTest extends PeopleTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<String[]> adminRoutes() {
        var routes = new ArrayList<String[]>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/admin") || p.startsWith("/v2/admin") || p.startsWith("/api/llm/keys"))
                .forEach(pattern -> {
                    var path = pattern.replaceAll("\\{\\*?[^}]+}", UUID.randomUUID().toString());
                    var methods = info.getMethodsCondition().getMethods();
                    (methods.isEmpty() ? List.of(RequestMethod.GET) : methods)
                            .forEach(m -> routes.add(new String[] {m.name(), path}));
                }));
        return routes;
    }

    @Test
    void shouldRefuseAUserOnEveryAdminRouteAndAdmitAnAdmin() {
        var routes = adminRoutes();
        assertThat(routes).extracting(r -> r[0] + " " + r[1].replaceAll("[0-9a-f-]{36}", "{id}"))
                .contains("GET /api/admin/users", "POST /api/admin/users", "PATCH /api/admin/users/{id}",
                        "GET /api/admin/providers", "GET /api/admin/providers/{id}", "PUT /api/admin/providers/{id}",
                        "GET /api/admin/models", "POST /api/admin/models", "GET /api/admin/models/{id}",
                        "PUT /api/admin/models/{id}", "DELETE /api/admin/models/{id}", "GET /api/admin/llm-keys", "POST /api/admin/llm-keys",
                        "PUT /api/admin/llm-keys/{id}", "POST /api/admin/llm-keys/{id}/test", "GET /api/admin/llm-keys/statistics",
                        "GET /api/admin/llm-keys/export", "POST /api/admin/llm-keys/import", "GET /v2/admin/llm-keys",
                        "GET /api/llm/keys", "POST /api/llm/keys/{id}/toggle", "GET /api/llm/keys/statistics",
                        "PUT /api/admin/settings/providers/{id}/multiplier", "POST /api/admin/llm/providers/{id}/keys",
                        "GET /api/admin/billing/usage", "GET /api/admin/billing/costs",
                        "GET /api/admin/api-clients", "POST /api/admin/api-clients", "GET /api/admin/api-clients/{id}", "PUT /api/admin/api-clients/{id}",
                        "DELETE /api/admin/api-clients/{id}", "GET /api/admin/organisation", "PUT /api/admin/organisation",
                        "GET /api/admin/conversations/{id}", "GET /api/admin/conversations/{id}/messages");
        var user = createPerson("user");
        var userToken = tokenOf(user);
        var userKey = newUser();
        var adminToken = tokenOf(createPerson("admin"));

        for (var route : routes) {
            var body = route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}";
            var asUser = request(route[0], route[1], body, "Authorization", userToken);
            if (route[1].startsWith("/v2/")) {
                assertThat(asUser.statusCode()).as(route[1]).isEqualTo(403);
                assertThat(json(asUser).path("detail").asString()).as("FastAPI's shape on " + route[1]).isNotBlank();
            } else {
                assertProblem(asUser, 403);
            }
            assertThat(request(route[0], route[1], body, "Authorization", bearer(userKey)).statusCode())
                    .as(route[0] + " " + route[1] + " with a user's gateway key").isEqualTo(403);
            assertThat(request(route[0], route[1], body).statusCode()).as(route[0] + " " + route[1] + " anonymous").isEqualTo(401);
            assertThat(request(route[0], route[1], body, "Authorization", adminToken).statusCode())
                    .as(route[0] + " " + route[1] + " as admin").isNotIn(401, 403);
            assertThat(request(route[0], route[1], body, "Authorization", ADMIN).statusCode())
                    .as(route[0] + " " + route[1] + " with the admin key").isNotIn(401, 403);
        }
    }

    @Test
    void shouldRefuseAUserEvenOnAnAdminPathThatDoesNotExist() {
        var token = tokenOf(createPerson("user"));

        assertThat(get("/api/admin/no-such-thing", "Authorization", token).statusCode()).isIn(403, 404);
        assertThat(get("/api/admin/no-such-thing", "Authorization", token).body()).doesNotContain("Whitelabel");
    }
}
