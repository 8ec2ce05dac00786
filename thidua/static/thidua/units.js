/* Thidua — small behaviours of the tree and unit pages; every page works without them. */
(function () {
  "use strict";

  // The tree: keep aria-expanded of a node in step with its <details>.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.tagName === "DETAILS" && details.parentElement.classList.contains("tree-node")) {
      details.parentElement.setAttribute("aria-expanded", details.open ? "true" : "false");
    }
  }, true);

  // Unit pickers: a ticked unit moves from the search results to the chosen list, so searching again keeps it.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.closest) return;
    var option = input.closest(".picker-option");
    var picker = input.closest(".unit-picker");
    if (!option || !picker) return;
    var chosen = picker.querySelector(".picker-chosen");
    if (input.type === "radio") {
      chosen.querySelectorAll(".picker-option").forEach(function (el) { if (el !== option) el.remove(); });
      chosen.appendChild(option);
    } else if (input.checked) {
      chosen.appendChild(option);
    } else if (option.parentElement === chosen) {
      option.remove();
    }
  });
  // Results already chosen are not offered twice.
  document.addEventListener("htmx:afterSwap", function (event) {
    var results = event.target;
    if (!results.classList || !results.classList.contains("picker-results")) return;
    var chosen = results.closest(".unit-picker").querySelector(".picker-chosen");
    chosen.querySelectorAll("input").forEach(function (input) {
      var twin = results.querySelector('input[value="' + input.value + '"]');
      if (twin) twin.closest(".picker-option").remove();
    });
  });

  // Forms with a choice that decides which fields apply (merge direction, new or existing account).
  function sync(form) {
    var direction = form.querySelector('input[name="direction"]:checked');
    if (direction) {
      form.querySelectorAll("[data-merge]").forEach(function (el) {
        el.hidden = el.getAttribute("data-merge") !== direction.value;
      });
    }
    var account = form.querySelector('input[name="account"]:checked');
    if (account) {
      form.querySelectorAll('[data-account="new"]').forEach(function (el) { el.hidden = account.value !== "new"; });
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.form && (event.target.name === "direction" || event.target.name === "account")) sync(event.target.form);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(sync);
  });

  // Confirmation before a destructive button (revoking a role).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm], a[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });
})();
