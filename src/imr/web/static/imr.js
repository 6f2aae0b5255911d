/* imr reviewer web app: the little the pages do in the browser. Every page works without it;
   with it, the evidence can be filtered by item and criterion, and drafting shows its progress. */
(function () {
  "use strict";

  function contains(list, value) {
    return (" " + (list || "") + " ").indexOf(" " + value + " ") !== -1;
  }

  function evidenceFilter() {
    var form = document.getElementById("evidence-filter");
    if (!form) { return; }
    var itemSelect = document.getElementById("filter-item");
    var criterionSelect = document.getElementById("filter-criterion");
    var count = document.getElementById("filter-count");
    var marks = Array.prototype.slice.call(document.querySelectorAll(".record-text mark[data-items]"));
    var backs = Array.prototype.slice.call(document.querySelectorAll(".record-text a.back"));
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function apply() {
      var item = itemSelect.value;
      var criterion = criterionSelect.value;
      Array.prototype.forEach.call(criterionSelect.options, function (option) {
        option.hidden = Boolean(item && option.value && option.getAttribute("data-item") !== item);
      });
      if (criterion && item && criterionSelect.selectedOptions[0].getAttribute("data-item") !== item) {
        criterionSelect.value = "";
        criterion = "";
      }
      var shown = 0;
      marks.forEach(function (mark) {
        var match = (!item || contains(mark.getAttribute("data-items"), item)) &&
          (!criterion || contains(mark.getAttribute("data-criteria"), criterion));
        mark.classList.toggle("dim", !match);
        if (match) { shown += 1; }
      });
      backs.forEach(function (link) {
        var match = (!item || link.getAttribute("data-item") === item) &&
          (!criterion || link.getAttribute("data-criterion") === criterion);
        link.classList.toggle("dim", !match);
      });
      count.textContent = (item || criterion) ? shown + " passage" + (shown === 1 ? "" : "s") + " shown" : "";
    }
    itemSelect.addEventListener("change", apply);
    criterionSelect.addEventListener("change", apply);
  }

  function draftingProgress() {
    var forms = document.querySelectorAll("form[data-progress]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function () {
        var panel = document.getElementById(form.getAttribute("data-progress"));
        var button = form.querySelector("button");
        if (button) { button.disabled = true; }
        if (!panel) { return; }
        panel.hidden = false;
        var elapsed = panel.querySelector(".elapsed");
        var started = Date.now();
        window.setInterval(function () {
          var seconds = Math.round((Date.now() - started) / 1000);
          if (elapsed) { elapsed.textContent = seconds + " s"; }
        }, 1000);
      });
    });
  }

  /* A link to a criterion or passage inside a folded section (a signed item) opens it first. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var node = target && target.parentElement;
    while (node) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; }
      node = node.parentElement;
    }
    if (target) { target.scrollIntoView(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    evidenceFilter();
    draftingProgress();
    if (window.location.hash) { openTarget(); }
  });
  window.addEventListener("hashchange", openTarget);
}());
