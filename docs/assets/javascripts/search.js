// Site search: Pagefind's component UI in a dialog, opened from the header (overrides/partials/red-search.html).
// Nothing is fetched from the Pagefind bundle until the reader opens the search: a page view costs no
// search bytes. The UI takes its strings and its index from <html lang>, so a Swedish page searches
// Swedish pages with Swedish labels. Material's shortcuts open it: "/", "s" and "f".
(function () {
  "use strict";
  var SHORTCUTS = ["/", "s", "f"];
  var root = document.querySelector("[data-red-search]");
  if (!root) return;
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
  var options = JSON.parse(root.getAttribute("data-options") || "{}");
  var images = new URL("../images/", document.currentScript.src);
  var words = new URL("search-words.js", document.currentScript.src);
  var ready = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function loadStylesheet(url) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    document.head.appendChild(link);
  }

  // Pagefind's filter buttons have role=combobox, which takes no name from its text (axe: button-name,
  // aria-input-field-name): give each the filter's label, again whenever Pagefind re-renders it.
  // Its options carry aria-label="Metod, 10 results": English on every page, and not the text they show
  // (axe-core's label-content-name-mismatch): without it, an option is named by its text, in the page's language.
  function nameFilterButtons(modal) {
    function name() {
      modal.querySelectorAll("pagefind-filter-dropdown").forEach(function (dropdown) {
        var trigger = dropdown.querySelector(".pf-dropdown-trigger");
        if (trigger && !trigger.hasAttribute("aria-label")) {
          trigger.setAttribute("aria-label", dropdown.getAttribute("label"));
        }
        dropdown.querySelectorAll(".pf-dropdown-option[aria-label]").forEach(function (option) {
          option.removeAttribute("aria-label");
        });
      });
    }
    name();
    new MutationObserver(name).observe(modal, { childList: true, subtree: true });
  }

  // The component UI searches through the Pagefind instance it creates on first use (its __pagefind__,
  // Pagefind 1.5.2): hand it the whole-word search of search-words.js instead, as soon as it is made.
  function wholeWords(instance) {
    var wrapped = null;
    Object.defineProperty(instance, "__pagefind__", {
      configurable: true,
      get: function () { return wrapped; },
      set: function (pagefind) {
        wrapped = pagefind && window.RedSearchWords.wrap(pagefind, options);
      },
    });
  }

  function setUp() {
    if (ready) return ready;
    loadStylesheet(new URL("pagefind-component-ui.css", bundle).href);
    ready = Promise.all([
      loadScript(new URL("pagefind-component-ui.js", bundle).href), loadScript(words.href),
    ]).then(function () {
      // Result links are site-relative ("/sv/methods/x/"): prefix the path the site is served from.
      // The ranking and diacritics options are the language's (data-options).
      var instance = window.PagefindComponents.configureInstance("default", {
        bundlePath: bundle.pathname,
        baseUrl: bundle.pathname.replace(/pagefind\/$/, ""),
        ranking: options.ranking,
        exactDiacritics: options.exactDiacritics,
      });
      wholeWords(instance);
      // Before any component renders, so that all of them (the input's "clear" too) speak the page's language.
      instance.setLanguage(document.documentElement.lang);
      // The site's own wording of some messages (ui_strings.yml), over Pagefind's for the language.
      if (options.translations) instance.setTranslations(options.translations);
      // Self-hosted icons: the bundle's data: URLs are blocked by the site's Content-Security-Policy. Set here,
      // as absolute URLs, because a url() in a custom property resolves against the sheet that uses it.
      document.body.style.setProperty("--pf-icon-search", 'url("' + new URL("search-magnify.svg", images) + '")');
      document.body.style.setProperty("--pf-icon-arrow", 'url("' + new URL("search-chevron.svg", images) + '")');
      var template = root.querySelector("template[data-red-search-dialog]");
      document.body.appendChild(template.content.cloneNode(true));
      var modal = document.body.querySelector("pagefind-modal.red-search__modal");
      nameFilterButtons(modal);
      return modal;
    });
    ready.catch(function () {
      ready = null;
      root.querySelector("[data-red-search-error]").hidden = false;
    });
    return ready;
  }

  function open() {
    setUp().then(function (modal) {
      modal.open();
    }, function () {});
  }

  function typingInto(element) {
    return element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
  }

  document.querySelectorAll("[data-red-search-open]").forEach(function (button) {
    button.addEventListener("click", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (SHORTCUTS.indexOf(event.key.toLowerCase()) < 0 || typingInto(event.target)) return;
    if (document.querySelector("pagefind-modal dialog[open]")) return;
    event.preventDefault();
    open();
  });
  document.querySelectorAll("[data-red-search], [data-red-search-offer]").forEach(function (element) {
    element.hidden = false;
  });
})();
