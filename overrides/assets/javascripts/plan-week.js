/* A week page's dates: the week's days and session days from the stored plan (plan.js).
 *
 * The box is hidden until this script runs; without a plan it says where to make one,
 * and without the site data it stays hidden. Its words are the site's (iopGuide.say).
 */
(function () {
  "use strict";

  var guide = window.iopGuide;
  if (!guide || !guide.plan) {
    return;
  }
  var dates = guide.dates, element = guide.element, say = guide.say;

  /* the week's dates and sessions, as text */
  function planned(body, plan, week) {
    var line = element("p", null, "iop-week-plan__dates");
    line.appendChild(element("strong", say("week_dates", { number: week.number })));
    line.appendChild(document.createTextNode(" " + dates.range(week.first, week.last)));
    body.appendChild(line);
    if (week.sessions.length) {
      body.appendChild(element("p", say("week_sessions", { track: plan.track.name, time: plan.track.time })));
      var list = element("ul", null, "iop-week-plan__sessions");
      week.sessions.forEach(function (day) { list.appendChild(element("li", dates.long(day))); });
      body.appendChild(list);
    } else {
      body.appendChild(element("p", say("week_none", { track: plan.track.name })));
    }
  }

  function show(data, root) {
    var number = Number(root.getAttribute("data-iop-week-plan"));
    var body = root.querySelector("[data-iop-week-plan-body]");
    var change = root.querySelector("a");
    var plan = guide.plan.read(data);
    body.replaceChildren();
    root.classList.toggle("iop-week-plan--empty", !plan);
    if (!plan) {
      body.appendChild(element("p", say("week_no_plan")));
      if (change) { change.textContent = say("plan_link"); }
      return;
    }
    planned(body, plan, guide.plan.weekOf(plan, number));
    if (change) { change.textContent = say("plan_change"); }
  }

  guide.whenReady(function () {
    var root = document.querySelector("[data-iop-week-plan]");
    if (!root || !guide.plan.available()) { return; }
    show(guide.data, root);
    // the footer's "clear what this guide saved" empties the week too
    document.addEventListener("iop-guide:cleared", function () { show(guide.data, root); });
    root.hidden = false;
  });
})();
