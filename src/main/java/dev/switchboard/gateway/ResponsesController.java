package dev.switchboard.gateway;

import java.io.IOException;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's Responses API ({@code /v1/responses}), as its SDKs and Codex call it: a response as JSON or, with
 * {@code stream: true}, the typed event stream; stored responses (unless {@code store: false}) read back, listed by
 * input item and deleted by their owner.
 */
@RestController
class ResponsesController {

    private final ResponsesRequests requests;
    private final ResponsesHistory history;
    private final Inference inference;
    private final JsonMapper json;

    ResponsesController(ResponsesRequests requests, ResponsesHistory history, Inference inference, JsonMapper json) {
        this.requests = requests;
        this.history = history;
        this.inference = inference;
        this.json = json;
    }

    @PostMapping("/v1/responses")
    void create(Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var call = requests.create(caller, JsonBody.read(request), RequestIds.of(request));
        if (!call.call().stream()) {
            var answer = new WholeAnswer();
            inference.execute(call.call(), answer);
            keep(caller, call, answer.json());
            answer.send(response);
            return;
        }
        inference.execute(call.call(), new ResponsesSseRelay(response, terminal -> keep(caller, call, terminalResponse(terminal))));
    }

    @GetMapping("/v1/responses/{id}")
    ResponseEntity<byte[]> get(Caller caller, @PathVariable String id) {
        return ok(history.find(caller.userId(), id).responseJson());
    }

    @GetMapping("/v1/responses/{id}/input_items")
    ResponseEntity<byte[]> inputItems(Caller caller, @PathVariable String id,
                                      @RequestParam(required = false) String order, @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String after) {
        var page = new InputItemsPage(order, limit, after);
        var items = json.readTree(history.find(caller.userId(), id).inputItemsJson());
        return ok(page.of(json, items).toString());
    }

    @DeleteMapping("/v1/responses/{id}")
    ResponseEntity<byte[]> delete(Caller caller, @PathVariable String id) {
        history.delete(caller.userId(), id);
        return ok(json.createObjectNode().put("id", id).put("object", "response").put("deleted", true).toString());
    }

    private void keep(Caller caller, ResponsesRequests.ResponsesCall call, byte[] responseJson) {
        if (call.store()) {
            history.keep(caller.userId(), call, responseJson);
        }
    }

    private byte[] terminalResponse(byte[] terminalEvent) {
        return json.writeValueAsBytes(json.readTree(terminalEvent).path("response"));
    }

    private static ResponseEntity<byte[]> ok(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
