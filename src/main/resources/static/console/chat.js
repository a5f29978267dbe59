// The chat playground: conversations over /playground/api/conversations (the API's routes, forwarded with the session).
// Model output is never trusted: raw HTML in Markdown is escaped, the result goes through DOMPurify, and while it
// streams it is only ever set as textContent. The page's Content-Security-Policy forbids inline and remote script.
(function () {
    "use strict";
    var API = "/playground/api/conversations";
    var root = document.getElementById("chat");
    var list = document.getElementById("conversations");
    var messages = document.getElementById("messages");
    var errorLine = document.getElementById("chat-error");
    var prompt = document.getElementById("prompt");
    var modelSelect = document.getElementById("chat-model");
    var sendButton = document.getElementById("send");
    var stopButton = document.getElementById("stop");
    var current = new URLSearchParams(location.search).get("c");
    var running = null;

    function escapeHtml(text) {
        return text.replace(/[&<>"']/g, function (c) {
            return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
        });
    }

    window.marked.use({ renderer: { html: function (token) { return escapeHtml(token.text || token.raw || ""); } } });

    function markdown(text) {
        var html = window.marked.parse(text, { async: false });
        return window.DOMPurify.sanitize(html, { FORBID_TAGS: ["img", "style", "form", "input", "iframe"], FORBID_ATTR: ["style"] });
    }

    // Code blocks are highlighted after sanitising: highlight.js reads each block's text (never its HTML) and writes
    // escaped spans, so what it produces is text in coloured spans, whatever the model wrote.
    if (window.hljs) window.hljs.configure({ ignoreUnescapedHTML: true });

    function highlight(body) {
        if (!window.hljs) return;
        body.querySelectorAll("pre code").forEach(function (block) {
            var language = /language-([\w-]+)/.exec(block.className);
            if (language && !window.hljs.getLanguage(language[1])) block.className = "";
            window.hljs.highlightElement(block);
        });
    }

    function request(method, path, body) {
        var headers = { "X-CSRF-Token": document.body.dataset.csrf };
        if (body !== undefined) headers["Content-Type"] = "application/json";
        return fetch(API + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
            credentials: "same-origin" });
    }

    function json(response) {
        if (response.ok) return response.status === 204 ? null : response.json();
        return response.json().catch(function () { return {}; }).then(function (problem) {
            throw new Error(problem.detail || (problem.error && problem.error.message) || ("Error " + response.status));
        });
    }

    function textOf(content) {
        if (typeof content === "string") return content;
        if (Array.isArray(content)) return content.map(function (p) { return p.text || ""; }).join("");
        return "";
    }

    function meta(message) {
        return (message.input_tokens + message.output_tokens) + " tokens · $" + message.cost_usd
            + (message.status && message.status !== "complete" ? " · " + message.status : "");
    }

    function bubble(role) {
        var item = document.createElement("article");
        item.className = "msg " + role;
        var body = document.createElement("div");
        body.className = "body";
        item.appendChild(body);
        messages.appendChild(item);
        return item;
    }

    function show(message) {
        var item = bubble(message.role);
        var text = textOf(message.content);
        if (message.role === "assistant") {
            item.querySelector(".body").innerHTML = markdown(text);
            highlight(item.querySelector(".body"));
            var line = document.createElement("div");
            line.className = "meta";
            line.textContent = meta(message);
            item.appendChild(line);
        } else {
            item.querySelector(".body").textContent = text;
        }
        return item;
    }

    function showTotal(conversation) {
        document.getElementById("chat-total").textContent = conversation
            ? "Conversation: " + conversation.total_tokens + " tokens · $" + conversation.cost_usd : "";
        document.getElementById("rename-chat").hidden = !conversation;
        document.getElementById("delete-chat").hidden = !conversation;
    }

    // the conversation list, a page at a time: the API pages by cursor, so the cursors of the pages seen are kept to go back
    var PAGE = 20;
    var cursors = [null];
    var nextCursor = null;

    function showPager() {
        document.getElementById("conversation-pager").hidden = cursors.length === 1 && !nextCursor;
        document.getElementById("newer-chats").disabled = cursors.length === 1;
        document.getElementById("older-chats").disabled = !nextCursor;
        document.getElementById("chat-page").textContent = "Page " + cursors.length;
    }

    function loadList() {
        var q = document.getElementById("chat-search").value.trim();
        var cursor = cursors[cursors.length - 1];
        return request("GET", "?limit=" + PAGE + (q ? "&q=" + encodeURIComponent(q) : "") + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""))
            .then(json).then(function (page) {
            nextCursor = page.next_cursor;
            showPager();
            list.replaceChildren();
            page.data.forEach(function (c) {
                var li = document.createElement("li");
                var a = document.createElement("a");
                a.href = "/playground?c=" + encodeURIComponent(c.id);
                a.textContent = c.title || "Untitled";
                a.dataset.id = c.id;
                if (c.id === current) a.setAttribute("aria-current", "true");
                li.appendChild(a);
                list.appendChild(li);
            });
        });
    }

    function open(id) {
        current = id;
        messages.replaceChildren();
        if (!id) { showTotal(null); return Promise.resolve(); }
        return Promise.all([request("GET", "/" + id).then(json), request("GET", "/" + id + "/messages").then(json)])
            .then(function (both) {
                var conversation = both[0];
                if ([].some.call(modelSelect.options, function (o) { return o.value === conversation.model; })) {
                    modelSelect.value = conversation.model;
                }
                both[1].data.forEach(show);
                showTotal(conversation);
            });
    }

    function ensureConversation(text) {
        if (current) return Promise.resolve(current);
        return request("POST", "", { model: modelSelect.value, title: text.slice(0, 60) }).then(json).then(function (c) {
            current = c.id;
            history.replaceState(null, "", "/playground?c=" + encodeURIComponent(c.id));
            return c.id;
        });
    }

    // server-sent events from a fetch body: "event: x\ndata: {...}\n\n"
    function readEvents(response, onEvent) {
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function pump() {
            return reader.read().then(function (chunk) {
                if (chunk.done) return;
                buffer += decoder.decode(chunk.value, { stream: true });
                var end;
                while ((end = buffer.indexOf("\n\n")) >= 0) {
                    var raw = buffer.slice(0, end);
                    buffer = buffer.slice(end + 2);
                    var name = "message", data = "";
                    raw.split("\n").forEach(function (line) {
                        if (line.indexOf("event:") === 0) name = line.slice(6).trim();
                        else if (line.indexOf("data:") === 0) data += line.slice(5).trim();
                    });
                    if (data) onEvent(name, JSON.parse(data));
                }
                return pump();
            });
        }
        return pump();
    }

    function send(text) {
        errorLine.textContent = "";
        show({ role: "user", content: text });
        var answer = bubble("assistant");
        var streaming = document.createElement("div");
        streaming.className = "streaming";
        answer.querySelector(".body").appendChild(streaming);
        answer.dataset.pieces = "0";
        running = new AbortController();
        sendButton.hidden = true;
        stopButton.hidden = false;
        return ensureConversation(text).then(function (id) {
            return fetch(API + "/" + id + "/messages", {
                method: "POST", signal: running.signal, credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRF-Token": document.body.dataset.csrf, "Accept": "text/event-stream" },
                body: JSON.stringify({ content: text, stream: true, model: modelSelect.value })
            });
        }).then(function (response) {
            if (!response.ok) return json(response);
            return readEvents(response, function (name, data) {
                if (name === "delta") {
                    streaming.textContent += data.content;
                    answer.dataset.pieces = String(Number(answer.dataset.pieces) + 1);
                } else if (name === "message") {
                    answer.remove();
                    show(data).dataset.pieces = answer.dataset.pieces;
                } else if (name === "error") {
                    errorLine.textContent = data.error.message;
                }
            });
        }).catch(function (e) {
            if (e.name !== "AbortError") errorLine.textContent = e.message;
            else answer.classList.add("stopped");
        }).finally(function () {
            running = null;
            sendButton.hidden = false;
            stopButton.hidden = true;
            if (current) {
                request("GET", "/" + current).then(json).then(showTotal).catch(function () {});
                loadList().catch(function () {});
            }
        });
    }

    document.getElementById("composer").addEventListener("submit", function (event) {
        event.preventDefault();
        var text = prompt.value.trim();
        if (!text || running) return;
        prompt.value = "";
        send(text);
    });
    prompt.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            document.getElementById("composer").requestSubmit();
        }
    });
    stopButton.addEventListener("click", function () { if (running) running.abort(); });
    document.getElementById("new-chat").addEventListener("click", function () {
        history.replaceState(null, "", "/playground");
        open(null).then(loadList);
        prompt.focus();
    });
    document.getElementById("chat-search").addEventListener("input", function () { cursors = [null]; loadList(); });
    document.getElementById("older-chats").addEventListener("click", function () {
        if (!nextCursor) return;
        cursors.push(nextCursor);
        loadList();
    });
    document.getElementById("newer-chats").addEventListener("click", function () {
        if (cursors.length === 1) return;
        cursors.pop();
        loadList();
    });
    list.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-id]");
        if (!link) return;
        event.preventDefault();
        history.replaceState(null, "", link.href);
        open(link.dataset.id).then(loadList);
    });
    document.getElementById("rename-chat").addEventListener("click", function () {
        var title = window.prompt("New title");
        if (title) request("PATCH", "/" + current, { title: title }).then(json).then(loadList)
            .catch(function (e) { errorLine.textContent = e.message; });
    });
    document.getElementById("delete-chat").addEventListener("click", function () {
        if (!confirm("Delete this conversation?")) return;
        request("DELETE", "/" + current).then(json).then(function () {
            history.replaceState(null, "", "/playground");
            return open(null);
        }).then(loadList).catch(function (e) { errorLine.textContent = e.message; });
    });
    open(current).then(loadList).catch(function (e) { errorLine.textContent = e.message; });
    root.dataset.ready = "true";
})();
