/* iopGuide.dates: the plan's dates, local calendar days, and how they read.
 *
 * How a date reads (its order, and the names of weekdays and months) is the site's words
 * (iopGuide.say), not the browser's language: the page and its dates speak one language.
 *
 * Dates are local calendar days built from their parts: new Date(y, m - 1, d)
 * and setDate, never parsed ISO strings (those are UTC and slip a day west of
 * Greenwich) nor added milliseconds (those slip an hour across daylight saving).
 */
(function () {
  "use strict";

  var guide = window.iopGuide;
  if (!guide) {
    return;
  }

  var DAY_IDS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  /* the day "YYYY-MM-DD" names, or null when it names none (2026-02-30) */
  function parseDay(text) {
    var match = ISO_DATE.exec(text || "");
    if (!match) { return null; }
    var y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
    // noon keeps the day whole even where a clock change happens at midnight
    var date = new Date(y, m - 1, d, 12);
    if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) { return null; }
    return date;
  }

  function addDays(date, days) {
    var next = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 12);
    next.setDate(next.getDate() + days);
    return next;
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }

  /* YYYYMMDD, as the calendar file writes a day */
  function dayStamp(date) {
    return pad(date.getFullYear(), 4) + pad(date.getMonth() + 1, 2) + pad(date.getDate(), 2);
  }

  /* the day's id as the data names track days: "mon", "tue", ... */
  function dayId(date) {
    return DAY_IDS[date.getDay()];
  }

  function parts(date) {
    var names = guide.words;
    return {
      weekday: (names.weekdays || [])[date.getDay()] || "",
      month: (names.months || [])[date.getMonth()] || "",
      day: date.getDate(),
      year: date.getFullYear()
    };
  }

  /* "Monday, March 9" (in Spanish "lunes, 9 de marzo") */
  function long(date) {
    return guide.say("date_long", parts(date));
  }

  /* "Monday, March 9, 2026" */
  function longYear(date) {
    return guide.say("date_long_year", parts(date));
  }

  /* "Wednesday, March 4 to Tuesday, March 10, 2026": the year once, unless the days' years differ */
  function range(first, last) {
    var head = first.getFullYear() === last.getFullYear() ? long(first) : longYear(first);
    return guide.say("date_range", { first: head, last: longYear(last) });
  }

  guide.dates = {
    parseDay: parseDay, addDays: addDays, dayStamp: dayStamp, dayId: dayId,
    long: long, longYear: longYear, range: range
  };
})();
