// Import preview: pointing at a part's "Dòng ..." badge highlights the lines of the source it came from.
(function () {
  function lines() {
    return document.querySelectorAll(".import-text .src-line[data-part]");
  }
  function mark(key, on) {
    lines().forEach(function (line) {
      var also = (line.getAttribute("data-also") || "").split(" ");
      if (line.getAttribute("data-part") === key || also.indexOf(key) !== -1) line.classList.toggle("src-hl", on);
    });
  }
  document.addEventListener("mouseover", function (event) {
    var ref = event.target.closest(".src-ref[data-part]");
    if (ref) mark(ref.getAttribute("data-part"), true);
  });
  document.addEventListener("mouseout", function (event) {
    var ref = event.target.closest(".src-ref[data-part]");
    if (ref) mark(ref.getAttribute("data-part"), false);
  });
  document.addEventListener("click", function (event) {
    var ref = event.target.closest(".src-ref[data-part]");
    if (!ref) return;
    document.querySelectorAll(".import-text .src-hl").forEach(function (line) { line.classList.remove("src-hl"); });
    mark(ref.getAttribute("data-part"), true);
  });
})();
