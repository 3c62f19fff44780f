/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // A menu button for phones; without JavaScript the menu is always shown.
  function navToggle() {
    var nav = document.getElementById("main-nav");
    if (!nav) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nav-toggle button--secondary";
    button.setAttribute("aria-controls", "main-nav");
    button.setAttribute("aria-expanded", "false");
    button.textContent = nav.getAttribute("data-toggle-label") || nav.getAttribute("aria-label") || "Menu";
    nav.setAttribute("data-collapsed", "true");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      nav.setAttribute("data-collapsed", open ? "true" : "false");
    });
    var bar = document.querySelector(".site-header__bar");
    if (bar) bar.appendChild(button);
  }

  // Move focus to a form's error summary so screen readers announce it.
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  }

  // Search suggestions into a <datalist> as people type.
  function suggestions() {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    Array.prototype.forEach.call(inputs, function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      if (!list || !window.fetch) return;
      var timer = null;
      var last = "";
      input.addEventListener("input", function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) return;
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          last = text;
          var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text);
          window.fetch(url, { headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
            .then(function (data) {
              list.textContent = "";
              (data.suggestions || []).forEach(function (s) {
                var option = document.createElement("option");
                option.value = s;
                list.appendChild(option);
              });
            })
            .catch(function () { /* suggestions are optional */ });
        }, 200);
      });
    });
  }

  ready(function () {
    navToggle();
    focusErrors();
    suggestions();
  });
})();
