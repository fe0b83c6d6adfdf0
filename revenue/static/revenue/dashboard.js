/* Live revenue dashboard: a snapshot rendered at load, then websocket updates from ws/revenue/. */
(function () {
  "use strict";
  var state = { summary: {}, top: [], regions: [], minutes: {} };
  var usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  var int = new Intl.NumberFormat("en-US");
  var $ = function (id) { return document.getElementById(id); };

  function set(id, text) {
    var el = $(id);
    if (el && el.textContent !== text) {
      el.textContent = text;
      el.classList.remove("rv-flash"); void el.offsetWidth; el.classList.add("rv-flash");
    }
  }

  function renderSummary() {
    var s = state.summary;
    set("total-revenue", usd.format(parseFloat(s.total || "0")));
    set("sales-count", int.format(s.count || 0));
    set("events-per-second", (s.events_per_second || 0).toFixed(1));
    set("lag", s.lag === null || s.lag === undefined ? "n/a" : int.format(s.lag));
    set("pending", s.pending === null || s.pending === undefined ? "n/a" : int.format(s.pending));
    set("entries-lost", int.format(s.entries_lost || 0));
    $("lost-note").textContent = s.uncounted_gaps ? s.uncounted_gaps + " gap(s) of unknown size" : "";
    set("dead-letters", int.format(s.dead_letters || 0));
    set("last-event", s.last_event_at ? new Date(s.last_event_at).toLocaleString() : "none yet");
  }

  function renderTop() {
    var body = $("top-machines").querySelector("tbody");
    body.innerHTML = "";
    state.top.forEach(function (m, i) {
      var tr = document.createElement("tr");
      [String(i + 1), m.name || m.machine_id, m.city || "", m.region || "", int.format(m.count),
       usd.format(parseFloat(m.total))].forEach(function (value, col) {
        var td = document.createElement("td");
        td.textContent = value;
        if (col >= 4) td.className = "rv-num";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function renderCharts() {
    RevenueCharts.bars($("regions-chart"), state.regions.map(function (r) {
      return { label: r.region, value: parseFloat(r.total) };
    }));
    var now = Date.now(), points = [];
    var start = Math.floor(now / 60000) * 60000 - 59 * 60000;
    for (var t = start; t <= now; t += 60000) {
      var row = state.minutes[t];
      points.push({ t: new Date(t), value: row ? parseFloat(row.total) : 0 });
    }
    // The current minute is still filling: drawn apart (dashed, "so far"), not as a sudden drop.
    if (points.length) points[points.length - 1].partial = true;
    RevenueCharts.series($("timeseries-chart"), points);
  }

  function mergeMinutes(minutes) {
    Object.keys(minutes || {}).forEach(function (iso) { state.minutes[Date.parse(iso)] = minutes[iso]; });
  }

  function applySnapshot(snap) {
    state.summary = snap.summary || {};
    state.top = snap.top_machines || [];
    state.regions = snap.regions || [];
    state.minutes = {};
    (snap.timeseries || []).forEach(function (p) { state.minutes[Date.parse(p.minute)] = p; });
    renderSummary(); renderTop(); renderCharts();
  }

  function applyUpdate(msg) {
    if (msg.summary) { state.summary = msg.summary; renderSummary(); }
    if (msg.top_machines) { state.top = msg.top_machines; renderTop(); }
    if (msg.regions) state.regions = msg.regions;
    if (msg.minutes) mergeMinutes(msg.minutes);
    if (msg.type === "update") renderCharts();
  }

  function status(kind, text) {
    var el = $("connection-status");
    el.className = "rv-status rv-status--" + kind;
    el.textContent = text;
  }

  var retry = 500;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/revenue/");
    socket.onopen = function () { retry = 500; status("live", "live"); };
    socket.onmessage = function (event) {
      var msg = JSON.parse(event.data);
      if (msg.type === "snapshot") applySnapshot(msg); else applyUpdate(msg);
      document.body.setAttribute("data-revenue-updates", String((+document.body.getAttribute("data-revenue-updates") || 0) + 1));
    };
    socket.onclose = function () {
      status("down", "reconnecting…");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  var initial = document.getElementById("revenue-snapshot");
  if (initial) applySnapshot(JSON.parse(initial.textContent));
  window.addEventListener("resize", renderCharts);
  setInterval(renderCharts, 30000);  // the time axis moves on even without sales
  connect();
})();
