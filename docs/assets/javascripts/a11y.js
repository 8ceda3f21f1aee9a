// WCAG 2.1.1: Material wraps wide tables in a scrollable box that the keyboard cannot reach.
// Make each such box focusable and give it a name (the label comes from ui_strings.yml via main.html).
(function () {
  function makeScrollBoxesFocusable() {
    var meta = document.querySelector('meta[name="red-scroll-region-label"]');
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (meta) box.setAttribute("aria-label", meta.content);
    });
  }
  if (window.document$) {
    window.document$.subscribe(makeScrollBoxesFocusable);
  } else {
    document.addEventListener("DOMContentLoaded", makeScrollBoxesFocusable);
  }
})();
