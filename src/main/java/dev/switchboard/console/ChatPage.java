package dev.switchboard.console;

import java.io.IOException;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.AvailableModels;
import dev.switchboard.catalog.Model;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chat playground. The page lists the caller's chat models; its script talks to {@code /api/conversations} through
 * {@code /playground/api/conversations/**}, which is forwarded in-process to the conversation routes with the session's
 * token (and only after the CSRF check): the conversations, the streamed turns, their tokens and cost are the API's
 * own, with no second implementation here.
 */
@Controller
class ChatPage {

    private static final String API = "/playground/api/conversations";
    private final AvailableModels models;

    ChatPage(AvailableModels models) {
        this.models = models;
    }

    @GetMapping("/playground")
    String chat(Caller caller, @RequestParam(defaultValue = "") String model, org.springframework.ui.Model page) {
        ConsoleErrors.signedIn(page, caller);
        var chat = models.usableBy(caller).stream().filter(m -> Model.CHAT.equals(m.kind())).map(Model::name).sorted().toList();
        page.addAttribute("models", chat);
        page.addAttribute("model", chat.contains(model) ? model : chat.isEmpty() ? "" : chat.getFirst());
        return "console/chat";
    }

    @RequestMapping({API, API + "/**"})
    void conversations(Caller caller, HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        var path = request.getRequestURI().substring(request.getContextPath().length() + "/playground".length());
        request.getRequestDispatcher(path).forward(request, response); // the parameters go along
    }
}
