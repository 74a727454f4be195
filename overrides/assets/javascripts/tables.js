/* Material puts a wide table in a box that scrolls sideways (the schedule on a phone).
 * A keyboard user must be able to reach that box to scroll it (WCAG 2.1.1), and a
 * screen reader should hear what it is; a box that does not scroll stays out of the Tab order. */
(function () {
  "use strict";

  function label(wrap) {
    var heads = wrap.querySelectorAll("th");
    var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    return "Table, scrolls sideways: " + names.join(", ");
  }

  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* document$ is Material's signal that the page is set up (tables wrapped) */
  if (window.document$) {
    window.document$.subscribe(reachable);
  } else {
    document.addEventListener("DOMContentLoaded", reachable);
  }
  window.addEventListener("resize", reachable);
})();
