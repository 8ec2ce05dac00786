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

  // A unit's name as the lines of a tick label: words wrapped at ``width`` characters, at most two lines, the
  // second ending with "…" when the name is longer (the tooltip shows it whole).
  function wrapLabel(text, width) {
    var words = String(text).split(" "), lines = [""];
    for (var i = 0; i < words.length; i++) {
      var line = lines[lines.length - 1];
      if (line && (line + " " + words[i]).length > width) {
        if (lines.length === 2) { lines[1] = (line + " " + words.slice(i).join(" ")).slice(0, width - 1) + "…"; return lines; }
        lines.push(words[i]);
      } else {
        lines[lines.length - 1] = line ? line + " " + words[i] : words[i];
      }
    }
    return lines.map(function (l) { return l.length > width ? l.slice(0, width - 1) + "…" : l; });
  }

  function children(canvas, d) {
    // On a phone the names take two short lines and at most ~45% of the width, so the bars keep room.
    var narrow = canvas.parentElement.clientWidth < 576;
    var labelWidth = narrow ? Math.max(12, Math.floor(canvas.parentElement.clientWidth * 0.45 / 7)) : 28;
    // about two bars per child: the chart grows with the number of children shown
    canvas.parentElement.style.height = Math.max(220, d.children.labels.length * (narrow ? 52 : 44) + 70) + "px";
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
          y: {
            afterFit: function (scale) { scale.width = Math.min(scale.width, scale.chart.width * (narrow ? 0.45 : 0.4)); },
            ticks: { autoSkip: false, font: { size: narrow ? 10 : 11 }, callback: function (v) {
              return wrapLabel(this.getLabelForValue(v), labelWidth); } }
          }
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? d.children.labels[items[0].dataIndex] : ""; },
            label: function (ctx) { return ctx.dataset.label + ": " + numberFormat.format(ctx.parsed.x); } } }
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
