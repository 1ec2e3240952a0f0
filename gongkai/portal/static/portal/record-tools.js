// Record page tools: a print button and a font-size control. The page works without them (the browser prints and
// zooms on its own); this script only shows the buttons and remembers the chosen size for the visit.
(function () {
  "use strict";
  var tools = document.getElementById("record-tools");
  var body = document.querySelector(".record-body");
  if (!tools || !body) { return; }
  var sizes = ["record-text-normal", "record-text-large", "record-text-larger"];
  var status = document.getElementById("record-text-size");
  var current = 0;
  try { current = Math.max(0, sizes.indexOf(sessionStorage.getItem("recordTextSize"))); } catch (e) { current = 0; }
  function apply() {
    sizes.forEach(function (name) { body.classList.remove(name); });
    body.classList.add(sizes[current]);
    if (status) { status.textContent = status.dataset["label" + current] || ""; }
    try { sessionStorage.setItem("recordTextSize", sizes[current]); } catch (e) { /* private mode */ }
  }
  tools.hidden = false;
  tools.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
  tools.querySelector("[data-larger]").addEventListener("click", function () {
    current = Math.min(sizes.length - 1, current + 1); apply();
  });
  tools.querySelector("[data-smaller]").addEventListener("click", function () {
    current = Math.max(0, current - 1); apply();
  });
  apply();
}());
