(function () {
  "use strict";
  var table = document.getElementById("grid");
  var body = table.tBodies[0];
  var shown = document.querySelector(".shown");
  function filter() {
    var wanted = {};
    document.querySelectorAll("select[data-filter]").forEach(function (sel) { wanted[sel.getAttribute("data-filter")] = sel.value; });
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = Object.keys(wanted).every(function (key) { return !wanted[key] || row.getAttribute("data-" + key) === wanted[key]; });
      row.classList.toggle("hidden", !ok);
      if (ok) { count += 1; }
    });
    shown.textContent = "显示 " + count + " / " + body.rows.length + " 份";
  }
  document.querySelectorAll("select[data-filter]").forEach(function (sel) { sel.addEventListener("change", filter); });
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, index) {
    th.addEventListener("click", function () {
      var numeric = th.getAttribute("data-sort") === "num";
      var asc = !th.classList.contains("sorted-asc");
      Array.prototype.forEach.call(headers, function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
      th.classList.add(asc ? "sorted-asc" : "sorted-desc");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
        var cmp = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh-CN");
        return asc ? cmp : -cmp;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
})();
