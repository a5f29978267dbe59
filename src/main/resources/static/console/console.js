// The console's only script (no inline script: the Content-Security-Policy forbids it).
(function () {
    "use strict";
    var root = document.documentElement;
    var saved = localStorage.getItem("switchboard-theme");
    if (saved === "light" || saved === "dark") {
        root.dataset.theme = saved;
    }

    function dark() {
        return root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    }

    document.addEventListener("click", function (event) {
        var target = event.target.closest("button, [data-copy]");
        if (!target) return;
        if (target.id === "theme-toggle") {
            root.dataset.theme = dark() ? "light" : "dark";
            localStorage.setItem("switchboard-theme", root.dataset.theme);
        } else if (target.dataset.reveal) {
            var field = document.getElementById(target.dataset.reveal);
            var show = field.type === "password";
            field.type = show ? "text" : "password";
            target.textContent = show ? "Hide" : "Show";
            target.setAttribute("aria-pressed", String(show));
        } else if (target.dataset.copy) {
            var source = document.getElementById(target.dataset.copy);
            navigator.clipboard.writeText(source.value).then(function () {
                target.textContent = "Copied";
            });
        }
    });

    document.addEventListener("submit", function (event) {
        var message = event.target.dataset.confirm;
        if (message && !confirm(message)) event.preventDefault();
    });

    // htmx requests carry the session's CSRF token like forms do
    document.addEventListener("htmx:configRequest", function (event) {
        var token = document.body.dataset.csrf;
        if (token) event.detail.headers["X-CSRF-Token"] = token;
    });
})();

// Charts from a series' items (data-label, data-value), the whole period's even when its table is paged.
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart-table]").forEach(function (canvas) {
        if (!window.Chart) return;
        var rows = document.querySelectorAll("#" + canvas.dataset.chartTable + " [data-value]");
        var labels = [], values = [];
        rows.forEach(function (row) { labels.push(row.dataset.label); values.push(Number(row.dataset.value)); });
        var style = getComputedStyle(document.documentElement);
        var accent = style.getPropertyValue("--accent").trim(), muted = style.getPropertyValue("--muted").trim();
        canvas.chart = new window.Chart(canvas, {
            type: "bar",
            data: { labels: labels, datasets: [{ label: "Cost (USD)", data: values, backgroundColor: accent, maxBarThickness: 48 }] },
            options: {
                animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
                scales: { x: { ticks: { color: muted } }, y: { ticks: { color: muted }, beginAtZero: true } }
            }
        });
        canvas.dataset.drawn = String(values.length);
    });
});
