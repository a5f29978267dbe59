// The key pool page: the edit dialogs (native <dialog>: Esc closes, focus stays inside) and "Test" with a spinner while
// the provider is asked. The test's answer is the API's JSON; it is only ever set as textContent.
(function () {
    "use strict";

    function openDialog(dialog) {
        dialog.showModal();
        var invalid = dialog.querySelector("[aria-invalid='true']");
        (invalid || dialog.querySelector("input:not([type=hidden])")).focus();
    }

    function describe(answer) {
        var words = { valid: "Key works", invalid: "Key refused by the provider", rate_limited: "Rate limited", unreachable: "Provider unreachable" };
        return (words[answer.result] || answer.result) + " · " + answer.latency_ms + " ms · " + answer.model
            + (answer.result === "valid" ? "" : " · " + answer.message);
    }

    function test(button) {
        var result = document.getElementById(button.dataset.result);
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        result.className = "test-result running";
        result.replaceChildren();
        var spinner = document.createElement("span");
        spinner.className = "spinner";
        spinner.setAttribute("aria-hidden", "true");
        result.append(spinner, document.createTextNode(" Testing…"));
        fetch(button.dataset.test, { method: "POST", credentials: "same-origin",
            headers: { "X-CSRF-Token": document.body.dataset.csrf, "Accept": "application/json" } })
            .then(function (response) {
                return response.json().catch(function () { return {}; }).then(function (body) {
                    if (!response.ok) throw new Error(body.detail || ("Error " + response.status));
                    return body;
                });
            })
            .then(function (answer) {
                result.className = "test-result " + (answer.result === "valid" ? "ok" : "bad");
                result.dataset.result = answer.result;
                result.textContent = describe(answer);
            })
            .catch(function (e) {
                result.className = "test-result bad";
                result.dataset.result = "error";
                result.textContent = e.message;
            })
            .finally(function () {
                button.disabled = false;
                button.removeAttribute("aria-busy");
            });
    }

    document.addEventListener("click", function (event) {
        var target = event.target.closest("button");
        if (!target) return;
        if (target.dataset.dialog) openDialog(document.getElementById(target.dataset.dialog));
        else if (target.hasAttribute("data-close-dialog")) target.closest("dialog").close();
        else if (target.dataset.test) test(target);
    });
    document.querySelectorAll("dialog[data-open='true']").forEach(openDialog);
})();
