// The key pool page: the edit dialogs (native <dialog>: Esc closes, focus stays inside), "Test" with a spinner while
// the provider is asked, and the import of an exported bundle with a progress bar. The test's answer is the API's JSON; it is only ever set as textContent.
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

    // Import: the file is read in the page, sent with the upload's progress on the bar, then the bar runs without an end
    // while the server opens the bundle (argon2id takes a moment) and seals each key. Refusals go next to their field.
    function fieldError(id, message) {
        var error = document.getElementById(id + "-error"), input = document.getElementById(id);
        error.textContent = message || "";
        error.hidden = !message;
        if (message) { input.setAttribute("aria-invalid", "true"); input.focus(); } else input.removeAttribute("aria-invalid");
    }

    function importDone(result, answer) {
        var skipped = (answer.skipped || []).map(function (s) { return s.provider + "/" + s.name + " (" + s.reason + ")"; });
        result.className = "wide test-result ok";
        result.textContent = "Imported " + answer.imported + (answer.imported === 1 ? " key" : " keys")
            + (skipped.length ? "; skipped " + skipped.join(", ") : "") + ".";
        if (answer.imported > 0) {
            var reload = document.createElement("a");
            reload.href = "/admin/keys";
            reload.textContent = " Show the keys";
            result.append(reload);
        }
    }

    function send(form, bundle, passphrase) {
        var bar = document.getElementById("import-bar"), step = document.getElementById("import-step");
        var result = document.getElementById("import-result"), button = document.getElementById("import-start");
        var request = new XMLHttpRequest();
        document.getElementById("import-progress").hidden = false;
        bar.value = 0;
        step.textContent = "Sending the bundle…";
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        request.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
        request.upload.onload = function () { bar.removeAttribute("value"); step.textContent = "Opening the bundle and sealing each key…"; };
        request.onloadend = function () {
            button.disabled = false;
            button.removeAttribute("aria-busy");
            var answer = {};
            try { answer = JSON.parse(request.responseText); } catch (ignored) { /* not JSON: said below */ }
            bar.value = 100;
            if (request.status === 200) {
                step.textContent = "Done.";
                importDone(result, answer);
                return;
            }
            document.getElementById("import-progress").hidden = true;
            var detail = answer.detail || ("The import failed (" + (request.status || "no answer") + ").");
            fieldError(/passphrase/i.test(detail) ? "ik-passphrase" : "ik-file", detail);
        };
        request.open("POST", form.dataset.import);
        request.setRequestHeader("Content-Type", "application/json");
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader("X-CSRF-Token", document.body.dataset.csrf);
        request.send(JSON.stringify({ passphrase: passphrase, bundle: bundle }));
    }

    var importForm = document.getElementById("import-form");
    if (importForm) importForm.addEventListener("submit", function (event) {
        event.preventDefault();
        fieldError("ik-file", null);
        fieldError("ik-passphrase", null);
        document.getElementById("import-result").textContent = "";
        var file = document.getElementById("ik-file").files[0];
        var passphrase = document.getElementById("ik-passphrase").value;
        if (!file) { fieldError("ik-file", "Choose the bundle file that the export wrote."); return; }
        if (!passphrase) { fieldError("ik-passphrase", "Type the passphrase the bundle was exported with."); return; }
        file.text().then(function (text) {
            var bundle;
            try { bundle = JSON.parse(text); } catch (e) { bundle = null; }
            if (!bundle || typeof bundle !== "object" || Array.isArray(bundle)) {
                fieldError("ik-file", "This file is not a key bundle: it is not a JSON object.");
                return;
            }
            send(importForm, bundle, passphrase);
        });
    });

    document.addEventListener("click", function (event) {
        var target = event.target.closest("button");
        if (!target) return;
        if (target.dataset.dialog) openDialog(document.getElementById(target.dataset.dialog));
        else if (target.hasAttribute("data-close-dialog")) target.closest("dialog").close();
        else if (target.dataset.test) test(target);
    });
    document.querySelectorAll("dialog[data-open='true']").forEach(openDialog);
})();
