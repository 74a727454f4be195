/* The home page's plan form: the patient's start date and schedule track.
 *
 * The form is hidden until this script runs, so it is never a dead form. It saves the plan
 * through iopGuide.store (plan.js says what is kept), shows the program's dates and offers
 * the calendar file (calendar.js). Without the site data it stays hidden. Its words are the
 * site's (iopGuide.say), in the site's language.
 */
(function () {
  "use strict";

  var guide = window.iopGuide;
  if (!guide || !guide.plan || !guide.calendar) {
    return;
  }
  var dates = guide.dates, plans = guide.plan, say = guide.say;

  /* the form's parts, found once */
  function controls(root) {
    return {
      root: root,
      form: root.querySelector("form"),
      start: root.querySelector("#iop-plan-start"),
      track: root.querySelector("#iop-plan-track"),
      error: root.querySelector("#iop-plan-start-error"),
      status: root.querySelector("[data-iop-plan-status]"),
      summary: root.querySelector("[data-iop-plan-summary]"),
      facts: root.querySelector("[data-iop-plan-facts]")
    };
  }

  function showError(f, message) {
    f.error.textContent = message;
    f.error.hidden = false;
    f.start.setAttribute("aria-invalid", "true");
    f.status.textContent = "";
    f.start.focus();
  }

  function hideError(f) {
    f.error.textContent = "";
    f.error.hidden = true;
    f.start.removeAttribute("aria-invalid");
  }

  function fact(label, text) {
    var item = guide.element("li");
    item.appendChild(guide.element("strong", label + ":"));
    item.appendChild(document.createTextNode(" " + text));
    return item;
  }

  /* the stored plan's facts under the form, or none; gives the plan */
  function showPlan(data, f) {
    var plan = plans.read(data);
    f.facts.replaceChildren();
    f.summary.hidden = !plan;
    if (!plan) { return null; }
    var weeks = plans.allWeeks(data, plan);
    var sessions = [];
    weeks.forEach(function (week) { sessions = sessions.concat(week.sessions); });
    var last = weeks[weeks.length - 1];
    f.facts.appendChild(fact(say("plan_track"), plan.track.name + ", " + plan.track.time));
    f.facts.appendChild(fact(say("plan_start"), dates.longYear(plan.start)));
    if (sessions.length) {
      f.facts.appendChild(fact(say("plan_first"), dates.longYear(sessions[0])));
      f.facts.appendChild(fact(say("plan_last"), dates.longYear(sessions[sessions.length - 1])));
    }
    f.facts.appendChild(fact(say("plan_ends"),
      say("plan_ends_on", { date: dates.longYear(last.last), length: data.length })));
    f.facts.appendChild(fact(say("plan_count"), String(sessions.length)));
    return plan;
  }

  /* the stored plan back in the form's fields */
  function restore(data, f) {
    var plan = plans.read(data);
    if (!plan) { return; }
    f.start.value = plan.startText;
    // by index: a name with line breaks does not match its option's value as written
    f.track.selectedIndex = Math.max(0, Array.from(f.track.options).findIndex(function (option, index) {
      return plans.trackOfOption(data, f.track, index) === plan.track;
    }));
  }

  /* what is wrong with the start date, or "" */
  function startProblem(start) {
    if (start.validity.badInput || (start.value && !dates.parseDay(start.value))) {
      return say("date_not_whole");
    }
    if (!start.value) { return say("date_missing"); }
    if (start.validity.rangeUnderflow || start.validity.rangeOverflow) {
      return say("date_out_of_range");
    }
    return "";
  }

  function save(data, f) {
    var problem = startProblem(f.start);
    if (problem) {
      showError(f, problem);
      return;
    }
    hideError(f);
    // the data's own name is kept, which is what plans.read looks for on every page
    var chosen = plans.trackOfOption(data, f.track, f.track.selectedIndex);
    if (!chosen) {
      f.status.textContent = say("track_unplannable");
      return;
    }
    guide.store.write("plan", { start: f.start.value, track: chosen.name });
    var saved = showPlan(data, f);
    f.status.textContent = saved
      ? say("plan_saved", { date: dates.longYear(dates.addDays(saved.start, 7 * data.length - 1)) })
      : say("plan_not_saved");
  }

  function reset(data, f, message) {
    f.form.reset();
    hideError(f);
    showPlan(data, f);
    f.status.textContent = message;
  }

  function listen(data, f) {
    f.form.addEventListener("submit", function (event) {
      event.preventDefault();
      save(data, f);
    });
    f.start.addEventListener("input", function () {
      if (f.start.getAttribute("aria-invalid") && dates.parseDay(f.start.value)) { hideError(f); }
    });
    f.root.querySelector("[data-iop-plan-ics]").addEventListener("click", function () {
      var current = plans.read(data);
      if (!current) { return; }
      var count = guide.calendar.download(data, current);
      f.status.textContent = say("calendar_made", { count: count });
    });
    f.root.querySelector("[data-iop-plan-clear]").addEventListener("click", function () {
      guide.store.remove("plan");
      reset(data, f, say("plan_cleared"));
      // the clear button is gone now: keep the keyboard user in the form
      f.start.focus();
    });
    // the footer's "clear what this guide saved" also removes the plan
    document.addEventListener("iop-guide:cleared", function () { reset(data, f, ""); });
  }

  guide.whenReady(function () {
    var root = document.querySelector("[data-iop-plan]");
    if (!root || !plans.available()) { return; }
    var f = controls(root);
    restore(guide.data, f);
    showPlan(guide.data, f);
    listen(guide.data, f);
    root.hidden = false;
  });
})();
