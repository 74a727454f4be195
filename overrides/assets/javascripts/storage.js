/* What the guide keeps in this browser, all under keys that start with "iop-guide:".
 * Only what the patient chose is stored: checklist ticks and their plan.
 * Each site (clinic/location) has its own keys:
 *   iop-guide:<clinic>/<location>:checklists   ticked items, by page
 *   iop-guide:<clinic>/<location>:plan         start date and schedule track
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

  function clearAll() {
    try {
      Object.keys(window.localStorage)
        .filter(function (key) { return key.indexOf("iop-guide:") === 0; })
        .forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (error) { /* nothing stored */ }
  }

  window.iopGuide = { site: site, read: read, write: write, clearAll: clearAll };
})();
