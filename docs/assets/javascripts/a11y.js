// WCAG 2.1.1: Material wraps each table in a box that scrolls sideways but that the keyboard
// cannot reach. Make each box a focusable, named region: named by the table's caption, or by
// the generic label from ui_strings.yml (main.html puts it in a meta tag).
(function () {
  function makeScrollBoxesFocusable() {
    var meta = document.querySelector('meta[name="red-scroll-region-label"]');
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var caption = box.querySelector("caption");
      var label = caption ? caption.textContent.trim() : meta && meta.content;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (label) box.setAttribute("aria-label", label);
    });
  }
  if (window.document$) {
    window.document$.subscribe(makeScrollBoxesFocusable);
  } else {
    document.addEventListener("DOMContentLoaded", makeScrollBoxesFocusable);
  }
})();
