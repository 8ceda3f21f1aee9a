// The 404 page finds the page the reader was after: the pages of the path's language whose addresses are
// closest to the one asked for (edit distance over the language's page list, not-found-pages.json, written by
// the build: scripts/redsite/not_found.py), and the site search opened with the words of the address.
// Loaded after not-found.js, which has put the asked address back in the address bar and set <html lang>.
// Without JavaScript both stay hidden; the page still links the home page and the methods catalog.
(function () {
  "use strict";
  var MAX_SUGGESTIONS = 5;
  var box = document.querySelector("[data-red-not-found-suggestions]");
  var form = document.querySelector("[data-red-not-found-search]");
  if (!box) return;
  var pagesUrl = new URL(box.getAttribute("data-red-pages"), document.baseURI);
  var base = new URL(".", pagesUrl).pathname;  // the language's root, where its list lies: /red-knowledge/sv/

  function decode(text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  }

  // The address below the language's root, as the page list writes it but without its slashes at either end:
  // lower case, without "index.html", ".html" or ".md" (an old or hand-typed address), without doubled slashes.
  function normalise(path) {
    return decode(path).toLowerCase()
      .replace(/(?:^|\/)index\.html?$/, "/").replace(/\.(?:html?|md)$/, "")
      .replace(/\/{2,}/g, "/").replace(/^\/+|\/+$/g, "");
  }

  function asked() {
    var path = window.location.pathname;
    return normalise(path.indexOf(base) === 0 ? path.slice(base.length) : path);
  }

  function distance(a, b) {  // Levenshtein: insertions, deletions and substitutions cost 1
    if (a === b) return 0;
    var previous = [], current = [], i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1,
                              previous[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
      }
      previous = current;
    }
    return previous[b.length];
  }

  function lastSegment(path) {
    return path.slice(path.lastIndexOf("/") + 1);
  }

  function parent(path) {
    return path.slice(0, Math.max(0, path.lastIndexOf("/")));
  }

  // How far the asked address is from a page's: the whole address; its last part alone (a typo in the page's
  // name under a wrong or missing folder costs 2 more); or the address without its first folder (a wrong
  // language prefix, /en/ or /se/, costs 1 more).
  function score(wanted, page) {
    var best = distance(wanted, page);
    var sameFolder = parent(wanted) === parent(page);
    best = Math.min(best, distance(lastSegment(wanted), lastSegment(page)) + (sameFolder ? 0 : 2));
    var slash = wanted.indexOf("/");
    if (slash > 0) best = Math.min(best, distance(wanted.slice(slash + 1), page) + 1);
    return best;
  }

  function suggestions(wanted, pages) {
    var limit = Math.max(2, Math.floor(wanted.length / 3));
    return pages
      .filter(function (page) { return page.path !== ""; })  // the home page is linked above anyway
      .map(function (page) { return {page: page, score: score(wanted, normalise(page.path))}; })
      .filter(function (found) { return found.score <= limit; })
      .sort(function (a, b) {
        return a.score - b.score || (a.page.path < b.page.path ? -1 : a.page.path > b.page.path ? 1 : 0);
      })
      .slice(0, MAX_SUGGESTIONS)
      .map(function (found) { return found.page; });
  }

  function show(pages) {
    var list = box.querySelector("ul");
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + page.path;
      link.textContent = page.title;  // text, never HTML: titles come from contributors
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = pages.length === 0;
  }

  var wanted = asked();
  if (wanted) {
    fetch(pagesUrl.href, {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : {pages: []}; })
      .then(function (list) { show(suggestions(wanted, list.pages || [])); })
      .catch(function () { /* no list: the home page and catalog links remain */ });
  }

  // --- The search, prefilled with the words of the address --------------------------------------------------
  if (!form || !document.querySelector("[data-red-search]")) return;  // search.js offers no search here
  var input = form.querySelector("[data-red-not-found-query]");
  var button = form.querySelector("[data-red-search-open]");
  input.value = lastSegment(wanted).split(/[-_.\s]+/).filter(function (word) {
    return word && word !== "index" && word !== "html";
  }).join(" ");
  form.hidden = false;

  // search.js opens Pagefind's dialog when the button is clicked; once it is open, type the query into it.
  function typeQueryWhenOpen(query, deadline) {
    var field = document.querySelector("pagefind-modal dialog[open] pagefind-input input");
    if (field) {
      field.value = query;
      field.dispatchEvent(new Event("input", {bubbles: true}));
    } else if (Date.now() < deadline) {
      window.setTimeout(function () { typeQueryWhenOpen(query, deadline); }, 50);
    }
  }

  button.addEventListener("click", function () {
    var query = input.value.trim();
    if (query) typeQueryWhenOpen(query, Date.now() + 10000);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.click();
  });
})();
