/* Thidua — the dashboard's charts (Chart.js, vendored). Data comes from json_script blocks beside the canvases. */
(function () {
  "use strict";
  var palette = ["#0b3d91", "#b3261e", "#1e6b34", "#c77700", "#6f42c1", "#0f766e", "#64748b", "#be185d"];
  var numberFormat = new Intl.NumberFormat(document.documentElement.lang || "vi");

  function data(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function sectors(canvas, d) {
    return new Chart(canvas, {
      type: "doughnut",
      data: { labels: d.sectors.labels, datasets: [{ data: d.sectors.values, backgroundColor: palette, borderWidth: 1 }] },
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },  // the table under the chart names each colour
          tooltip: { callbacks: { label: function (ctx) { return ctx.label + ": " + numberFormat.format(ctx.parsed); } } }
        }
      }
    });
  }

  function children(canvas, d) {
    // about two bars per child: the chart grows with the number of children shown
    canvas.parentElement.style.height = Math.max(220, d.children.labels.length * 44 + 70) + "px";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.children.labels,
        datasets: [
          { label: canvas.getAttribute("data-members-label") || "Đoàn viên", data: d.children.members, backgroundColor: palette[0] },
          { label: canvas.getAttribute("data-workers-label") || "CNVCLĐ", data: d.children.workers, backgroundColor: "#9db4e0" }
        ]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return numberFormat.format(v); } } },
          y: { ticks: { autoSkip: false, font: { size: 11 }, callback: function (v) {
            var text = this.getLabelForValue(v); return text.length > 28 ? text.slice(0, 27) + "…" : text; } } }
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + numberFormat.format(ctx.parsed.x); } } }
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var d = data(canvas);
      if (!d) return;
      if (canvas.getAttribute("data-chart") === "sectors") sectors(canvas, d);
      else children(canvas, d);
    });
  });
})();
