/* plan: the patient's own start date and schedule track, kept in this browser.
 *
 * Home: a form (hidden until this script runs, so it is never a dead form) saves
 * { start: "YYYY-MM-DD", track: "<track name>" } through window.iopGuide, shows
 * the program's dates and offers a calendar file made here in the browser.
 * Week pages: the week's dates and session days, from the same plan.
 *
 * Dates are local calendar days built from their parts: new Date(y, m - 1, d)
 * and setDate, never parsed ISO strings (those are UTC and slip a day west of
 * Greenwich) nor added milliseconds (those slip an hour across daylight saving).
 */
(function () {
  "use strict";

  var DAY_IDS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
  var LONG = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric" });
  var LONG_YEAR = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric" });

  function siteData() {
    var node = document.getElementById("iop-site-data");
    try { return node ? JSON.parse(node.textContent) : null; } catch (error) { return null; }
  }

  /* ---- dates ---- */

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

  function dayStamp(date) {
    return pad(date.getFullYear(), 4) + pad(date.getMonth() + 1, 2) + pad(date.getDate(), 2);
  }

  function range(first, last) {
    var head = first.getFullYear() === last.getFullYear() ? LONG.format(first) : LONG_YEAR.format(first);
    return head + " to " + LONG_YEAR.format(last);
  }

  /* ---- the plan ---- */

  /* a name without spaces, line breaks and control characters: the HTML parser turns CR and CRLF
   * into LF in the form's <option> (Markdown, tabs into spaces), while the site data keeps them */
  function nameKey(name) {
    return String(name).replace(/[\s\u0000-\u001f\u007f-\u009f\ufffd]+/g, "");
  }

  /* the times go into the calendar file as they are: only clock times will do */
  function usable(track) {
    return Boolean(track) && Array.isArray(track.days) && CLOCK.test(track.start) && CLOCK.test(track.end);
  }

  /* the track of this name: the exact name first, else the same name with other line breaks */
  function findTrack(data, name) {
    var tracks = (data.tracks || []).filter(usable);
    if (typeof name !== "string") { return null; }
    return tracks.find(function (track) { return track.name === name; }) ||
      tracks.find(function (track) { return nameKey(track.name) === nameKey(name); }) || null;
  }

  /* the track of the form's option at this index: the form lists the tracks in the data's order */
  function trackOfOption(data, select, index) {
    var option = select.options[index], track = (data.tracks || [])[index];
    if (!option) { return null; }
    return usable(track) && nameKey(track.name) === nameKey(option.value) ? track : findTrack(data, option.value);
  }

  /* the stored plan, if it still fits this site's data (a track may have been renamed) */
  function readPlan(data) {
    var stored = window.iopGuide ? window.iopGuide.read("plan") : null;
    if (!stored || typeof stored !== "object") { return null; }
    var start = parseDay(stored.start);
    var track = findTrack(data, stored.track);
    return start && track ? { start: start, startText: stored.start, track: track } : null;
  }

  /* week k runs from start + 7 (k - 1) days for 7 days; its sessions are the track's days in it */
  function weekOf(plan, number) {
    var first = addDays(plan.start, 7 * (number - 1));
    var sessions = [];
    for (var i = 0; i < 7; i += 1) {
      var day = addDays(first, i);
      if (plan.track.days.indexOf(DAY_IDS[day.getDay()]) !== -1) { sessions.push(day); }
    }
    return { number: number, first: first, last: addDays(first, 6), sessions: sessions };
  }

  function allWeeks(data, plan) {
    var weeks = [];
    for (var number = 1; number <= data.length; number += 1) { weeks.push(weekOf(plan, number)); }
    return weeks;
  }

  /* ---- small DOM helpers: data goes in as text, never as HTML ---- */

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function fact(label, text) {
    var item = element("li");
    item.appendChild(element("strong", label + ":"));
    item.appendChild(document.createTextNode(" " + text));
    return item;
  }

  /* ---- the calendar file (RFC 5545) ---- */

  /* a TEXT value (RFC 5545 3.3.11): line breaks (also NEL and the Unicode line and paragraph
   * separators) become the escape \n, and the other control characters, which TEXT may not hold
   * and some readers take for line ends, become spaces: no data can start a line of its own */
  function escapeText(text) {
    return String(text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, "\\n")
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  }

  var encoder = new TextEncoder();

  /* lines longer than 75 octets go on in lines that start with a space; never split a character */
  function fold(line) {
    var parts = [], current = "", size = 0;
    Array.from(line).forEach(function (character) {
      var bytes = encoder.encode(character).length;
      if (size + bytes > 75) {
        parts.push(current);
        current = " ";
        size = 1;
      }
      current += character;
      size += bytes;
    });
    parts.push(current);
    return parts.join("\r\n");
  }

  function localTime(date, time) {
    // floating time: the data names no time zone, so the calendar keeps the clock time as given
    return dayStamp(date) + "T" + time.replace(":", "") + "00";
  }

  function utcStamp(now) {
    return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  }

  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function calendar(data, plan) {
    var stamp = utcStamp(new Date());
    var titles = {};
    (data.weeks || []).forEach(function (week) { titles[week.number] = week; });
    var place = data.clinic + " (" + data.location + "), " + data.address;
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//iop-guide//Plan of my weeks//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(data.clinic + ", " + data.location + ": my IOP sessions")
    ];
    var count = 0;
    allWeeks(data, plan).forEach(function (week) {
      var info = titles[week.number] || { title: "", phase: "" };
      week.sessions.forEach(function (day) {
        var start = localTime(day, plan.track.start);
        count += 1;
        lines.push(
          "BEGIN:VEVENT",
          // the same plan always gives the same UIDs, so importing it again updates, not duplicates
          "UID:" + start + "-" + slug(plan.track.name) + "-" + slug(data.site) + "@iop-guide",
          "DTSTAMP:" + stamp,
          "DTSTART:" + start,
          "DTEND:" + localTime(day, plan.track.end),
          "SUMMARY:" + escapeText("IOP week " + week.number + ": " + info.title),
          "LOCATION:" + escapeText(place),
          "DESCRIPTION:" + escapeText(
            "Week " + week.number + " of " + data.length + (info.phase ? " (" + info.phase + ")" : "") +
            ", " + plan.track.name + ", " + plan.track.time + ".\nQuestions, or running late? Call " +
            data.clinic + ", " + data.location + ": " + data.phone + "."),
          "END:VEVENT"
        );
      });
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(fold).join("\r\n") + "\r\n", count: count };
  }

  function download(data, plan) {
    var made = calendar(data, plan);
    var blob = new Blob([made.text], { type: "text/calendar;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = slug(data.site) + "-my-iop-sessions.ics";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // the download reads the blob after this click returns: free it a little later
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return made.count;
  }

  /* ---- home: the form ---- */

  function setupForm(data, root) {
    var form = root.querySelector("form");
    var start = root.querySelector("#iop-plan-start");
    var track = root.querySelector("#iop-plan-track");
    var error = root.querySelector("#iop-plan-start-error");
    var status = root.querySelector("[data-iop-plan-status]");
    var summary = root.querySelector("[data-iop-plan-summary]");
    var facts = root.querySelector("[data-iop-plan-facts]");

    function showError(message) {
      error.textContent = message;
      error.hidden = false;
      start.setAttribute("aria-invalid", "true");
      status.textContent = "";
      start.focus();
    }

    function hideError() {
      error.textContent = "";
      error.hidden = true;
      start.removeAttribute("aria-invalid");
    }

    function showPlan() {
      var plan = readPlan(data);
      facts.replaceChildren();
      summary.hidden = !plan;
      if (!plan) { return null; }
      var weeks = allWeeks(data, plan);
      var sessions = [];
      weeks.forEach(function (week) { sessions = sessions.concat(week.sessions); });
      var last = weeks[weeks.length - 1];
      facts.appendChild(fact("Schedule track", plan.track.name + ", " + plan.track.time));
      facts.appendChild(fact("Week 1 starts", LONG_YEAR.format(plan.start)));
      if (sessions.length) {
        facts.appendChild(fact("First session", LONG_YEAR.format(sessions[0])));
        facts.appendChild(fact("Last session", LONG_YEAR.format(sessions[sessions.length - 1])));
      }
      facts.appendChild(fact("Program ends", LONG_YEAR.format(last.last) + " (end of week " + data.length + ")"));
      facts.appendChild(fact("Sessions in all", String(sessions.length)));
      return plan;
    }

    var plan = readPlan(data);
    if (plan) {
      start.value = plan.startText;
      // by index: a name with line breaks does not match its option's value as written
      track.selectedIndex = Math.max(0, Array.from(track.options).findIndex(function (option, index) {
        return trackOfOption(data, track, index) === plan.track;
      }));
    }
    showPlan();

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (start.validity.badInput || (start.value && !parseDay(start.value))) {
        showError("That is not a whole date. Enter the month, day and year of your first day.");
        return;
      }
      if (!start.value) {
        showError("Enter the first day of your week 1.");
        return;
      }
      if (start.validity.rangeUnderflow || start.validity.rangeOverflow) {
        showError("Enter a date between the years 2000 and 2099.");
        return;
      }
      hideError();
      // the data's own name is kept, which is what readPlan looks for on every page
      var chosen = trackOfOption(data, track, track.selectedIndex);
      if (!chosen) {
        status.textContent = "This schedule track cannot be planned here. Call us to learn your dates.";
        return;
      }
      window.iopGuide.write("plan", { start: start.value, track: chosen.name });
      var saved = showPlan();
      status.textContent = saved
        ? "Plan saved. Your program ends " + LONG_YEAR.format(addDays(saved.start, 7 * data.length - 1)) + "."
        : "Your plan could not be saved in this browser.";
    });

    start.addEventListener("input", function () {
      if (start.getAttribute("aria-invalid") && parseDay(start.value)) { hideError(); }
    });

    root.querySelector("[data-iop-plan-ics]").addEventListener("click", function () {
      var current = readPlan(data);
      if (!current) { return; }
      var count = download(data, current);
      status.textContent = "Calendar file made with " + count + " sessions. Open it to add them to your calendar.";
    });

    function reset(message) {
      form.reset();
      hideError();
      showPlan();
      status.textContent = message;
    }

    root.querySelector("[data-iop-plan-clear]").addEventListener("click", function () {
      window.iopGuide.remove("plan");
      reset("Your plan is cleared. Nothing about it is kept in this browser now.");
      // the clear button is gone now: keep the keyboard user in the form
      start.focus();
    });

    // the footer's "clear what this guide saved" also removes the plan
    document.addEventListener("iop-guide:cleared", function () { reset(""); });
    root.hidden = false;
  }

  /* ---- week pages ---- */

  function setupWeek(data, root) {
    var number = Number(root.getAttribute("data-iop-week-plan"));
    var body = root.querySelector("[data-iop-week-plan-body]");
    var change = root.querySelector("a");

    function show() {
      var plan = readPlan(data);
      body.replaceChildren();
      root.classList.toggle("iop-week-plan--empty", !plan);
      if (!plan) {
        body.appendChild(element("p", "See the dates of this week and your session days: choose your start date and schedule track on the home page."));
        if (change) { change.textContent = "Plan your dates"; }
        return;
      }
      var week = weekOf(plan, number);
      var dates = element("p", null, "iop-week-plan__dates");
      dates.appendChild(element("strong", "Your week " + number + ":"));
      dates.appendChild(document.createTextNode(" " + range(week.first, week.last)));
      body.appendChild(dates);
      if (week.sessions.length) {
        body.appendChild(element("p", "Your sessions (" + plan.track.name + ", " + plan.track.time + "):"));
        var list = element("ul", null, "iop-week-plan__sessions");
        week.sessions.forEach(function (day) { list.appendChild(element("li", LONG.format(day))); });
        body.appendChild(list);
      } else {
        body.appendChild(element("p", "No sessions of the " + plan.track.name + " fall in this week."));
      }
      if (change) { change.textContent = "Change your plan"; }
    }

    show();
    document.addEventListener("iop-guide:cleared", show);
    root.hidden = false;
  }

  function start() {
    var data = siteData();
    if (!data || !window.iopGuide || !data.tracks || !data.tracks.length) { return; }
    var form = document.querySelector("[data-iop-plan]");
    if (form) { setupForm(data, form); }
    var week = document.querySelector("[data-iop-week-plan]");
    if (week) { setupWeek(data, week); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
