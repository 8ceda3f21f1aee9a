/*
 * Catalog filters (RED knowledge site). No dependencies, no third-party code.
 *
 * The build writes, above each catalog, a <form data-red-filter="LIST-ID" hidden>
 * with one labelled <select data-red-filter-field="NAME"> per vocabulary. Each
 * catalog item carries data-NAME="key1 key2". This script reveals the form,
 * hides the items that do not match every chosen value and says how many are
 * shown in the form's role="status" region. Without JavaScript the form stays
 * hidden and the full list shows.
 */
(function () {
  "use strict";

  function matches(item, selects) {
    return selects.every(function (select) {
      if (!select.value) return true;
      var values = (item.getAttribute("data-" + select.getAttribute("data-red-filter-field")) || "").split(/\s+/);
      return values.indexOf(select.value) !== -1;
    });
  }

  function apply(form, list) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-red-filter-field]"));
    var items = Array.prototype.slice.call(list.children).filter(function (item) {
      return item.classList.contains("red-catalog__item");
    });
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, selects);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    var template = form.getAttribute(shown ? "data-count-template" : "data-none-template") || "";
    var status = form.querySelector('[role="status"]');
    if (status) {
      status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
    }
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-red-filter"));
    if (!list || form.hasAttribute("data-red-filter-ready")) return;
    form.setAttribute("data-red-filter-ready", "");
    form.addEventListener("change", function () { apply(form, list); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(form, list); });
    // "reset" fires before the selects change back; apply once they have.
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(form, list); }, 0); });
    form.hidden = false;
    // Values the browser restored (back button) must filter the list at once.
    var restored = Array.prototype.some.call(form.querySelectorAll("select"), function (s) { return s.value; });
    if (restored) apply(form, list);
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-red-filter]"), setUp);
  }

  // Material's instant navigation (if enabled) announces new pages through document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
