// The pipeline board: cards dragged to another column are moved by the server, which answers the board as it is
// now (the card in its new column, or back in its old one with the reason). Live reloads wait while a card is
// being dragged or its move menu is open; focus stays on the card that was moved.
(function () {
  "use strict";

  var dragging = false;
  var refreshWaiting = false;

  function board() {
    return document.getElementById("board");
  }

  function filters() {
    var values = {};
    var form = document.getElementById("board-filters");
    if (form) {
      new FormData(form).forEach(function (value, name) {
        if (value !== "") {
          values[name] = value;
        }
      });
    }
    return values;
  }

  function refreshIfWaiting() {
    if (refreshWaiting && !dragging && !document.querySelector("#board details.move-menu[open]")) {
      refreshWaiting = false;
      htmx.trigger(board(), "board-refresh");
    }
  }

  function move(card, list) {
    var values = filters();
    values.lead_id = card.getAttribute("data-lead-id");
    values.status_id = list.getAttribute("data-status-id");
    card.classList.add("moving");
    card.setAttribute("aria-busy", "true");
    htmx.ajax("POST", "/board/move", { target: "#board", swap: "outerHTML", values: values })
      .catch(function () {
        htmx.trigger(board(), "board-refresh");
      });
  }

  function wire(root) {
    if (!window.Sortable) {
      return;
    }
    var columns = root.querySelector(".board-columns");
    if (!columns || columns.getAttribute("data-can-write") !== "true") {
      return;
    }
    root.querySelectorAll(".board-cards").forEach(function (list) {
      if (list.sortable) {
        return;
      }
      list.sortable = window.Sortable.create(list, {
        group: "board",
        sort: false,
        draggable: ".board-card",
        filter: "summary, button, .move-options",
        preventOnFilter: false,
        forceFallback: true,
        fallbackTolerance: 4,
        delayOnTouchOnly: true,
        delay: 180,
        animation: 120,
        ghostClass: "board-card-ghost",
        chosenClass: "board-card-chosen",
        onStart: function () {
          dragging = true;
          document.body.classList.add("board-dragging");
        },
        onEnd: function (event) {
          dragging = false;
          document.body.classList.remove("board-dragging");
          if (event.to !== event.from) {
            move(event.item, event.to);
          } else {
            refreshIfWaiting();
          }
        }
      });
    });
  }

  // a live reload waits while someone drags a card or chooses where to move it
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || elt.id !== "board" || event.detail.requestConfig.verb !== "get") {
      return;
    }
    if (dragging || document.querySelector("#board details.move-menu[open]")) {
      event.preventDefault();
      refreshWaiting = true;
    }
  });
  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details.move-menu") && !event.target.open) {
      refreshIfWaiting();
    }
  }, true);
  // Escape closes an open move menu and returns to its summary
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var menu = event.target.closest && event.target.closest("details.move-menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });

  // keep the keyboard's place: after the board is redrawn, focus the moved card (or the card that had focus)
  var focusedCard = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "board") {
      var active = document.activeElement;
      var card = active && active.closest ? active.closest(".board-card") : null;
      focusedCard = card ? card.getAttribute("data-lead-id") : null;
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    var root = board();
    if (!root) {
      return;
    }
    wire(root);
    var target = root.querySelector(".board-card[data-focus=true]")
      || (focusedCard ? root.querySelector('.board-card[data-lead-id="' + focusedCard + '"]') : null);
    focusedCard = null;
    if (target) {
      target.removeAttribute("data-focus");
      var link = target.querySelector(".card-name");
      if (link) {
        link.focus();
        target.scrollIntoView({ block: "nearest", inline: "nearest" });
      }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var root = board();
    if (root) {
      wire(root);
    }
  });
})();
