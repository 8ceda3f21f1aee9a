// WCAG 2.1.1: Material wraps each table in a box that scrolls sideways but that the keyboard
// cannot reach. Make each box a focusable region with a name of its own: the table's caption,
// or the heading above it, with the generic label from ui_strings.yml (a meta tag in main.html).
(function () {
  function headingBefore(element) {
    var headings = document.querySelectorAll("article h1, article h2, article h3, article h4");
    var found = null;
    headings.forEach(function (heading) {
      if (heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading;
    });
    if (!found) return "";
    var copy = found.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    return copy.textContent.trim();
  }

  function makeScrollBoxesFocusable() {
    var meta = document.querySelector('meta[name="red-scroll-region-label"]');
    var generic = meta ? meta.content : "";
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var caption = box.querySelector("caption");
      var topic = caption ? caption.textContent.trim() : headingBefore(box);
      var label = topic ? topic + " – " + generic : generic;
      used[label] = (used[label] || 0) + 1;
      if (used[label] > 1) label += " (" + used[label] + ")";
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label);
    });
  }
  if (window.document$) {
    window.document$.subscribe(makeScrollBoxesFocusable);
  } else {
    document.addEventListener("DOMContentLoaded", makeScrollBoxesFocusable);
  }
})();
