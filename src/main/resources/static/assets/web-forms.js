// The form builder: copying the snippet, the webhook address or a new Google key.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-from]") : null;
    if (!button) {
      return;
    }
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.parentNode.querySelector(".copy-status");
    function done(message) {
      if (status) {
        status.textContent = message;
      }
    }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done("Copied."); },
        function () { done("Press Ctrl+C (or Cmd+C) to copy the selected text."); });
    } else {
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok ? "Copied." : "Press Ctrl+C (or Cmd+C) to copy the selected text.");
    }
  });
})();
