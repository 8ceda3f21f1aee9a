/*
 * Catalog filters (RED knowledge site). No dependencies, no third-party code.
 *
 * The build writes, above each catalog, a <form data-red-filter="LIST-ID" hidden>
 * with one labelled <select data-red-filter-field="NAME"> per vocabulary (the
 * project's own terms inside <details data-red-filter-more>). Each catalog item
 * carries data-NAME="key1 key2": the keys a filter by them finds (a region also
 * under the region it lies in). This script reveals the form, hides the items
 * that do not match every chosen value and says how many are shown in the form's
 * role="status" region.
 *
 * The choice lives in the address: ?themes=KEY&regions=KEY (vocabulary keys, the
 * same in every language). The selects are set from it when the page loads, and
 * again when the browser shows the page from its cache (Back), so they always
 * agree with the list; each change replaces it, so reload, Back and a copied link
 * show the same selection. A value the catalog does not offer is dropped.
 * Without JavaScript the form stays hidden and the full list shows.
 */
(function () {
  "use strict";

  function selectsOf(form) {
    return Array.prototype.slice.call(form.querySelectorAll("select[data-red-filter-field]"));
  }

  function matches(item, selects) {
    return selects.every(function (select) {
      if (!select.value) return true;
      var values = (item.getAttribute("data-" + select.getAttribute("data-red-filter-field")) || "").split(/\s+/);
      return values.indexOf(select.value) !== -1;
    });
  }

  function apply(form, list, announce) {
    var selects = selectsOf(form);
    var items = Array.prototype.slice.call(list.children).filter(function (item) {
      return item.classList.contains("red-catalog__item");
    });
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, selects);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    var status = form.querySelector('[role="status"]');
    if (!status) return;
    if (!announce) {
      status.textContent = "";
      return;
    }
    var template = form.getAttribute(shown ? "data-count-template" : "data-none-template") || "";
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
  }

  function offers(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  // The selects as the address says; returns whether any filter is chosen.
  function readAddress(form) {
    var params = new URLSearchParams(window.location.search);
    var chosen = false;
    selectsOf(form).forEach(function (select) {
      var value = params.get(select.getAttribute("data-red-filter-field")) || "";
      select.value = offers(select, value) ? value : "";
      chosen = chosen || Boolean(select.value);
    });
    var more = form.querySelector("[data-red-filter-more]");
    if (more && selectsOf(more).some(function (select) { return select.value; })) more.open = true;
    return chosen;
  }

  function writeAddress(form) {
    var url = new URL(window.location.href);
    selectsOf(form).forEach(function (select) {
      var name = select.getAttribute("data-red-filter-field");
      if (select.value) url.searchParams.set(name, select.value);
      else url.searchParams.delete(name);
    });
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-red-filter"));
    if (!list || form.hasAttribute("data-red-filter-ready")) return;
    form.setAttribute("data-red-filter-ready", "");
    function fromAddress() {
      var chosen = readAddress(form);
      apply(form, list, chosen);
      writeAddress(form);  // drops values the catalog does not offer
    }
    form.addEventListener("change", function () { apply(form, list, true); writeAddress(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // "reset" fires before the selects change back; apply once they have.
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(form, list, true); writeAddress(form); }, 0);
    });
    // Back and Forward may show the page from the browser's cache, selects as they were left.
    window.addEventListener("pageshow", function (event) { if (event.persisted) fromAddress(); });
    window.addEventListener("popstate", fromAddress);
    form.hidden = false;
    fromAddress();
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
