/* Material puts a wide table in a box that scrolls sideways (the schedule on a phone).
 * A keyboard user must be able to reach that box to scroll it (WCAG 2.1.1), and a
 * screen reader should hear what it is; a box that does not scroll stays out of the Tab order.
 * What it is called is the site's words (iopGuide.say); without them the box has no name. */
(function () {
  "use strict";

  function label(wrap) {
    var heads = wrap.querySelectorAll("th");
    var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    return window.iopGuide ? window.iopGuide.say("table_scrolls", { names: names.join(", ") }) : "";
  }

  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var name = wrap.scrollWidth > wrap.clientWidth ? label(wrap) : "";
      if (name) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      } else if (wrap.scrollWidth > wrap.clientWidth) {
        // without the site's words the box is still reachable, but a region without a name is no region
        wrap.tabIndex = 0;
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
