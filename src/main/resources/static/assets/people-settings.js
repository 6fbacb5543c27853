// Settings pages for people and the organization: copying a new API key, ticking a whole permission group.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var copy = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (copy) {
      var field = document.getElementById(copy.getAttribute("data-copy"));
      var status = copy.parentNode.querySelector(".copy-status");
      var done = function (message) { if (status) { status.textContent = message; } };
      if (field) {
        field.select();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(function () { done("Copied."); },
            function () { done("Press Ctrl+C (or Cmd+C) to copy the selected key."); });
        } else {
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          done(ok ? "Copied." : "Press Ctrl+C (or Cmd+C) to copy the selected key.");
        }
      }
      return;
    }
    var toggle = event.target.closest ? event.target.closest("[data-toggle-group]") : null;
    if (toggle) {
      var boxes = toggle.closest("fieldset").querySelectorAll("input[type=checkbox]:not(:disabled)");
      var allTicked = Array.prototype.every.call(boxes, function (box) { return box.checked; });
      boxes.forEach(function (box) { box.checked = !allTicked; });
    }
  });

  // the new key's card takes the focus, so a screen reader hears the warning first
  document.addEventListener("DOMContentLoaded", function () {
    var secret = document.getElementById("new-secret");
    if (secret) {
      secret.focus();
    }
  });
})();
