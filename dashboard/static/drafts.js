// Drafts that survive an ended session: what an operator types in a note box is kept in this
// tab's sessionStorage while they type. If the session ends before the form is sent, the
// dashboard sends them to the login page and, after logging in, back to the same page; the
// text is put back there with a visible notice. A draft is forgotten once its form was sent
// and the next page is not the login page (the server took it). Nothing leaves the browser.
"use strict";

(function () {
  var PREFIX = "madoguchi-draft:";
  var PENDING = "madoguchi-draft-pending";
  var MAX_AGE_MS = 12 * 60 * 60 * 1000;  // A shift: older drafts are dropped, never restored.
  var store;
  try { store = window.sessionStorage; } catch (e) { return; }
  if (!store) { return; }

  function keyOf(form, field) {
    return PREFIX + window.location.pathname + "|" + (form.getAttribute("action") || "") + "|" + field.name;
  }

  function readPending() {
    try { return JSON.parse(store.getItem(PENDING) || "[]"); } catch (e) { return []; }
  }

  // A form was sent on the previous page. If that led to the login page, the session had ended
  // and the server took nothing: the drafts stay (no longer pending) for the page the operator
  // comes back to. Anywhere else the server has answered the form, so its drafts are forgotten.
  if (document.body.getAttribute("data-page") !== "login") {
    readPending().forEach(function (key) { store.removeItem(key); });
  }
  store.removeItem(PENDING);

  var restored = [];
  document.querySelectorAll("form[method=post] textarea[name]").forEach(function (field) {
    var form = field.form;
    if (!form) { return; }
    var key = keyOf(form, field);
    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved && typeof saved.text === "string" && Date.now() - saved.at < MAX_AGE_MS) {
      if (!field.value && saved.text) {
        field.value = saved.text;
        restored.push(field);
      }
    } else if (saved) {
      store.removeItem(key);
    }
    field.addEventListener("input", function () {
      if (field.value) {
        store.setItem(key, JSON.stringify({text: field.value, at: Date.now()}));
      } else {
        store.removeItem(key);
      }
    });
    form.addEventListener("submit", function () {
      var pending = readPending();
      if (pending.indexOf(key) < 0) { pending.push(key); }
      store.setItem(PENDING, JSON.stringify(pending));
    });
  });

  // Say so next to each restored box: the operator must see that the text was not typed just now.
  var message = document.documentElement.getAttribute("data-draft-restored") || "";
  restored.forEach(function (field) {
    var note = document.createElement("p");
    note.className = "flash draft-restored";
    note.setAttribute("role", "status");
    note.textContent = message;
    field.parentNode.insertBefore(note, field);
  });
})();
