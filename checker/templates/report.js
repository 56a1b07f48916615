(function () {
  "use strict";
  function clearActive() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }
  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-findings], .pin"), function (el) {
      var ids = (el.getAttribute("data-findings") || el.getAttribute("data-finding") || "").split(" ");
      return ids.indexOf(id) !== -1;
    });
  }
  function showFinding(id) {
    clearActive();
    var marks = marksOf(id);
    marks.forEach(function (el) { el.classList.add("active"); });
    var item = document.getElementById(id + "-item");
    if (item) { item.parentNode.classList.add("active"); }
    if (marks.length) { marks[0].scrollIntoView({block: "center"}); }
  }
  function showItem(id) {
    clearActive();
    var item = document.getElementById(id + "-item");
    if (!item) { return; }
    var rule = item.closest(".rule");
    if (rule) { rule.classList.remove("hidden"); }
    item.parentNode.classList.add("active");
    marksOf(id).forEach(function (el) { el.classList.add("active"); });
    item.scrollIntoView({block: "center"});
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".finding-link");
    if (link) { event.preventDefault(); showFinding(link.getAttribute("data-finding")); return; }
    var pin = event.target.closest(".pin");
    if (pin) { event.preventDefault(); showItem(pin.getAttribute("data-finding")); return; }
    var mark = event.target.closest("mark[data-findings]");
    if (mark) { showItem(mark.getAttribute("data-findings").split(" ")[0]); }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-findings]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showItem(mark.getAttribute("data-findings").split(" ")[0]);
    }
  });
  function applyFilters() {
    var wanted = {severity: [], status: []};
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (box.checked) { wanted[box.getAttribute("data-filter")].push(box.value); }
    });
    document.querySelectorAll(".rule").forEach(function (rule) {
      var show = wanted.severity.indexOf(rule.getAttribute("data-severity")) !== -1 &&
        wanted.status.indexOf(rule.getAttribute("data-status")) !== -1;
      rule.classList.toggle("hidden", !show);
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[data-filter]")) { applyFilters(); }
  });
})();
