/* The one namespace of the page scripts, window.iopGuide, and the site's facts they share.
 *
 * The build writes the facts the scripts need (the site's key, its tracks and weeks) as JSON in
 * <script type="application/json" id="iop-site-data">. They are read here, once and safely, into
 * iopGuide.data. If they are missing or broken, iopGuide.data is null, the console says so, and
 * every feature that needs them (ticks, the plan, the footer's clear button) leaves the page as it
 * is without JavaScript: plain lists, no plan form. Print help and scrolling tables need no data.
 *
 * The scripts are plain scripts run in order with defer (overrides/main.html), each adding its
 * part to the namespace: ES modules would be refused by Chromium from file://, and a guide may
 * be opened from disk.
 *   guide.js       data, whenReady, element, say (the site's words, in its language)
 *   storage.js     store: read, write, remove, clearAll (only with data)
 *   checklists.js  ticks on every checklist
 *   dates.js       dates: local calendar days and how they read
 *   plan.js        plan: the stored plan and the weeks it gives
 *   calendar.js    calendar: the calendar file of a plan
 *   plan-form.js   the form on the home page
 *   plan-week.js   the week's dates on each week page
 *   print.js       print help; tables.js: scrolling tables (neither needs the namespace's data)
 */
(function () {
  "use strict";

  /* the facts, or null: a broken page of data must not stop the page's other scripts */
  function readSiteData() {
    var node = document.getElementById("iop-site-data");
    var data = null;
    try {
      data = node ? JSON.parse(node.textContent) : null;
    } catch {
      data = null;
    }
    /* without the site's key nothing can be stored apart from other sites' keys */
    if (data && typeof data === "object" && typeof data.site === "string" && data.site) {
      return data;
    }
    window.console.warn("iop-guide: this page's site data is missing or broken: ticks and the plan are off.");
    return null;
  }

  /* run once the page is parsed (deferred scripts run just before that, so mostly at once) */
  function whenReady(run) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  /* a new element whose text is set as text: data goes in as text, never as HTML */
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  var data = readSiteData();
  /* the words the scripts show, in the site's language (render/interface.py script_words) */
  var words = data && data.words && typeof data.words === "object" ? data.words : {};

  /* a word of the site, with its {names} filled in as text: say("ticks_done", { done: 2, total: 5 }).
   * A word given as { one, other } is picked by values.count. Values are put in once, never read
   * again for names, so data cannot become a name. Without the words it says nothing. */
  function say(key, values) {
    var word = words[key];
    if (word && typeof word === "object" && !Array.isArray(word)) {
      word = values && values.count === 1 ? word.one : word.other;
    }
    return typeof word !== "string" ? "" : word.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  window.iopGuide = { data: data, words: words, whenReady: whenReady, element: element, say: say };
})();
