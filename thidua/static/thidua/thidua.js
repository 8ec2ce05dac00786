/* Thidua — behaviours every page shares, declared with data attributes. No page carries inline script or on*=
   handlers: the Content-Security-Policy allows scripts from our static files only. Every page works without it. */
(function () {
  "use strict";

  // A form marked data-confirm asks before it is sent (closing or archiving a plan, revoking a token).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // A select marked data-autosubmit sends its form as soon as it changes (the language menu).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) select.form.submit();
  });

  // A button marked data-toggle-hidden="ID" shows or hides the element with that id (rows that unfold).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-toggle-hidden]");
    if (!button) return;
    var target = document.getElementById(button.getAttribute("data-toggle-hidden"));
    if (target) target.hidden = !target.hidden;
  });

  // An htmx form marked data-drop-empty leaves its empty fields out of the request (and of the address it pushes).
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.closest || !elt.closest("[data-drop-empty]")) return;
    var data = event.detail.formData;
    if (!data) return;
    Array.from(data.entries()).forEach(function (entry) {
      if (entry[1] === "") data.delete(entry[0]);
    });
  });

  // A link marked data-filters-form="ID" carries the filled-in values of that form (export of the filtered list).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-filters-form]");
    if (!link) return;
    var form = document.getElementById(link.getAttribute("data-filters-form"));
    if (!form) return;
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "") params.append(key, value);
    });
    var query = params.toString();
    link.href = link.getAttribute("data-base") + (query ? "?" + query : "");
  });
})();
