// EduConsult CRM console: CSRF for htmx, keyboard shortcuts, live indicator, charts from tables, small widgets.
(function () {
  "use strict";

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : null;
  }

  // every htmx request carries the CSRF token the page was rendered with
  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  function flash(message) {
    var box = document.getElementById("flash");
    if (!box) {
      return;
    }
    box.textContent = message;
    box.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(function () { box.hidden = true; }, 8000);
  }

  // a failed htmx request says what to do; what was typed stays in the form
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 422 || xhr.status === 409) {
      return; // the server answered with the form and its messages; htmx swaps it in (see below)
    }
    var text = (xhr.responseText || "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    if (xhr.status === 401) {
      flash("Your session has ended. Sign in again in another tab, then repeat this: what you typed is kept.");
      window.open("/login", "_blank");
    } else if (xhr.status === 403 && text.indexOf("CSRF") >= 0) {
      flash("This page is out of date. Copy what you typed, then reload the page.");
    } else {
      flash(text || "That did not work. Try again in a moment.");
    }
  });
  document.addEventListener("htmx:sendError", function () {
    flash("The server cannot be reached. Check the connection; what you typed is kept.");
  });
  // forms answered with 422/409 carry their messages: swap them in like a success
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 422 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // live updates
  document.addEventListener("htmx:sseOpen", function () {
    var live = document.getElementById("live-indicator");
    if (live) {
      live.classList.add("connected");
      live.title = "Live updates on";
    }
  });
  document.addEventListener("htmx:sseError", function () {
    var live = document.getElementById("live-indicator");
    if (live) {
      live.classList.remove("connected");
      live.title = "Live updates paused; reconnecting";
    }
  });
  document.addEventListener("htmx:sseMessage", function (event) {
    if (event.detail && event.detail.type === "lead.created") {
      var banner = document.getElementById("new-leads");
      if (banner) {
        banner.hidden = false;
      }
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action=refresh-leads]");
    if (button) {
      event.preventDefault();
      var form = document.getElementById("lead-filters");
      if (form && window.htmx) {
        htmx.trigger(form, "submit");
      }
    }
  });

  // bulk select on the leads list: the action's own control, the count of ticked leads, tick all on the page
  function updateBulkBar() {
    var count = document.querySelectorAll("#lead-rows input[name=lead_ids]:checked").length;
    var label = document.getElementById("bulk-count");
    if (label) {
      label.textContent = count === 0 ? "No lead ticked" : count + (count === 1 ? " lead ticked" : " leads ticked");
    }
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "bulk_action") {
      document.querySelectorAll("[data-bulk-for]").forEach(function (control) {
        control.hidden = control.getAttribute("data-bulk-for") !== target.value;
      });
    } else if (target.id === "select-all") {
      document.querySelectorAll("#lead-rows input[name=lead_ids]").forEach(function (box) {
        box.checked = target.checked;
      });
      updateBulkBar();
    } else if (target.name === "lead_ids") {
      updateBulkBar();
    }
  });
  document.addEventListener("htmx:afterSettle", updateBulkBar);

  // keyboard shortcuts: / search, g d / g l / g b / g f / g c / g s, n new lead, ? help
  var pendingG = false;
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.closest && target.closest("input, textarea, select, [contenteditable=true]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key === "Escape" && target.id === "global-search") {
        target.blur();
        document.getElementById("search-suggestions").innerHTML = "";
      }
      return;
    }
    var key = event.key;
    if (pendingG) {
      pendingG = false;
      var link = document.querySelector('[data-shortcut="g ' + key + '"]');
      if (link) {
        event.preventDefault();
        window.location.href = link.getAttribute("href");
      }
      return;
    }
    if (key === "g") {
      pendingG = true;
      setTimeout(function () { pendingG = false; }, 1200);
    } else if (key === "/") {
      var search = document.getElementById("global-search");
      if (search) {
        event.preventDefault();
        search.focus();
      }
    } else if (key === "n") {
      var create = document.querySelector('[data-shortcut="n"]') || null;
      event.preventDefault();
      window.location.href = create ? create.getAttribute("href") : "/leads/new";
    } else if (key === "?") {
      var help = document.getElementById("shortcuts");
      if (help && help.showModal) {
        help.showModal();
      }
    }
  });

  // navigation on phones
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".menu-toggle");
    var nav = document.getElementById("nav");
    if (!nav) {
      return;
    }
    if (toggle) {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = nav.querySelector("a");
        if (first) {
          first.focus();
        }
      }
    } else if (nav.classList.contains("open") && !event.target.closest("#nav")) {
      nav.classList.remove("open");
      document.querySelector(".menu-toggle").setAttribute("aria-expanded", "false");
    }
  });

  // tabs (note / follow-up)
  document.addEventListener("click", function (event) {
    var tab = event.target.closest("[role=tab][data-tab]");
    if (!tab) {
      return;
    }
    var list = tab.closest("[role=tablist]");
    list.querySelectorAll("[role=tab]").forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      other.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("data-tab"));
      if (panel) {
        panel.hidden = !selected;
      }
    });
  });

  // charts: each canvas[data-chart] draws the table it names, so the figures stay readable without the chart
  function drawCharts(root) {
    if (!window.Chart) {
      return;
    }
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var table = document.getElementById(canvas.getAttribute("data-chart"));
      if (!table || canvas.chart) {
        return;
      }
      var kind = table.getAttribute("data-chart-kind");
      var labels = [], values = [], colors = [], links = [];
      table.querySelectorAll("tbody tr").forEach(function (row) {
        links.push(row.getAttribute("data-href"));
        labels.push(row.querySelector("th").textContent.trim());
        // a percentage line reads the row's last cell (its other cells are the counts behind it)
        var cell = row.querySelector(kind === "line-percent" ? "td:last-child" : "td").textContent.trim();
        values.push(cell === "" ? null : Number(cell.replace("%", "")));
        colors.push(row.getAttribute("data-color") || "#4f46e5");
      });
      if (kind === "line-percent") {
        canvas.chart = new window.Chart(canvas, {
          type: "line",
          data: { labels: labels, datasets: [{ label: table.querySelector("thead th:last-child").textContent, data: values, borderColor: colors[0], backgroundColor: colors[0], spanGaps: true, tension: 0.2, pointRadius: 2 }] },
          options: {
            responsive: true, maintainAspectRatio: false, animation: false,
            plugins: { legend: { display: false } },
            scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } }
          }
        });
        canvas.setAttribute("data-drawn", "true");
        return;
      }
      var horizontal = kind === "bar-horizontal";
      canvas.chart = new window.Chart(canvas, {
        type: "bar",
        data: { labels: labels, datasets: [{ label: table.querySelector("thead th:last-child").textContent, data: values, backgroundColor: colors, borderRadius: 4 }] },
        options: {
          indexAxis: horizontal ? "y" : "x",
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: false } },
          // a bar opens the list behind it (the table's row link), with the same filters
          onClick: function (event, elements) {
            if (elements.length && links[elements[0].index]) {
              window.location.href = links[elements[0].index];
            }
          },
          onHover: function (event, elements) {
            event.native.target.style.cursor = elements.length && links[elements[0].index] ? "pointer" : "default";
          },
          scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 }, beginAtZero: true } }
        }
      });
      canvas.setAttribute("data-drawn", "true");
    });
  }

  function loadCharts() {
    if (!document.querySelector("canvas[data-chart]")) {
      return;
    }
    if (window.Chart) {
      drawCharts();
      return;
    }
    var script = document.createElement("script");
    script.src = document.querySelector('meta[name="chart-js"]') ? meta("chart-js") : "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    script.onload = function () { drawCharts(); };
    document.head.appendChild(script);
  }

  document.addEventListener("DOMContentLoaded", loadCharts);
  document.addEventListener("htmx:afterSettle", function (event) {
    loadCharts();
    drawCharts(event.target);
  });
})();

