// The 404 page carries its short message in every language, because GitHub Pages serves the
// root 404.html for a missing page in any language folder. Keep only the message in the
// language of the missing path (/sv/..., /ru/...); the others stay in place without JavaScript.
// (With JavaScript, not-found-language.js has already swapped the root page for the language's own.)
(function () {
  var box = document.querySelector("[data-red-not-found]");
  var script = document.currentScript;
  if (!box || !script) return;
  var messages = Array.prototype.slice.call(box.querySelectorAll("[data-red-language]"));
  // This script sits at <site root>/assets/javascripts/: the site root is two folders up.
  var root = new URL("../../", script.src).pathname;
  // Sent here by the root 404 page (not-found-language.js): show the address the reader asked for.
  var asked = "#red-asked=";
  if (window.location.hash.indexOf(asked) === 0) {
    try {
      var address = decodeURIComponent(window.location.hash.slice(asked.length));
      if (address.indexOf(root + document.documentElement.lang + "/") === 0) {
        window.history.replaceState(null, "", address);
      }
    } catch (error) { /* a malformed fragment: keep this page's own address */ }
  }
  var path = window.location.pathname;
  var first = path.indexOf(root) === 0 ? path.slice(root.length).split("/")[0] : "";
  var chosen = messages.filter(function (m) { return m.dataset.redLanguage === first; })[0];
  if (!chosen) {
    // Outside a language folder: the site's default language, which the root 404 lists first
    // unless this is a language's own 404 page (then its language is first).
    chosen = messages.filter(function (m) {
      return m.dataset.redLanguage === document.documentElement.lang;
    })[0] || messages[0];
  }
  var heading = box.querySelector("#red-title");
  messages.forEach(function (message) {
    if (message !== chosen) message.hidden = true;
  });
  var chosenHeading = chosen.querySelector("h1");
  if (heading && chosenHeading !== heading) {
    heading.removeAttribute("id");
    chosenHeading.id = "red-title";
  }
  // search.js picks its index and its labels from <html lang> when the reader opens the search
  document.documentElement.lang = chosen.dataset.redLanguage;
  document.title = chosen.dataset.redTitle;
  var searchButton = box.querySelector("[data-red-search-open]");
  if (searchButton && chosen.dataset.redSearchLabel) {
    searchButton.textContent = chosen.dataset.redSearchLabel;
    searchButton.lang = chosen.dataset.redLanguage;
  }
})();
