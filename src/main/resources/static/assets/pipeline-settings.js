// Settings lists that can be reordered by dragging (statuses, lead form fields): when an item is dropped in a new
// place, the list's hidden order form is filled with the ids in their new order and sent; the page comes back in
// the saved order. Each item also has up and down buttons, which work without this script.
(function () {
  "use strict";

  function wire() {
    if (!window.Sortable) {
      return;
    }
    document.querySelectorAll("[data-sortable]").forEach(function (list) {
      if (list.sortable) {
        return;
      }
      var form = document.getElementById(list.getAttribute("data-sortable"));
      if (!form) {
        return;
      }
      list.classList.add("can-drag");
      list.sortable = window.Sortable.create(list, {
        handle: ".drag-handle",
        draggable: ".sortable-item",
        animation: 120,
        forceFallback: true,
        ghostClass: "sortable-ghost",
        chosenClass: "sortable-chosen",
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) {
            return;
          }
          var name = form.getAttribute("data-name");
          form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) { input.remove(); });
          list.querySelectorAll(".sortable-item").forEach(function (item) {
            var input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            input.value = item.getAttribute("data-id");
            form.appendChild(input);
          });
          list.setAttribute("aria-busy", "true");
          form.submit();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