// Import wizard: choosing another file clears the column choices made for the previous one (before htmx sends the
// form for its preview). Export: the list as filtered now, downloaded with a running count of what has arrived.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-clears]")) {
      var target = document.getElementById(input.getAttribute("data-clears"));
      if (target) {
        target.textContent = "";
      }
    }
  }, true);

  // the list's filters and order, or (for the ticked rows) only their ids in the list's order
  function listQuery(format, ids) {
    var params = new URLSearchParams();
    var form = document.getElementById("lead-filters");
    if (form) {
      new FormData(form).forEach(function (value, name) {
        if (value !== "" && (!ids || name === "sort" || name === "order")) {
          params.append(name, value);
        }
      });
    }
    if (ids) {
      params.set("ids", ids.join(","));
    }
    params.set("format", format);
    return params.toString();
  }

  function tickedIds() {
    return Array.prototype.map.call(document.querySelectorAll("#lead-rows input[name=lead_ids]:checked"),
      function (box) { return box.value; });
  }

  function expectedTotal() {
    var count = document.querySelector(".result-count span");
    var digits = count ? count.textContent.replace(/[^0-9]/g, "") : "";
    return digits ? parseInt(digits, 10) : null;
  }

  function fileNameOf(response, format) {
    var disposition = response.headers.get("Content-Disposition") || "";
    var match = /filename=([^;]+)/.exec(disposition);
    return match ? match[1].trim() : "leads." + format;
  }

  function say(status, text) {
    status.textContent = text;
  }

  function exportList(button) {
    var format = button.getAttribute("data-export");
    var status = document.getElementById("export-status");
    var ids = button.hasAttribute("data-export-ticked") ? tickedIds() : null;
    if (ids && ids.length === 0) {
      say(status, "Tick the leads to export first.");
      return;
    }
    var total = ids ? ids.length : expectedTotal();
    var buttons = document.querySelectorAll("[data-export]");
    buttons.forEach(function (b) { b.disabled = true; });
    say(status, "Preparing the export…");
    fetch("/leads/export?" + listQuery(format, ids), { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status === 403 ? "You may not export leads." : "The export failed (" + response.status + "). Try again, or narrow the filters.");
      }
      var reader = response.body.getReader();
      var chunks = [];
      var bytes = 0;
      var lines = 0;
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            return;
          }
          chunks.push(step.value);
          bytes += step.value.length;
          if (format === "csv") {
            for (var i = 0; i < step.value.length; i++) {
              if (step.value[i] === 10) {
                lines++;
              }
            }
            var rows = Math.max(0, lines - 1);
            say(status, "Exporting… " + rows.toLocaleString() + (total ? " of " + total.toLocaleString() : "") + " leads");
          } else {
            say(status, "Exporting… " + (bytes / 1048576).toFixed(1) + " MB");
          }
          return pump();
        });
      }
      return pump().then(function () {
        var blob = new Blob(chunks, { type: response.headers.get("Content-Type") || "application/octet-stream" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = fileNameOf(response, format);
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        var exported = Math.max(0, lines - 1);
        say(status, format === "csv" ? "Exported " + exported.toLocaleString() + (exported === 1 ? " lead." : " leads.") : "Exported.");
      });
    }).catch(function (error) {
      say(status, error.message || "The export failed. Try again.");
    }).finally(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-export]") : null;
    if (button) {
      event.preventDefault();
      exportList(button);
    }
  });
})();

