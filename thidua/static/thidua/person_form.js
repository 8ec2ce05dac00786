/* The person form: a non-member holds no union office and has no card; keep the form consistent as the choice
   changes. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio.matches || !radio.matches('#person-form input[name="is_member"]')) return;
    var position = document.getElementById("id_position");
    if (!position) return;
    if (radio.value === "0" && radio.checked) position.value = "none";
    if (radio.value === "1" && radio.checked && position.value === "none") position.value = "member";
  });
})();
