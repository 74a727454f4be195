/* Checklists patients can tick: progressive enhancement of the plain lists the build writes.
 *
 * The build marks each list <div class="iop-checklist" data-checklist="week-3"> and each
 * item <li data-item="<hash of its words>">. This script adds a real checkbox and label to
 * each item, a progress line ("2 of 5 done", announced politely) and a "Clear my ticks"
 * button per list, in the site's words (iopGuide.say). Without it the page keeps a plain list: nothing dead to click.
 *
 * Ticks are stored through iopGuide.store (storage.js) under the one "checklists" key of the site:
 *   { "<list id>": ["<item key>", ...], ... }
 * A tick is kept by the item's key, a hash of its words: if the words change, the old
 * tick matches nothing and is dropped the next time that list is saved.
 */
(function () {
  "use strict";

  /* without the site data there is no store: the lists stay plain, as without script */
  var store = window.iopGuide && window.iopGuide.store;
  var lists = Array.prototype.slice.call(document.querySelectorAll(".iop-checklist[data-checklist]"));
  if (!store || !lists.length) {
    return;
  }

  function saved() {
    var state = store.read("checklists");
    return state && typeof state === "object" && !Array.isArray(state) ? state : {};
  }

  function boxes(list) {
    return Array.prototype.slice.call(list.querySelectorAll("input.iop-checklist__box"));
  }

  function progressText(list) {
    var all = boxes(list);
    var done = all.filter(function (box) { return box.checked; }).length;
    return window.iopGuide.say("ticks_done", { done: done, total: all.length });
  }

  function tick(list, state) {
    var ticked = state[list.getAttribute("data-checklist")];
    ticked = Array.isArray(ticked) ? ticked : [];
    boxes(list).forEach(function (box) {
      box.checked = ticked.indexOf(box.value) !== -1;
    });
  }

  /* Show the stored ticks on every list (the same list may appear on one page twice). */
  function show() {
    var state = saved();
    lists.forEach(function (list) {
      tick(list, state);
      var progress = list.querySelector(".iop-checklist__progress");
      var text = progressText(list);
      /* only real changes reach the live region, so nothing is announced twice */
      if (progress.textContent !== text) {
        progress.textContent = text;
      }
    });
  }

  function save(list) {
    var state = saved();
    var id = list.getAttribute("data-checklist");
    var ticked = boxes(list)
      .filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    if (ticked.length) {
      state[id] = ticked;
    } else {
      delete state[id];
    }
    store.write("checklists", state);
    show();
  }

  function enhance(list, listIndex, state) {
    list.querySelectorAll("li[data-item]").forEach(function (item, itemIndex) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.className = "iop-checklist__box";
      box.id = "iop-check-" + listIndex + "-" + itemIndex;
      box.value = item.getAttribute("data-item");
      box.addEventListener("change", function () { save(list); });

      var label = document.createElement("label");
      label.className = "iop-checklist__item";
      label.htmlFor = box.id;
      var text = document.createElement("span");
      text.className = "iop-checklist__text";
      /* move the item's own nodes: its text is never parsed again as HTML */
      while (item.firstChild) {
        text.appendChild(item.firstChild);
      }
      label.appendChild(box);
      label.appendChild(text);
      item.appendChild(label);
    });

    /* ticks first, so the live region starts with the right count and says nothing on load */
    tick(list, state);
    var progress = document.createElement("p");
    progress.className = "iop-checklist__progress";
    progress.setAttribute("aria-live", "polite");
    progress.textContent = progressText(list);
    list.insertBefore(progress, list.firstChild);

    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "iop-checklist__clear";
    clear.textContent = window.iopGuide.say("ticks_clear");
    clear.addEventListener("click", function () {
      boxes(list).forEach(function (box) { box.checked = false; });
      save(list);
    });
    list.appendChild(clear);

    list.classList.add("iop-checklist--ready");
  }

  var state = saved();
  lists.forEach(function (list, index) { enhance(list, index, state); });
  /* ticks made in another tab of this site show here too, and so does "forget everything" */
  window.addEventListener("storage", show);
  document.addEventListener("iop-guide:cleared", show);
})();
