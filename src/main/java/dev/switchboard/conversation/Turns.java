package dev.switchboard.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallRequest;
import dev.switchboard.gateway.ConversationCalls;
import dev.switchboard.gateway.Inference;
import dev.switchboard.gateway.Refusal;
import dev.switchboard.gateway.Sink;
import dev.switchboard.money.Money;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A conversation's turns: the call goes through the gateway's pipeline with the conversation's history before its own
 * messages ({@link History}), and once it has ended its questions and the answer are stored together: whole, or as
 * {@code partial} with what arrived when the stream broke or the client left. A call refused or failed before any
 * answer leaves the conversation as it was (its usage record, if it reached a provider, stays for billing). The same
 * path serves {@code POST /api/conversations/{id}/messages} and {@code conversation_id} on the inference endpoints.
 */
@Service
class Turns implements ConversationCalls {

    /** Roles that are the conversation's own setting, not its turns: not stored from a call's messages. */
    private static final Set<String> NOT_TURNS = Set.of("system", "developer");
    private static final int TITLE_LENGTH = 60;

    private final Conversations conversations;
    private final History history;
    private final TokenCounter tokens;
    private final Catalog catalog;
    private final Inference inference;
    private final JsonMapper json;

    Turns(Conversations conversations, History history, TokenCounter tokens, Catalog catalog, Inference inference, JsonMapper json) {
        this.conversations = conversations;
        this.history = history;
        this.tokens = tokens;
        this.catalog = catalog;
        this.inference = inference;
        this.json = json;
    }

    @Override
    public void serve(String conversationId, CallRequest call, Sink sink) {
        exchange(owned(conversationId, call.caller().userId()), call, sink);
    }

    /** The user's conversation, or a 404 that does not tell whether it exists for someone else. */
    Conversation owned(String id, String userId) {
        return Optional.ofNullable(userId).flatMap(user -> conversations.owned(id, user)).orElseThrow(() -> notFound(id));
    }

    static Refusal notFound(String id) {
        return new Refusal(404, "conversation_not_found", "conversation_id", "There is no conversation '" + id + "'.");
    }

    /** Sends the call as the conversation's next turns; answers what was stored (nothing when no answer came). */
    List<StoredMessage> exchange(Conversation conversation, CallRequest call, Sink sink) {
        var questions = questions(call);
        var answer = new Answer(json, call.endpoint().dialect());
        var prepared = history.prepend(conversation, conversations.messages(conversation.id()), call);
        try {
            inference.execute(prepared, answer.around(sink));
        } catch (RuntimeException | Error e) {
            keep(conversation, questions, answer, call);
            throw e;
        }
        return keep(conversation, questions, answer, call);
    }

    private List<StoredMessage> keep(Conversation conversation, List<Conversations.Draft> questions, Answer answer, CallRequest call) {
        if (!answer.worthKeeping()) {
            return List.of();
        }
        var metered = answer.metered();
        var drafts = new ArrayList<>(questions);
        drafts.add(new Conversations.Draft("assistant", json.writeValueAsString(answer.content()), call.endpoint().dialect(),
                metered.model(), metered.inputTokens(), metered.outputTokens(), metered.cost(), metered.usageRecordId(),
                metered.complete() ? StoredMessage.Status.COMPLETE : StoredMessage.Status.PARTIAL));
        return conversations.append(conversation.id(), drafts, conversation.title() == null ? title(call) : null);
    }

    private List<Conversations.Draft> questions(CallRequest call) {
        var encoding = tokens.encodingFor(catalog.model(call.model()).map(Model::upstreamModel).orElse(call.model()));
        var drafts = new ArrayList<Conversations.Draft>();
        for (var message : call.body().path("messages")) {
            var role = message.path("role").asString("");
            if (!NOT_TURNS.contains(role)) {
                var content = message.get("content");
                drafts.add(new Conversations.Draft(role, json.writeValueAsString(content), call.endpoint().dialect(), null,
                        tokens.message(encoding, role, content), 0, Money.ZERO, null, StoredMessage.Status.COMPLETE));
            }
        }
        return drafts;
    }

    /** The first question's text, its spaces collapsed, cut at {@value #TITLE_LENGTH} characters (never inside one). */
    private static String title(CallRequest call) {
        for (var message : call.body().path("messages")) {
            if ("user".equals(message.path("role").asString("")) && message.get("content") != null) {
                var text = Contents.text(message.get("content")).strip().replaceAll("\\s+", " ");
                if (!text.isEmpty()) {
                    var end = text.codePointCount(0, text.length()) <= TITLE_LENGTH ? text.length() : text.offsetByCodePoints(0, TITLE_LENGTH);
                    return end == text.length() ? text : text.substring(0, end).strip() + "…";
                }
            }
        }
        return null;
    }
}
