// The notification bell: its panel closes on Escape (focus back on the bell) and on a click outside it, and
// opening it again shows the latest notifications.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var bell = document.getElementById("bell");
    if (event.key === "Escape" && bell && bell.open) {
      bell.open = false;
      bell.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var bell = document.getElementById("bell");
    if (bell && bell.open && !bell.contains(event.target)) {
      bell.open = false;
    }
  });
})();
