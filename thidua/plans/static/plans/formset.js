// "Thêm dòng": clone a formset's empty row, numbered after the last one.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-add-row]");
  if (!button) return;
  var prefix = button.getAttribute("data-add-row");
  var section = button.closest("[data-formset]");
  var total = section.querySelector("#id_" + prefix + "-TOTAL_FORMS");
  var index = parseInt(total.value, 10);
  var html = section.querySelector("template[data-empty-row]").innerHTML.replace(/__prefix__/g, String(index));
  section.querySelector("[data-rows]").insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  var rows = section.querySelectorAll(".part-row");
  var first = rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
});
