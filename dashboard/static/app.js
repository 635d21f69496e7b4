// Small progressive enhancements for the Madoguchi dashboard; every page also works without them.
"use strict";

(function () {
  // Language switch: come back to the page the operator was on.
  document.querySelectorAll("input[data-current-path]").forEach(function (input) {
    input.value = window.location.pathname + window.location.search;
  });

  // The navigation's menu closes when the operator clicks elsewhere or presses Escape.
  var more = document.getElementById("nav-admin");
  if (more) {
    document.addEventListener("click", function (event) {
      if (more.open && !more.contains(event.target)) { more.open = false; }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && more.open) { more.open = false; more.querySelector("summary").focus(); }
    });
  }

  // Forms are sent once: a double click must not record a callback twice.
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        window.setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  });

  // Checklist boxes (a case's tasks) are saved as soon as they are ticked.
  document.querySelectorAll("input[data-autosubmit]").forEach(function (box) {
    box.addEventListener("change", function () {
      var form = box.form;
      if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    });
  });

  // A case being carried out by the worker reloads until its result (the CRL number) is there.
  var reloadAfter = document.body.getAttribute("data-reload-after");
  if (reloadAfter) {
    window.setTimeout(function () { window.location.reload(); }, parseInt(reloadAfter, 10));
  }

  // Live queue: long-poll a small JSON endpoint and swap the table rows when the queue changed.
  var rows = document.getElementById("queue-rows");
  var live = document.getElementById("live");
  if (!rows || !live) { return; }
  var version = parseInt(live.getAttribute("data-version") || "-1", 10);
  var fingerprint = live.getAttribute("data-fingerprint") || "";
  var notice = document.getElementById("queue-notice");
  var alerts = document.getElementById("job-alerts-box");

  // Emergency revocations whose execution failed are shown above the queue; refreshed with the rows.
  function refreshAlerts() {
    if (!alerts) { return null; }
    return fetch(alerts.getAttribute("data-alerts-url"), {credentials: "same-origin"})
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
      .then(function (html) { alerts.innerHTML = html; });
  }

  function refreshRows() {
    refreshAlerts();
    return fetch(rows.getAttribute("data-rows-url") + window.location.search, {credentials: "same-origin"})
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
      .then(function (html) {
        rows.innerHTML = html;
        if (notice) {
          notice.classList.remove("hidden");
          window.setTimeout(function () { notice.classList.add("hidden"); }, 4000);
        }
      });
  }

  function poll() {
    var url = rows.getAttribute("data-poll-url") + "?wait=20&since=" + version;
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) {
        if (r.status === 401) { window.location.reload(); throw new Error("logged out"); }
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (data) {
        version = data.version;
        live.classList.remove("offline");
        if (data.fingerprint !== fingerprint) {
          fingerprint = data.fingerprint;
          return refreshRows();
        }
        return null;
      })
      .then(function () { window.setTimeout(poll, 300); })
      .catch(function () {
        live.classList.add("offline");
        window.setTimeout(poll, 5000);
      });
  }
  poll();
})();
