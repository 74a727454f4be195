/* Print help: on paper a link cannot be followed, so print.css writes out the target
 * of each web, email and phone link whose text does not already show it. This script
 * decides which links those are (CSS cannot compare a link's text with its target),
 * and makes the whole guide's "Print" button: without JavaScript there is no button.
 */
(function () {
  "use strict";

  function digits(text) {
    return text.replace(/\D/g, "");
  }

  function squeeze(text) {
    return text.toLowerCase().replace(/\s+/g, "");
  }

  /* what to write out after the link on paper, or "" when its text already shows it */
  function printTarget(link) {
    var href = link.getAttribute("href") || "";
    var text = link.textContent || "";
    var scheme = href.split(":")[0].toLowerCase();
    if (scheme === "tel") {
      var number = decodeURIComponent(href.slice(4));
      var wanted = digits(number);
      var shown = digits(text);
      /* "(626) 555-0142" shows tel:+16265550142: the shown digits end the number */
      var visible = wanted !== "" && (shown.indexOf(wanted) !== -1 ||
        (shown.length >= 7 && wanted.slice(-shown.length) === shown));
      return visible ? "" : number;
    }
    if (scheme === "mailto") {
      var address = decodeURIComponent(href.slice(7).split("?")[0]);
      return squeeze(text).indexOf(squeeze(address)) !== -1 ? "" : address;
    }
    if (scheme === "http" || scheme === "https") {
      var bare = squeeze(href).replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/$/, "");
      return squeeze(text).indexOf(bare) !== -1 ? "" : href;
    }
    return "";
  }

  function markLinks() {
    var links = document.querySelectorAll("a[href]");
    Array.prototype.forEach.call(links, function (link) {
      var target = printTarget(link);
      if (target) {
        link.setAttribute("data-iop-print-target", target);
      }
    });
  }

  function offerPrint() {
    var places = document.querySelectorAll("[data-iop-print-button]");
    Array.prototype.forEach.call(places, function (place) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "iop-print-button";
      button.textContent = place.getAttribute("data-iop-print-button");
      button.addEventListener("click", function () { window.print(); });
      place.appendChild(button);
    });
  }

  function start() {
    markLinks();
    offerPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
