package dev.switchboard.gateway;

import java.io.IOException;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
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
    void embeddings(Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        whole(requests.embeddings(caller, JsonBody.read(request), RequestIds.of(request)), response);
    }

    @PostMapping("/v1/images/generations")
    void images(Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        whole(requests.images(caller, JsonBody.read(request), RequestIds.of(request)), response);
    }

    private void whole(CallRequest call, HttpServletResponse response) throws IOException {
        var answer = new WholeAnswer();
        inference.execute(call, answer);
        answer.send(response);
    }
}
