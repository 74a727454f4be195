/* iopGuide.calendar: a calendar file (RFC 5545) of the plan's sessions, made here in the browser.
 *
 * Times are floating local times (the data names no time zone); the same plan always gives
 * the same UIDs, so importing the file again updates the events instead of adding them twice.
 * The events' words are the site's (iopGuide.say), in the site's language.
 */
(function () {
  "use strict";

  var guide = window.iopGuide;
  if (!guide || !guide.dates || !guide.plan) {
    return;
  }
  var encoder = new TextEncoder();
  var say = guide.say;

  /* a TEXT value (RFC 5545 3.3.11): line breaks (also NEL and the Unicode line and paragraph
   * separators) become the escape \n, and the other control characters, which TEXT may not hold
   * and some readers take for line ends, become spaces: no data can start a line of its own */
  function escapeText(text) {
    return String(text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, "\\n")
      // eslint-disable-next-line no-control-regex -- control characters are what this takes out
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  }

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
    return guide.dates.dayStamp(date) + "T" + time.replace(":", "") + "00";
  }

  function utcStamp(now) {
    return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  }

  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  /* the lines of one session's event: session is { day, number (of its week), info (the week's data) } */
  function event(data, plan, session, stamp) {
    var start = localTime(session.day, plan.track.start);
    var number = session.number, info = session.info;
    var week = { number: number, length: data.length, phase: info.phase, track: plan.track.name,
      time: plan.track.time };
    var call = say("ics_call", { clinic: data.clinic, location: data.location, phone: data.phone });
    return [
      "BEGIN:VEVENT",
      // the same plan always gives the same UIDs, so importing it again updates, not duplicates
      "UID:" + start + "-" + slug(plan.track.name) + "-" + slug(data.site) + "@iop-guide",
      "DTSTAMP:" + stamp,
      "DTSTART:" + start,
      "DTEND:" + localTime(session.day, plan.track.end),
      "SUMMARY:" + escapeText(say("ics_summary", { number: number, title: info.title })),
      "LOCATION:" + escapeText(data.clinic + " (" + data.location + "), " + data.address),
      "DESCRIPTION:" + escapeText(say(info.phase ? "ics_week_phase" : "ics_week", week) + "\n" + call),
      "END:VEVENT"
    ];
  }

  /* the whole file, and how many sessions it holds */
  function make(data, plan) {
    var stamp = utcStamp(new Date());
    var titles = {};
    (data.weeks || []).forEach(function (week) { titles[week.number] = week; });
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//iop-guide//Plan of my weeks//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(say("ics_calendar", { clinic: data.clinic, location: data.location }))
    ];
    var count = 0;
    guide.plan.allWeeks(data, plan).forEach(function (week) {
      var info = titles[week.number] || { title: "", phase: "" };
      week.sessions.forEach(function (day) {
        count += 1;
        lines = lines.concat(event(data, plan, { day: day, number: week.number, info: info }, stamp));
      });
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(fold).join("\r\n") + "\r\n", count: count };
  }

  /* save the plan's calendar file through the browser's download; give the number of sessions */
  function download(data, plan) {
    var made = make(data, plan);
    var blob = new Blob([made.text], { type: "text/calendar;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = slug(data.site) + "-" + (slug(say("ics_file")) || "sessions") + ".ics";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // the download reads the blob after this click returns: free it a little later
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return made.count;
  }

  guide.calendar = { download: download };
})();
