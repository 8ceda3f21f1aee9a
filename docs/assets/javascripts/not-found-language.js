// GitHub Pages answers a missing address in any language folder (/sv/..., /ru/...) with the ROOT
// 404.html, whose menu, header, search and footer are English. Each language has its own complete
// 404 page (sv/404.html, ru/404.html): go there before this page is drawn. The address the reader
// asked for travels in the fragment; not-found.js puts it back in the address bar.
// Loaded in <head> by overrides/404.html; without JavaScript the root page shows every language.
(function () {
  var script = document.currentScript;
  if (!script) return;
  // This script sits at <site root>/assets/javascripts/: the site root is two folders up.
  var root = new URL("../../", script.src).pathname;
  var path = window.location.pathname;
  var first = path.indexOf(root) === 0 ? path.slice(root.length).split("/")[0] : "";
  var languages = (script.getAttribute("data-red-languages") || "").split(" ");
  var target = root + first + "/404.html";
  // The language's own 404 page, served at its own address, is never redirected: if it were
  // missing, GitHub Pages would answer that address with this page again.
  if (!first || first === document.documentElement.lang || languages.indexOf(first) < 0 || path === target) return;
  document.documentElement.style.visibility = "hidden";  // no English flash before the next page
  var asked = path + window.location.search + window.location.hash;
  window.location.replace(target + "#red-asked=" + encodeURIComponent(asked));
})();
