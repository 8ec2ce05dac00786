// The registration form: "Thêm dòng" clones a formset's empty row (and lets htmx see its search box), and a person
// found by the search fills the row's hidden field.
document.addEventListener("click", function (event) {
  var add = event.target.closest("[data-add-row]");
  if (add) {
    var prefix = add.getAttribute("data-add-row");
    var section = add.closest("[data-formset]");
    var total = section.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = section.querySelector("template[data-empty-row]").innerHTML.replace(/__prefix__/g, String(index));
    var rows = section.querySelector("[data-rows]");
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var row = rows.lastElementChild;
    if (window.htmx) window.htmx.process(row);
    var first = row.querySelector("input[type=search], select, textarea, input:not([type=hidden])");
    if (first) first.focus();
    return;
  }
  var pick = event.target.closest("[data-pick-person]");
  if (pick) {
    var row = pick.closest(".part-row");
    row.querySelector("input[name='" + pick.getAttribute("data-field") + "']").value = pick.getAttribute("data-pick-person");
    row.querySelector(".person-chosen").textContent = pick.getAttribute("data-label");
    row.querySelector(".picker-results").innerHTML = "";
    var search = row.querySelector("input[type=search]");
    search.value = "";
    var award = row.querySelector("select");
    if (award) award.focus();
  }
});
