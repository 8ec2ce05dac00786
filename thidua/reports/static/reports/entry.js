// The report entry grid: Enter moves down the column, values are checked as typed (the server's check decides),
// ratios are recomputed live from their terms. No dependencies.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) return;
  var texts = document.getElementById("entry-messages").dataset;
  var NUMBER = /^(\d{1,3}(\.\d{3})+|\d+)$/;

  function parse(raw) {
    var text = (raw || "").replace(/\s+/g, "");
    if (!text) return null;
    if (!NUMBER.test(text)) return NaN;
    return Number(text.replace(/\./g, ""));
  }
  function valueOf(code) {
    var input = document.getElementById("v-" + code);
    return input ? parse(input.value) : null;
  }
  function showError(input, message) {
    var row = input.closest("tr");
    var slot = row && row.querySelector(".client-error");
    input.classList.toggle("is-invalid", !!message);
    input.setAttribute("aria-invalid", message ? "true" : "false");
    if (slot) {
      slot.textContent = message || "";
      slot.classList.toggle("d-block", !!message);
    }
  }
  // The catalog's combined checks on a whole's row ("TD06+TD07:lte"), as the server applies them: terms outside
  // the grid do not count (fewer than two: no check), an empty term counts as nothing, "eq" needs every term.
  function combined(spec, whole) {
    var found = "";
    spec.split(";").forEach(function (part) {
      if (found || whole === null || Number.isNaN(whole)) return;
      var pieces = part.split(":"), rule = pieces[1] || "lte";
      var terms = pieces[0].split("+").filter(function (code) { return document.getElementById("v-" + code); });
      if (terms.length < 2) return;
      var values = terms.map(valueOf).filter(function (v) { return typeof v === "number" && !Number.isNaN(v); });
      if (!values.length) return;
      var sum = values.reduce(function (a, b) { return a + b; }, 0);
      if (rule === "eq" && values.length === terms.length && sum !== whole) found = texts.combinedNotEqual + " " + terms.join(" + ") + " = " + sum.toLocaleString("vi-VN") + ".";
      if (rule !== "eq" && sum > whole) found = texts.combinedExceeds + " " + terms.join(" + ") + " = " + sum.toLocaleString("vi-VN") + ".";
    });
    return found;
  }
  function check(input) {
    var number = parse(input.value);
    var message = "";
    if (Number.isNaN(number)) message = texts.notNumber;
    else if (number !== null) {
      if (input.dataset.min !== undefined && number < Number(input.dataset.min)) message = texts.tooSmall + " " + input.dataset.min;
      if (input.dataset.max !== undefined && number > Number(input.dataset.max)) message = texts.tooBig + " " + input.dataset.max;
      var row = input.closest("tr");
      var whole = row && row.dataset.partOf;
      if (!message && whole && input.dataset.col === "v") {
        var wholeValue = valueOf(whole);
        if (typeof wholeValue === "number" && !Number.isNaN(wholeValue) && number > wholeValue) message = texts.partExceeds + " " + whole + ".";
      }
      if (!message && row && row.dataset.checks && input.dataset.col === "v") message = combined(row.dataset.checks, number);
    }
    showError(input, message);
  }
  function recompute() {
    form.querySelectorAll("tr[data-ratio]").forEach(function (row) {
      var terms = row.dataset.ratio.split("/");
      var num = valueOf(terms[0]), den = valueOf(terms[1]);
      var out = row.querySelector(".ratio-output");
      if (typeof num !== "number" || typeof den !== "number" || Number.isNaN(num) || Number.isNaN(den) || !den) {
        out.textContent = "";
        return;
      }
      var value = num / den * (row.dataset.percent ? 100 : 1);
      out.textContent = value.toLocaleString("vi-VN", { maximumFractionDigits: row.dataset.percent ? 2 : 0 });
    });
  }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.grid-input"));
  inputs.forEach(function (input) {
    input.addEventListener("input", function () {
      check(input);
      form.querySelectorAll("tr[data-checks] input[data-col='v']").forEach(function (whole) { if (whole !== input) check(whole); });
      recompute();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();  // Enter moves down the same column instead of sending the form
      var column = inputs.filter(function (other) { return other.dataset.col === input.dataset.col; });
      var next = column[column.indexOf(input) + (event.shiftKey ? -1 : 1)];
      if (next) { next.focus(); next.select(); }
    });
  });
  recompute();
})();
