/* Thidua — the phase reports' dashboard charts (Chart.js, vendored): each indicator phase by phase, this year's
   bars beside last year's. Data comes from the json_script block beside the canvases. */
(function () {
  "use strict";
  function draw() {
    if (typeof Chart === "undefined") { return; }
    var canvases = document.querySelectorAll("canvas[data-report-chart]");
    var format = new Intl.NumberFormat(document.documentElement.lang || "vi");
    canvases.forEach(function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-source"));
      if (!source) { return; }
      var d = JSON.parse(source.textContent)[Number(canvas.getAttribute("data-report-chart"))];
      var datasets = [];
      if (d.last_year.length) { datasets.push({ label: d.last_label, data: d.last_year, backgroundColor: "#9db4e0" }); }
      datasets.push({ label: d.this_label, data: d.this_year, backgroundColor: "#0b3d91" });
      new Chart(canvas, {
        type: "bar",
        data: { labels: d.periods, datasets: datasets },
        options: {
          maintainAspectRatio: false,
          plugins: {
            title: { display: true, text: d.label, font: { size: 11 } },
            tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + format.format(ctx.parsed.y); } } }
          },
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return format.format(v); } } } }
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
