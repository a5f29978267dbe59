package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console's session at the HTTP level: the cookie's flags, CSRF on every unsafe request, the API's login throttle,
 * the admin interceptor on console URLs, the Content-Security-Policy, and a cookie that never authorises the API.
 */
class ConsoleSessionTest extends PeopleTestSupport {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void shouldSignInWithAnHttpOnlySameSiteCookieAndAFreshSession() {
        var person = createPerson("USER");
        var form = get("/login");
        var before = cookie(form);
        var signedIn = post("/login", before, "_csrf=" + csrf(form) + "&email=" + enc(person.email()) + "&password=" + enc(person.password()));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/models"));
        var setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("switchboard_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        var after = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(after).as("a new session at sign-in").isNotEqualTo(before);
        var models = get("/models", "Cookie", after);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                p -> assertThat(p).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    }

    @Test
    void shouldRefuseAnUnsafeRequestWithoutTheSessionsCsrfToken() {
        var person = createPerson("USER");
        var session = signIn(person);
        var page = get("/keys", "Cookie", session);
        assertThat(post("/keys", session, "name=forged").statusCode()).isEqualTo(403);
        assertThat(post("/keys", session, "name=forged&_csrf=not-the-token").statusCode()).isEqualTo(403);
        assertThat(post("/keys", session, "name=mine&_csrf=" + csrf(page)).statusCode()).isEqualTo(200);
        assertThat(gatewayKeys.list(person.id())).extracting(k -> k.name()).containsExactly("mine");
        assertThat(post("/logout", session, "").statusCode()).as("sign-out needs the token too").isEqualTo(403);
    }

    @Test
    void shouldThrottleConsoleSignInsWithTheApisCounters() {
        var person = createPerson("USER");
        for (int i = 0; i < 5; i++) { // from another loopback address: the account's counter is what refuses, as in the API
            var failed = send(HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + port + "/api/login/access-token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(person.email()) + "&password=wrong")).build());
            assertThat(failed.statusCode()).isEqualTo(401);
        }
        var form = get("/login");
        var refused = post("/login", cookie(form), "_csrf=" + csrf(form) + "&email=" + enc(person.email()) + "&password=" + enc(person.password()));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-in attempts");
    }

    @Test
    void shouldShowAUserA403OnAdminPagesAndSendStrangersToSignIn() {
        var user = signIn(createPerson("USER"));
        assertThat(get("/admin/providers", "Cookie", user).statusCode()).isEqualTo(403);
        assertThat(get("/admin", "Cookie", user).statusCode()).isEqualTo(403);
        var admin = signIn(createPerson("ADMIN"));
        assertThat(get("/admin/providers", "Cookie", admin).statusCode()).isEqualTo(200);
        var stranger = get("/admin/providers");
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Autowired
    dev.switchboard.catalog.Catalog catalog;

    @Test
    void shouldPageTheProvidersAsEveryOtherList() {
        var admin = signIn(createPerson("ADMIN"));
        var count = catalog.providers().size();
        var pages = Math.max(1, (count + ProvidersPage.PAGE_SIZE - 1) / ProvidersPage.PAGE_SIZE);
        var last = get("/admin/providers?page=" + (pages + 5), "Cookie", admin);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(Pattern.compile("<tr id=\"provider-").matcher(last.body()).results().count()).as("the last page's rows (a page past it is the last)")
                .isEqualTo(count - (pages - 1) * ProvidersPage.PAGE_SIZE);
        assertThat(last.body().contains("class=\"pager\"")).as("a pager only when there is more than one page").isEqualTo(pages > 1);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void shouldRefuseAUserOnEveryConsoleAdminRoute() {
        var routes = new java.util.ArrayList<String[]>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream().filter(p -> p.startsWith("/admin"))
                .forEach(p -> (info.getMethodsCondition().getMethods().isEmpty() ? java.util.Set.of(RequestMethod.GET)
                        : info.getMethodsCondition().getMethods()).forEach(m -> routes.add(new String[] {m.name(), p.replaceAll("\\{[^}]+}", "x")}))));
        assertThat(routes).extracting(r -> r[0] + " " + r[1]).contains("GET /admin/keys", "POST /admin/keys", "GET /admin/api-clients",
                "POST /admin/api-clients", "GET /admin/billing", "POST /admin/billing/limits", "GET /admin/billing/export.csv", "GET /admin/providers",
                "GET /admin/users", "POST /admin/users", "GET /admin/users/x", "POST /admin/users/x/role", "POST /admin/users/x/active",
                "POST /admin/users/x/credits", "POST /admin/users/x/subscription", "GET /admin/models", "GET /admin/models/x",
                "POST /admin/models/x", "POST /admin/models/x/active", "POST /admin/models/x/aliases", "POST /admin/models/x/aliases/remove",
                "POST /admin/models/x/deployments", "POST /admin/models/x/deployments/remove", "POST /admin/models/x/routing",
                "GET /admin/prompts", "GET /admin/prompts/x", "POST /admin/prompts/x/versions/x/draw", "POST /admin/prompts/x/versions/x/preview");
        var user = signIn(createPerson("USER"));
        var token = csrf(get("/models", "Cookie", user));
        for (var route : routes) {
            var answer = route[0].equals("GET") ? get(route[1], "Cookie", user) : post(route[1], user, "_csrf=" + token);
            assertThat(answer.statusCode()).as(route[0] + " " + route[1]).isEqualTo(403);
        }
    }

    @Test
    void shouldNeverLetTheSessionCookieAuthoriseTheApi() {
        var session = signIn(createPerson("ADMIN"));
        assertThat(get("/api/admin/users", "Cookie", session).statusCode()).isEqualTo(401);
        assertThat(get("/api/users/me", "Cookie", session).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldEndTheSessionAtSignOut() {
        var session = signIn(createPerson("USER"));
        var page = get("/models", "Cookie", session);
        assertThat(post("/logout", session, "_csrf=" + csrf(page)).statusCode()).isEqualTo(302);
        assertThat(get("/models", "Cookie", session).statusCode()).isEqualTo(302);
    }

    private String signIn(Person person) {
        var form = get("/login");
        var response = post("/login", cookie(form), "_csrf=" + csrf(form) + "&email=" + enc(person.email()) + "&password=" + enc(person.password()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return cookie(response);
    }

    private HttpResponse<String> post(String path, String cookie, String form) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String cookie(HttpResponse<String> response) {
        var header = response.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private static String csrf(HttpResponse<String> page) {
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return enc(matcher.group(1));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
