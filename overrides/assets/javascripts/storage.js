/* What the guide keeps in this browser, all under keys that start with "iop-guide:".
 * Only what the patient chose is stored: checklist ticks and their plan.
 * Each site (clinic/location) has its own keys; the footer's button clears them:
 *   iop-guide:<clinic>/<location>:checklists   ticked items, by page
 *   iop-guide:<clinic>/<location>:plan         start date and schedule track
 * The theme (Material) adds one key of its own when the patient flips the light/dark
 * switch: "<site path>.__palette". The footer's button clears that one too.
 */
(function () {
  "use strict";
  var data = document.getElementById("iop-site-data");
  var site = data ? JSON.parse(data.textContent).site : "unknown";
  var prefix = "iop-guide:" + site + ":";

  function read(name) {
    try {
      return JSON.parse(window.localStorage.getItem(prefix + name) || "null");
    } catch (error) {
      return null;
    }
  }

  function write(name, value) {
    try {
      window.localStorage.setItem(prefix + name, JSON.stringify(value));
    } catch (error) {
      /* storage can be off (private mode): the page still works, it just forgets */
    }
  }

  function remove(name) {
    try {
      window.localStorage.removeItem(prefix + name);
    } catch (error) { /* nothing stored */ }
  }

  /* forget everything this site saved, and tell the page's scripts to show it empty */
  function clearAll() {
    try {
      Object.keys(window.localStorage)
        .filter(function (key) { return key.indexOf(prefix) === 0; })
        .forEach(function (key) { window.localStorage.removeItem(key); });
      /* the theme's light/dark switch remembers the patient's pick under its own key */
      if (window.__md_scope) {
        window.localStorage.removeItem(window.__md_scope.pathname + ".__palette");
      }
    } catch (error) { /* nothing stored */ }
    document.dispatchEvent(new CustomEvent("iop-guide:cleared"));
  }

  window.iopGuide = { site: site, read: read, write: write, remove: remove, clearAll: clearAll };

  /* the footer's privacy note offers the clear button once scripts run */
  function offerClear() {
    var button = document.querySelector("[data-iop-clear]");
    if (!button) { return; }
    var status = document.querySelector(".iop-privacy__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      clearAll();
      if (status) { status.textContent = "Done: nothing from this guide is saved in this browser now."; }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", offerClear);
  } else {
    offerClear();
  }
})();
