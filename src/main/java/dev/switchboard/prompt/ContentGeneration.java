package dev.switchboard.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallFailure;
import dev.switchboard.gateway.CallRequest;
import dev.switchboard.gateway.Endpoint;
import dev.switchboard.gateway.Inference;
import dev.switchboard.gateway.JsonSink;
import dev.switchboard.gateway.Metered;
import dev.switchboard.gateway.PromptTemplates;
import dev.switchboard.gateway.Refusal;
import dev.switchboard.money.Money;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Seed 002's multi-language generation: one chat call per language, all at once on virtual threads (at most
 * {@value #PARALLEL} in flight per request), each through the gateway's pipeline, so each is budgeted, billed and
 * recorded on its own. A language that fails is reported in its own result; the others are unaffected.
 */
@Service
class ContentGeneration {

    static final int MAX_LANGUAGES = 20;
    static final int PARALLEL = 8;
    /** Seed 002's provider names and the catalog's providers they mean. */
    static final Map<String, String> PROVIDERS = Map.of("claude", "anthropic", "openai", "openai", "groq", "groq");

    private final Inference inference;
    private final PromptTemplates templates;
    private final Catalog catalog;
    private final JsonMapper json;

    ContentGeneration(Inference inference, PromptTemplates templates, Catalog catalog, JsonMapper json) {
        this.inference = inference;
        this.templates = templates;
        this.catalog = catalog;
        this.json = json;
    }

    record Request(String prompt, String template, JsonNode variables, List<String> languages, String provider, String model, Long maxTokens) {
    }

    record Result(String language, String content, String model, long inputTokens, long outputTokens, Money cost, long generationMillis,
                  CallFailure error) {
    }

    List<Result> generate(Caller caller, Request request) {
        var languages = languages(request.languages());
        var model = model(request);
        var prompt = prompt(caller, request);
        var bound = new Semaphore(PARALLEL);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Result>>();
            for (var language : languages) {
                futures.add(executor.submit(bounded(bound, () -> one(caller, language, model, prompt, request.maxTokens()))));
            }
            return futures.stream().map(ContentGeneration::result).toList();
        }
    }

    private Result one(Caller caller, String language, String model, PromptTemplates.Rendered prompt, Long maxTokens) {
        var started = System.nanoTime();
        var body = JsonNodeFactory.instance.objectNode().put("model", model);
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        var instruction = "Write your whole answer in the language with the BCP 47 tag '" + language + "'.";
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system() == null ? instruction : prompt.system() + "\n\n" + instruction);
        messages.addObject().put("role", "user").put("content", prompt.prompt());
        var call = new CallRequest(caller, Endpoint.CHAT_COMPLETIONS, model, false, maxTokens, body,
                CallRequest.newRequestId(), null, CallRequest.Billing.TOKENS, started, prompt.version());
        var answer = new Answer();
        try {
            inference.execute(call, answer);
        } catch (Refusal e) {
            return failed(language, model, started, new CallFailure(e.status(), e.reason(), e.getMessage(), e.retryAfterSeconds()), answer);
        } catch (CallFailure.CallFailed e) {
            return failed(language, model, started, e.failure(), answer);
        }
        var metered = answer.metered;
        var content = json.readTree(answer.body).path("choices").path(0).path("message").path("content").asString("");
        return new Result(language, content, metered.model(), metered.inputTokens(), metered.outputTokens(), metered.cost(), millisSince(started), null);
    }

    private static Result failed(String language, String model, long started, CallFailure failure, Answer answer) {
        var metered = answer.metered;
        return new Result(language, null, model, metered == null ? 0 : metered.inputTokens(), metered == null ? 0 : metered.outputTokens(),
                metered == null ? Money.ZERO : metered.cost(), millisSince(started), failure);
    }

    /** The prompt as given, or the template rendered once for every language (one version drawn for the whole request). */
    private PromptTemplates.Rendered prompt(Caller caller, Request request) {
        if ((request.prompt() == null) == (request.template() == null)) {
            throw Refusal.invalid("prompt", "invalid_value", "Give either 'prompt' or 'template' (with 'variables').");
        }
        if (request.template() != null) {
            return templates.render(caller, request.template(), request.variables());
        }
        if (request.variables() != null) {
            throw Refusal.invalid("variables", "invalid_value", "'variables' fill a template: name one in 'template'.");
        }
        if (request.prompt().isBlank()) {
            throw Refusal.invalid("prompt", "invalid_value", "'prompt' must not be empty.");
        }
        return new PromptTemplates.Rendered(null, request.prompt(), null);
    }

    /** The model named, or the default (cheapest active chat model) of the provider named in seed 002's words. */
    private String model(Request request) {
        if (request.model() != null) {
            return request.model();
        }
        if (request.provider() == null) {
            throw Refusal.invalid("model", "missing_required_parameter", "Name a 'model', or a 'provider' (claude, openai or groq).");
        }
        var provider = PROVIDERS.get(request.provider().toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw Refusal.invalid("provider", "invalid_value", "'provider' must be claude, openai or groq.");
        }
        return catalog.activeModels().stream().filter(m -> m.providerId().equals(provider) && m.kind().equals(Model.CHAT))
                .min(Comparator.comparingLong((Model m) -> m.price().inputPerMillion() + m.price().outputPerMillion()).thenComparing(Model::name))
                .map(Model::name)
                .orElseThrow(() -> Refusal.invalid("provider", "invalid_value", "The provider '" + request.provider() + "' has no chat model."));
    }

    private static List<String> languages(List<String> languages) {
        if (languages == null || languages.isEmpty() || languages.size() > MAX_LANGUAGES) {
            throw Refusal.invalid("languages", "invalid_value", "'languages' must list 1 to " + MAX_LANGUAGES + " language tags.");
        }
        for (var tag : languages) {
            try {
                if (tag == null || tag.isBlank()) {
                    throw new IllformedLocaleException("empty");
                }
                new Locale.Builder().setLanguageTag(tag);
            } catch (IllformedLocaleException e) {
                throw Refusal.invalid("languages", "invalid_language", "'" + tag + "' is not a BCP 47 language tag.");
            }
        }
        if (languages.stream().distinct().count() < languages.size()) {
            throw Refusal.invalid("languages", "invalid_value", "'languages' lists a language twice.");
        }
        return languages;
    }

    private static <T> Callable<T> bounded(Semaphore bound, Callable<T> task) {
        return () -> {
            bound.acquire();
            try {
                return task.call();
            } finally {
                bound.release();
            }
        };
    }

    private static Result result(Future<Result> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Keeps a whole answer and how it was recorded. */
    private static final class Answer implements JsonSink {
        private byte[] body;
        private Metered metered;

        @Override
        public void answer(byte[] json) {
            body = json;
        }

        @Override
        public void recorded(Metered recorded) {
            metered = recorded;
        }
    }
}
