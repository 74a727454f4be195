/* iopGuide.plan: the patient's own start date and schedule track, and the weeks they give.
 *
 * The plan is kept through iopGuide.store under the site's "plan" key as
 * { start: "YYYY-MM-DD", track: "<track name>" }; the home page's form writes it
 * (plan-form.js), and week pages show their dates from it (plan-week.js).
 * Week k runs from start + 7 (k - 1) days for 7 days; its sessions are the track's days in it.
 */
(function () {
  "use strict";

  var guide = window.iopGuide;
  if (!guide || !guide.dates) {
    return;
  }
  var dates = guide.dates;
  var CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

  /* true when this page can plan: the site data has tracks and the store has a site key */
  function available() {
    var data = guide.data;
    return Boolean(data && guide.store && data.tracks && data.tracks.length);
  }

  /* a name without spaces, line breaks and control characters: the HTML parser turns CR and CRLF
   * into LF in the form's <option> (Markdown, tabs into spaces), while the site data keeps them */
  function nameKey(name) {
    // eslint-disable-next-line no-control-regex -- control characters are what this takes out
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
  function read(data) {
    var stored = guide.store ? guide.store.read("plan") : null;
    if (!stored || typeof stored !== "object") { return null; }
    var start = dates.parseDay(stored.start);
    var track = findTrack(data, stored.track);
    return start && track ? { start: start, startText: stored.start, track: track } : null;
  }

  function weekOf(plan, number) {
    var first = dates.addDays(plan.start, 7 * (number - 1));
    var sessions = [];
    for (var i = 0; i < 7; i += 1) {
      var day = dates.addDays(first, i);
      if (plan.track.days.indexOf(dates.dayId(day)) !== -1) { sessions.push(day); }
    }
    return { number: number, first: first, last: dates.addDays(first, 6), sessions: sessions };
  }

  function allWeeks(data, plan) {
    var weeks = [];
    for (var number = 1; number <= data.length; number += 1) { weeks.push(weekOf(plan, number)); }
    return weeks;
  }

  guide.plan = {
    available: available, trackOfOption: trackOfOption, read: read, weekOf: weekOf, allWeeks: allWeeks
  };
})();