// A form with data-confirm asks before it is sent (merging, undoing: things that are hard to take back).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);

// A form sent after the session ended: the server sends the browser to sign in and then back to the form's page,
// where what was typed is put back (kept in this tab only; passwords and files are never kept).
(function () {
  "use strict";
  var KEY = "crm:typed";

  function here() {
    return location.pathname + location.search;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post"
        || form.hasAttribute("hx-post") || form.enctype === "multipart/form-data" || !form.getAttribute("action")
        || form.querySelector("input[type=password]")) {
      return;
    }
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      var input = form.elements.namedItem(name);
      if (typeof value === "string" && input && input.type !== "hidden" && input.type !== "password") {
        fields.push([name, value]);
      }
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ page: here(), action: form.getAttribute("action"), fields: fields }));
    } catch (ignored) { /* storage full or off: nothing to keep */ }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    } catch (ignored) { /* nothing kept */ }
    if (!saved) {
      return;
    }
    if (document.body.getAttribute("data-page") === "login") {
      saved.signedInAgain = true;
      sessionStorage.setItem(KEY, JSON.stringify(saved));
      return;
    }
    sessionStorage.removeItem(KEY);
    if (!saved.signedInAgain || saved.page !== here()) {
      return;
    }
    var form = Array.prototype.find.call(document.forms, function (f) { return f.getAttribute("action") === saved.action; });
    if (!form) {
      return;
    }
    saved.fields.forEach(function (pair) {
      var input = form.elements.namedItem(pair[0]);
      if (input && input.type !== "hidden" && input.type !== "file") {
        if (input.type === "checkbox" || input.type === "radio") {
          input.checked = true;
        } else {
          input.value = pair[1];
        }
      }
    });
    var flash = document.getElementById("flash");
    if (flash) {
      flash.textContent = "Your session had ended, so this was not saved. What you typed is back: send it again.";
      flash.hidden = false;
    }
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  });
})();

// "Save this view" saves what the list shows now: the filter form's values as they are at the moment of saving
// (the list changes in place, so the values written into the page when it loaded may be old).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var source = form.getAttribute && document.getElementById(form.getAttribute("data-takes-filters") || "");
  if (!source) {
    return;
  }
  form.querySelectorAll("input[data-taken]").forEach(function (input) { input.remove(); });
  new FormData(source).forEach(function (value, name) {
    if (typeof value === "string" && value !== "") {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      input.setAttribute("data-taken", "");
      form.appendChild(input);
    }
  });
}, true);

// The send panel's attached files: a chip's remove button drops the file from the message; once the chosen files
// are uploaded (or refused) the picker is emptied, so that choosing the same file again uploads it again.
document.addEventListener("click", function (event) {
  var remove = event.target.closest ? event.target.closest("[data-remove-attachment]") : null;
  if (remove) {
    var chip = remove.closest(".attachment-chip");
    var picker = document.getElementById("message-files");
    chip.remove();
    if (picker) {
      picker.focus();
    }
  }
});
document.addEventListener("htmx:afterRequest", function (event) {
  var source = event.detail.elt;
  if (source && source.id === "message-files") {
    source.value = "";
  }
});
