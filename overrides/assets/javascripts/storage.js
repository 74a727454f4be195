/* What the guide keeps in this browser: iopGuide.store. Nothing is stored on a visit alone:
 * a key is written only when the patient uses a feature that needs it.
 * Each site (clinic/location) has its own keys; the footer's button clears them:
 *   iop-guide:<clinic>/<location>:checklists   ticked items, by page: on a tick
 *   iop-guide:<clinic>/<location>:plan         start date and schedule track: on "Save my plan"
 * The theme (Material) keeps the light/dark scheme under its own key, "<site path>.__palette",
 * written only after the patient flips the switch (overrides/main.html holds the theme back
 * until then). The footer's button clears that one too, with any other key of the theme.
 * Without the site data (guide.js) there is no site key: no store, and no button.
 */
(function () {
  "use strict";

  var guide = window.iopGuide;
  if (!guide || !guide.data) {
    return;
  }
  var prefix = "iop-guide:" + guide.data.site + ":";

  function read(name) {
    try {
      return JSON.parse(window.localStorage.getItem(prefix + name) || "null");
    } catch {
      return null;
    }
  }

  function write(name, value) {
    try {
      window.localStorage.setItem(prefix + name, JSON.stringify(value));
    } catch {
      /* storage can be off (private mode): the page still works, it just forgets */
    }
  }

  function remove(name) {
    try {
      window.localStorage.removeItem(prefix + name);
    } catch { /* nothing stored */ }
  }

  /* forget everything this site saved, and tell the page's scripts to show it empty */
  function clearAll() {
    /* the theme's keys ("<site path>.__palette" for the light/dark pick) start with its scope */
    var prefixes = window.__md_scope ? [prefix, window.__md_scope.pathname + ".__"] : [prefix];
    try {
      Object.keys(window.localStorage)
        .filter(function (key) { return prefixes.some(function (start) { return key.indexOf(start) === 0; }); })
        .forEach(function (key) { window.localStorage.removeItem(key); });
    } catch { /* nothing stored */ }
    document.dispatchEvent(new CustomEvent("iop-guide:cleared"));
  }

  guide.store = { read: read, write: write, remove: remove, clearAll: clearAll };

  /* the footer's privacy note offers the clear button once scripts run */
  function offerClear() {
    var button = document.querySelector("[data-iop-clear]");
    if (!button) { return; }
    var status = document.querySelector(".iop-privacy__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      clearAll();
      if (status) { status.textContent = guide.say("cleared"); }
    });
  }

  guide.whenReady(offerClear);
})();
