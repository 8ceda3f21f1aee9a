// Whole words for the site search (loaded by search.js with Pagefind's component UI; the ranking itself is
// scripts/redsite/search_relevance.py). Pagefind 1.5 matches each word of a query as the beginning of a
// word ("polen" also finds "politiker"), and when no word of the site begins with it, it matches the
// longest word of the site that begins the query's word instead ("побратим" finds "по"). Here:
// - a word the site contains (Pagefind's exact search, '"word"', finds it) matches that word only, in
//   any inflection (Pagefind stems it) and with diacritics as the language's options say;
// - a word the site does not contain matches a shorter word of the site that begins it only when the
//   rest is an ending (at most MAX_ENDING letters: "kontoret" finds "kontor", whose stems differ), never
//   a short word that merely begins it ("по", "in");
// - the last word while it is typed (no space after it yet), if the site does not contain it, also
//   matches the words it begins, so that results appear as the reader types ("semin", "tvillingst");
// - any other word the site does not contain: no page matches.
// - a hyphenated word the site does not contain joined ("город-побратим"; Pagefind joins the parts, as it
//   indexes "города-побратимы" also joined) is searched as its parts, next to each other first.
// A query in quotes is Pagefind's own phrase search. The results, their count and the filter counts are
// those of the pages that remain; a result's sub-results leave out the heading that is the page's title.
(function () {
  "use strict";
  // What Pagefind removes from a query before it splits it into words (pagefind.js: dashes, brackets,
  // quotes and other punctuation): "Europa Direkt-kontoret" is the words "europa" and "direktkontoret".
  var PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;
  var MAX_ENDING = 3;  // Swedish -arna, -ens, Russian -ами, -ого: an inflection's ending at most

  var HYPHENS = /\p{Pd}+/u;

  function queryWords(term) {
    return term.replace(PUNCTUATION, "").toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function share(a, b) {
    return a.some(function (value) { return b.indexOf(value) >= 0; });
  }

  // settings: titleAnchor, phraseBonus, titleFilter (scripts/redsite/search_relevance.py, browser_options).
  function wrap(pagefind, settings) {
    var exactCache = new Map();  // word -> Map(page id -> word locations): the pages that hold the whole word
    var valuePages = null;  // filter -> value -> Set(page id), made once, for the filter counts

    function exact(word) {
      if (!exactCache.has(word)) {
        exactCache.set(word, pagefind.search('"' + word + '"').then(function (found) {
          var pages = new Map();
          (found ? found.results : []).forEach(function (result) { pages.set(result.id, result.words); });
          return pages;
        }));
      }
      return exactCache.get(word);
    }

    // Pagefind's fallback for a word that no word of the site begins with: the longest word of the site
    // that begins it. Its results are then the pages of that shorter word, found at its places. Returns
    // the length of the beginning of `word` whose whole word gives those results, or 0 (not a fallback).
    async function shorterWordLength(word, results) {
      if (!results.length) return 0;
      var top = results[0];
      var letters = Array.from(word);
      for (var length = letters.length - 1; length >= 1; length -= 1) {
        var pages = await exact(letters.slice(0, length).join(""));
        if (pages.size === results.length && results.every(function (r) { return pages.has(r.id); })
            && share(pages.get(top.id), top.words)) {
          return length;
        }
      }
      return 0;
    }

    function intersect(allowed, ids) {
      return allowed === null ? new Set(ids) : new Set(Array.from(allowed).filter(function (id) { return ids.has(id); }));
    }

    // The pages the query's words allow (null: every page Pagefind found), or "none".
    async function allowedPages(term) {
      var words = queryWords(term);
      var typing = !/\s$/.test(term);
      var allowed = null;
      for (var i = 0; i < words.length; i += 1) {
        var pages = await exact(words[i]);
        if (pages.size) {
          allowed = intersect(allowed, new Set(pages.keys()));
          continue;
        }
        var alone = await pagefind.search(words[i]);
        var results = alone ? alone.results : [];
        var shorter = await shorterWordLength(words[i], results);
        var nearly = shorter > 0 && shorter >= Array.from(words[i]).length - MAX_ENDING;
        if (shorter > 0 && !nearly) return "none";
        if (nearly) {
          allowed = intersect(allowed, new Set(results.map(function (r) { return r.id; })));
        } else if (!(i === words.length - 1 && typing)) {
          return "none";  // a complete word no page holds (what Pagefind found are longer words)
        }
      }
      return allowed;
    }

    async function pagesByValue() {
      if (!valuePages) {
        valuePages = pagefind.filters().then(async function (all) {
          var sets = {};
          for (var name of Object.keys(all || {})) {
            sets[name] = {};
            if (name === settings.titleFilter) continue;
            for (var value of Object.keys(all[name])) {
              var filters = {};
              filters[name] = [value];
              var found = await pagefind.search(null, { filters: filters });
              sets[name][value] = new Set((found ? found.results : []).map(function (r) { return r.id; }));
            }
          }
          return sets;
        });
      }
      return valuePages;
    }

    function counts(shape, sets, ids) {
      var out = {};
      Object.keys(shape || {}).forEach(function (name) {
        out[name] = {};
        Object.keys(shape[name]).forEach(function (value) {
          var pages = (sets[name] || {})[value];
          out[name][value] = pages ? ids.filter(function (id) { return pages.has(id); }).length : 0;
        });
      });
      return out;
    }

    function withoutTitleHeading(result) {
      var data = result.data;
      result.data = async function () {
        var page = await data.apply(result, arguments);
        if (page && Array.isArray(page.sub_results)) {
          page.sub_results = page.sub_results.filter(function (sub) {
            return !sub.url.endsWith("#" + settings.titleAnchor);
          });
        }
        return page;
      };
      return result;
    }

    // Where each word is on each page: page id -> Set of word positions, from Pagefind's search for the word
    // alone, which reports every form it matched (its exact search of a phrase, '"a b"', misses a page that
    // holds one of the words in two spellings, such as Russian forms with and without й).
    var placesCache = new Map();
    function places(word) {
      if (!placesCache.has(word)) {
        placesCache.set(word, pagefind.search(word).then(function (found) {
          var pages = new Map();
          (found ? found.results : []).forEach(function (result) { pages.set(result.id, new Set(result.words)); });
          return pages;
        }));
      }
      return placesCache.get(word);
    }

    function holdsInOrder(id, wordPlaces) {
      var first = wordPlaces[0].get(id);
      if (!first) return false;
      return Array.from(first).some(function (start) {
        return wordPlaces.every(function (pages, i) {
          var at = pages.get(id);
          return at && at.has(start + i);
        });
      });
    }

    // A page that holds the query's words next to each other, in the query's order, has its score
    // multiplied by `bonus`: "descriptions of good practice" finds the page that says so before the long
    // pages that use the three words apart.
    async function withPhraseFirst(term, results, bonus) {
      var words = queryWords(term);
      if (words.length < 2 || !bonus || results.length < 2) return results;
      var wordPlaces = await Promise.all(words.map(places));
      var holding = results.filter(function (r) { return holdsInOrder(r.id, wordPlaces); });
      if (!holding.length) return results;
      holding.forEach(function (result) { result.score *= bonus; });
      return results.slice().sort(function (a, b) { return b.score - a.score; });
    }

    // A page whose title is the query comes first (its title, as queryWords reads it, is a filter value).
    async function withTitleFirst(term, results) {
      if (!settings.titleFilter || !results.length) return results;
      var filters = {};
      filters[settings.titleFilter] = [queryWords(term).join(" ")];
      var titled = await pagefind.search(null, { filters: filters });
      var ids = new Set((titled ? titled.results : []).map(function (r) { return r.id; }));
      if (!ids.size) return results;
      return results.filter(function (r) { return ids.has(r.id); })
        .concat(results.filter(function (r) { return !ids.has(r.id); }));
    }

    function withoutInternalFilters(counts) {
      if (counts && settings.titleFilter) delete counts[settings.titleFilter];
      return counts;
    }

    // The query with each hyphenated word that the site does not contain joined replaced by its parts.
    async function withUnknownCompoundsSplit(term) {
      var tokens = term.split(/(\s+)/);
      for (var i = 0; i < tokens.length; i += 1) {
        var parts = tokens[i].split(HYPHENS).filter(function (part) { return queryWords(part).length; });
        if (parts.length < 2) continue;
        var joined = queryWords(tokens[i]).join("");
        if (!(await exact(joined)).size) tokens[i] = parts.join(" ");
      }
      return tokens.join("");
    }

    async function search(term, options) {
      options = options || {};
      if (typeof term === "string" && !/^\s*".+"\s*$/.test(term) && HYPHENS.test(term)) {
        term = await withUnknownCompoundsSplit(term);
      }
      var found = await pagefind.search(term, options);
      if (!found) return found;
      withoutInternalFilters(found.filters);
      withoutInternalFilters(found.totalFilters);
      if (term === null || /^\s*".+"\s*$/.test(term)) {
        found.results.forEach(withoutTitleHeading);
        return found;
      }
      var allowed = await allowedPages(term);
      var keep = function (result) { return allowed === null || (allowed !== "none" && allowed.has(result.id)); };
      var filtered = options.filters && Object.keys(options.filters).length > 0;
      var everywhere = filtered ? await pagefind.search(term, Object.assign({}, options, { filters: {} })) : found;
      var results = found.results.filter(keep);
      var unfiltered = everywhere ? everywhere.results.filter(keep) : results;
      if (results.length !== found.results.length || unfiltered.length !== found.unfilteredResultCount) {
        var sets = await pagesByValue();
        found.filters = counts(found.filters, sets, results.map(function (r) { return r.id; }));
        found.totalFilters = counts(found.totalFilters, sets, unfiltered.map(function (r) { return r.id; }));
      }
      found.results = (await withTitleFirst(term, await withPhraseFirst(term, results, settings.phraseBonus))).map(withoutTitleHeading);
      found.unfilteredResultCount = unfiltered.length;
      return found;
    }

    async function filters() {
      return withoutInternalFilters(await pagefind.filters());
    }

    return Object.assign({}, pagefind, { search: search, filters: filters });
  }

  window.RedSearchWords = { wrap: wrap, queryWords: queryWords };
})();
