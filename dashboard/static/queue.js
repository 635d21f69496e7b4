// The shift queue's keyboard and live details; the page works without them.
// j / k move the selection, Enter opens the selected case, / goes to the search box, ? shows the help.
// The SLA countdowns tick every 30 s, and the navigation's counts follow the live rows (app.js swaps them).
"use strict";

(function () {
  var rows = document.getElementById("queue-rows");
  if (!rows) { return; }
  var search = document.getElementById("queue-search");
  var help = document.getElementById("shortcut-help");
  var helpClose = document.getElementById("shortcut-help-close");
  var skip = document.getElementById("skip-link");
  var lang = document.documentElement.getAttribute("lang") || "ja";
  var selected = -1;

  function caseRows() {
    return Array.prototype.slice.call(rows.querySelectorAll("tr[data-tag]"));
  }

  // Select row *index* (clamped), focus its case link so Enter opens it, and keep it in view.
  function select(index) {
    var all = caseRows();
    if (!all.length) { selected = -1; return; }
    selected = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (tr, i) {
      tr.classList.toggle("selected", i === selected);
      tr.setAttribute("aria-selected", i === selected ? "true" : "false");
    });
    var link = all[selected].querySelector("a.case-link");
    if (link) { link.focus({preventScroll: true}); }
    all[selected].scrollIntoView({block: "nearest"});
  }

  function typing(target) {
    var name = target && target.tagName ? target.tagName.toLowerCase() : "";
    return name === "input" || name === "textarea" || name === "select" || (target && target.isContentEditable);
  }

  function showHelp(show) {
    if (!help) { return; }
    help.classList.toggle("hidden", !show);
    if (show && helpClose) { helpClose.focus(); }
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var helpOpen = help && !help.classList.contains("hidden");
    if (e.key === "Escape") {
      if (helpOpen) { showHelp(false); e.preventDefault(); }
      else if (e.target === search) { search.blur(); select(selected < 0 ? 0 : selected); }
      return;
    }
    if (typing(e.target)) { return; }
    if (e.key === "?") { showHelp(!helpOpen); e.preventDefault(); return; }
    if (helpOpen) { return; }
    if (e.key === "j") { select(selected + 1); e.preventDefault(); }
    else if (e.key === "k") { select(selected < 0 ? 0 : selected - 1); e.preventDefault(); }
    else if (e.key === "/") { if (search) { search.focus(); search.select(); } e.preventDefault(); }
    else if (e.key === "Enter" && selected >= 0 && !(e.target && e.target.closest && e.target.closest("a, button"))) {
      var tr = caseRows()[selected];
      if (tr) { window.location.href = tr.getAttribute("data-href"); e.preventDefault(); }
    }
  });

  if (helpClose) { helpClose.addEventListener("click", function () { showHelp(false); }); }
  if (help) {
    help.addEventListener("click", function (e) { if (e.target === help) { showHelp(false); } });
  }

  // The skip link lands on the first case itself (its link gets the focus), not only next to it.
  if (skip) {
    skip.addEventListener("click", function (e) {
      e.preventDefault();
      select(0);
    });
  }

  // A click on a row selects it, so j / k go on from there.
  rows.addEventListener("click", function (e) {
    var tr = e.target.closest ? e.target.closest("tr[data-tag]") : null;
    if (tr) {
      var i = caseRows().indexOf(tr);
      if (i >= 0) { selected = i; caseRows().forEach(function (r, n) { r.classList.toggle("selected", n === i); }); }
    }
  });

  // SLA countdowns: recomputed from each row's deadline, so they move without a reload.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var now = Date.now();
    rows.querySelectorAll("td.sla[data-deadline]").forEach(function (td) {
      var left = Date.parse(td.getAttribute("data-deadline")) - now;
      var minutes = left >= 0 ? Math.floor(left / 60000) : Math.ceil(-left / 60000);
      var text = Math.floor(minutes / 60) + ":" + pad(minutes % 60);
      if (left >= 0) {
        td.textContent = lang === "en" ? text + " left" : "残り " + text;
      } else {
        var strong = document.createElement("strong");
        strong.className = "overdue-label";
        strong.textContent = lang === "en" ? text + " over" : "超過 " + text;
        td.textContent = "";
        td.appendChild(strong);
        var tr = td.parentElement;
        if (tr && !tr.classList.contains("sla-overdue")) {
          tr.classList.remove("sla-ok", "sla-due_soon");
          tr.classList.add("sla-overdue", "overdue");
        }
      }
    });
  }
  window.setInterval(tick, 30000);

  // When the live update swaps the rows, keep the selection and refresh the navigation's counts.
  var countsUrl = rows.getAttribute("data-counts-url");
  function setCount(id, key, value) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.setAttribute("data-count", String(value));
    el.textContent = el.textContent.replace(/\d+\s*$/, String(value));
    if (key === "overdue") { el.classList.toggle("overdue-label", value > 0); }
  }
  new MutationObserver(function () {
    if (selected >= 0) {
      var all = caseRows();
      if (all.length) {
        selected = Math.min(selected, all.length - 1);
        all[selected].classList.add("selected");
      }
    }
    if (!countsUrl) { return; }
    fetch(countsUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (data) {
        setCount("nav-unassigned", "unassigned", data.unassigned);
        setCount("nav-mine", "mine", data.mine);
        setCount("nav-overdue", "overdue", data.overdue);
      })
      .catch(function () { /* The counts catch up on the next page load. */ });
  }).observe(rows, {childList: true});
})();
