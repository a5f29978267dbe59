package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** OpenAI's {@code /v1/embeddings} and {@code /v1/images/generations}, for every provider that offers them. */
@RestController
class MediaController {

    private final OpenAiRequests requests;
    private final Inference inference;

    MediaController(OpenAiRequests requests, Inference inference) {
        this.requests = requests;
        this.inference = inference;
    }

    @PostMapping("/v1/embeddings")
    ResponseEntity<byte[]> embeddings(Caller caller, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return whole(requests.embeddings(caller, body, RequestIds.of(request)));
    }

    @PostMapping("/v1/images/generations")
    ResponseEntity<byte[]> images(Caller caller, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return whole(requests.images(caller, body, RequestIds.of(request)));
    }

    private ResponseEntity<byte[]> whole(CallRequest call) {
        var answer = new WholeAnswer();
        inference.execute(call, answer);
        return answer.response();
    }
}
