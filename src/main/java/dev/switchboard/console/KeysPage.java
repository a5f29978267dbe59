package dev.switchboard.console;

import dev.switchboard.access.Caller;
import dev.switchboard.access.GatewayKeys;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The caller's gateway keys ({@link GatewayKeys}, as {@code /api/users/me/gateway-keys}): create one and see its
 * secret once, in the answer to that POST and never again; list them by their last four characters, twenty to a page; revoke.
 */
@Controller
class KeysPage {

    static final int PAGE_SIZE = 20;
    private static final int MAX_NAME = 100;
    private final GatewayKeys keys;

    KeysPage(GatewayKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/keys")
    String keys(Caller caller, @RequestParam(defaultValue = "1") int page, Model model) {
        ConsoleErrors.signedIn(model, caller);
        model.addAttribute("keys", Paged.of(keys.list(caller.userId()), page, PAGE_SIZE, "/keys", "page"));
        return "console/keys";
    }

    @PostMapping("/keys")
    String create(Caller caller, @RequestParam(defaultValue = "") String name, Model model) {
        var trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            model.addAttribute("nameError", "Give the key a name of 1 to " + MAX_NAME + " characters.");
            return keys(caller, 1, model);
        }
        model.addAttribute("created", keys.create(caller.userId(), trimmed, false));
        return keys(caller, 1, model);
    }

    @PostMapping("/keys/{id}/revoke")
    String revoke(Caller caller, @PathVariable String id) {
        keys.revoke(caller.userId(), id);
        return "redirect:/keys";
    }
}
