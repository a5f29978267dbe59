"""Writes the mock upstreams' answers: an OpenAI chat.completion, an OpenAI chunk stream of 20 content chunks
with the usage chunk and [DONE], and the equivalent Anthropic Messages event stream."""
import json, os, sys

words = [f"word{i} " for i in range(20)]
usage = {"prompt_tokens": 12, "completion_tokens": 20, "total_tokens": 32,
         "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
         "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                       "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}

def openai_json():
    return json.dumps({"id": "chatcmpl-bench", "object": "chat.completion", "created": 1767225600, "model": "gpt-4o-mini",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(words), "refusal": None,
                                                            "annotations": []}, "logprobs": None, "finish_reason": "stop"}],
                       "usage": usage, "service_tier": "default", "system_fingerprint": "fp_bench"}, separators=(",", ":"))

def chunk(delta, finish=None, extra=None):
    c = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1767225600, "model": "llama-3.3-70b-versatile",
         "system_fingerprint": "fp_bench", "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
         "usage": None}
    if extra:
        c.update(extra)
    return "data: " + json.dumps(c, separators=(",", ":")) + "\n\n"

def openai_sse():
    out = chunk({"role": "assistant", "content": ""})
    out += "".join(chunk({"content": w}) for w in words)
    out += chunk({}, "stop")
    last = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1767225600, "model": "llama-3.3-70b-versatile",
            "system_fingerprint": "fp_bench", "choices": [], "usage": usage}
    out += "data: " + json.dumps(last, separators=(",", ":")) + "\n\n"
    return out + "data: [DONE]\n\n"

def event(name, data):
    return f"event: {name}\ndata: " + json.dumps(data, separators=(",", ":")) + "\n\n"

def anthropic_sse():
    out = event("message_start", {"type": "message_start", "message": {
        "id": "msg_bench", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5", "content": [],
        "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": 12, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 1}}})
    out += event("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}})
    out += event("ping", {"type": "ping"})
    out += "".join(event("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                 "delta": {"type": "text_delta", "text": w}}) for w in words)
    out += event("content_block_stop", {"type": "content_block_stop", "index": 0})
    out += event("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                                   "usage": {"output_tokens": 20}})
    return out + event("message_stop", {"type": "message_stop"})

if __name__ == "__main__":
    template, target, work, ports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    conf = open(template).read().replace("__DIR__", work)
    for name, port in zip(("__OPENAI_PORT__", "__STREAM_PORT__", "__ANTHROPIC_PORT__", "__FAULT_OPENAI_PORT__", "__FAULT_STREAM_PORT__"), ports):
        conf = conf.replace(name, port)
    open(target, "w").write(conf)
    os.makedirs(os.path.join(work, "www"), exist_ok=True)
    for name, body in (("openai.json", openai_json()), ("openai.sse", openai_sse()), ("anthropic.sse", anthropic_sse())):
        with open(os.path.join(work, "www", name), "w") as f:
            f.write(body)
