// The light/dark toggle (Material's palette: mkdocs.yml theme.palette, overrides/partials/palette.html) shows the
// other scheme on every tap. Material cycles "follow the system" -> light -> dark -> "follow the system", so on a
// light phone the first tap (to light) changed nothing to see. Here the toggle leads to "follow the system" when
// that shows the other scheme, else to the other scheme itself: each tap flips what is shown, and the system
// setting is never more than one tap away. Without JavaScript, Material's cycle stays.
(function () {
  "use strict";
  var form = document.querySelector("form[data-md-component=palette]");
  if (!form) return;
  function option(media) {
    return form.querySelector('input[data-md-color-media="' + media + '"]');
  }
  var system = option("(prefers-color-scheme)");
  var light = option("(prefers-color-scheme: light)");
  var dark = option("(prefers-color-scheme: dark)");
  if (!system || !light || !dark || !window.matchMedia) return;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function showsDark() {
    return document.body.getAttribute("data-md-color-scheme") === dark.getAttribute("data-md-color-scheme");
  }

  // The option one tap chooses, and its name.
  function next() {
    var darkNow = showsDark();
    if (darkNow !== systemDark.matches) {
      return [system, darkNow ? form.dataset.redToSystemLight : form.dataset.redToSystemDark];
    }
    return darkNow ? [light, form.dataset.redToLight] : [dark, form.dataset.redToDark];
  }

  function update() {
    var target = next();
    form.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = target[0].id;
      label.title = target[1];
    });
    // The checked option takes the keyboard's focus: its name says what Enter or Space does (below).
    form.querySelectorAll("input.md-option[aria-label]").forEach(function (input) {
      input.setAttribute("aria-label", target[1]);
    });
  }

  // Material's Enter steps through its cycle; Enter and Space choose the option a tap chooses. Caught on the way
  // down to the focused option, before Material's handler on the form hears of it.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();
    var target = next()[0];
    target.click();
    target.focus();
  }, true);
  new MutationObserver(update).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  if (systemDark.addEventListener) systemDark.addEventListener("change", update);
  update();
})();
