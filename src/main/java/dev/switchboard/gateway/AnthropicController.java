package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anthropic's Messages API, as its SDKs call it: {@code x-api-key} (or a bearer token), any {@code anthropic-version},
 * the answer as a {@code message} object or, with {@code stream: true}, Anthropic's event stream. {@code anthropic-beta}
 * is forwarded to Anthropic upstreams.
 */
@RestController
class AnthropicController {

    private final MessagesCalls calls;
    private final MessagesService messages;

    AnthropicController(MessagesCalls calls, MessagesService messages) {
        this.calls = calls;
        this.messages = messages;
    }

    @PostMapping("/v1/messages")
    ResponseEntity<byte[]> messages(Caller caller, @RequestBody(required = false) byte[] body,
                                    @RequestHeader(name = "anthropic-beta", required = false) String beta, HttpServletResponse response) {
        var call = calls.decide(caller, body == null ? new byte[0] : body, beta);
        if (!call.stream()) {
            return messages.complete(call);
        }
        messages.stream(call, response);
        return null;
    }
}
