/* Two small canvas charts for the revenue dashboard (no third-party code). */
(function (global) {
  "use strict";

  function setup(canvas) {
    var ratio = global.devicePixelRatio || 1;
    var width = canvas.clientWidth || 600;
    var height = parseInt(canvas.getAttribute("height"), 10) || 220;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.height = height + "px";
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = "11px -apple-system, BlinkMacSystemFont, 'Segoe UI', sans-serif";
    return { ctx: ctx, width: width, height: height };
  }

  function color(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    var exp = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * exp >= value) return steps[i] * exp;
    return 10 * exp;
  }

  function money(v) {
    if (v >= 1e6) return "$" + (v / 1e6).toFixed(1) + "M";
    if (v >= 1e3) return "$" + (v / 1e3).toFixed(1) + "k";
    return "$" + v.toFixed(0);
  }

  // Horizontal bars: [{label, value}], largest first.
  function bars(canvas, items) {
    var c = setup(canvas), ctx = c.ctx;
    var text = color("--body-fg", "#333"), bar = color("--primary", "#417690");
    if (!items.length) { ctx.fillStyle = text; ctx.fillText("No sales yet", 10, 20); return; }
    var shown = items.slice(0, 12), left = 40, right = 70, rowH = (c.height - 10) / shown.length;
    var max = Math.max.apply(null, shown.map(function (i) { return i.value; })) || 1;
    shown.forEach(function (item, index) {
      var y = 5 + index * rowH, w = Math.max(1, (c.width - left - right) * item.value / max);
      ctx.fillStyle = text; ctx.textBaseline = "middle"; ctx.textAlign = "right";
      ctx.fillText(item.label, left - 6, y + rowH / 2);
      ctx.fillStyle = bar; ctx.fillRect(left, y + rowH * 0.15, w, rowH * 0.7);
      ctx.fillStyle = text; ctx.textAlign = "left";
      ctx.fillText(money(item.value), left + w + 6, y + rowH / 2);
    });
  }

  // Area/line chart over time: [{t: Date, value}], oldest first.
  function series(canvas, points) {
    var c = setup(canvas), ctx = c.ctx;
    var text = color("--body-quiet-color", "#666"), line = color("--primary", "#417690");
    var left = 50, bottom = 20, top = 10, right = 10;
    var w = c.width - left - right, h = c.height - top - bottom;
    var max = niceMax(Math.max.apply(null, points.map(function (p) { return p.value; }).concat([0])));
    ctx.strokeStyle = color("--hairline-color", "#e5e5e5"); ctx.fillStyle = text;
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    for (var g = 0; g <= 4; g++) {
      var gy = top + h - h * g / 4;
      ctx.beginPath(); ctx.moveTo(left, gy); ctx.lineTo(left + w, gy); ctx.stroke();
      ctx.fillText(money(max * g / 4), left - 6, gy);
    }
    if (!points.length) return;
    var n = points.length, step = n > 1 ? w / (n - 1) : 0;
    function xy(i) { return [left + i * step, top + h - h * points[i].value / max]; }
    // Complete minutes: a filled line. A trailing `partial` point (the unfinished minute): dashed.
    var done = points[n - 1].partial && n > 1 ? n - 1 : n;
    ctx.beginPath();
    for (var i = 0; i < done; i++) { var p = xy(i); if (i === 0) ctx.moveTo(p[0], p[1]); else ctx.lineTo(p[0], p[1]); }
    ctx.strokeStyle = line; ctx.lineWidth = 2; ctx.stroke(); ctx.lineWidth = 1;
    ctx.lineTo(left + (done - 1) * step, top + h); ctx.lineTo(left, top + h); ctx.closePath();
    ctx.globalAlpha = 0.15; ctx.fillStyle = line; ctx.fill(); ctx.globalAlpha = 1;
    if (done < n) {
      var a = xy(done - 1), b = xy(n - 1);
      ctx.save(); ctx.setLineDash([4, 3]); ctx.strokeStyle = line; ctx.globalAlpha = 0.6;
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
      ctx.setLineDash([]); ctx.beginPath(); ctx.arc(b[0], b[1], 3, 0, 2 * Math.PI); ctx.stroke(); ctx.restore();
      ctx.fillStyle = text; ctx.textAlign = "right"; ctx.textBaseline = "bottom";
      ctx.fillText("so far", b[0], Math.max(b[1] - 4, top + 10));
    }
    ctx.fillStyle = text; ctx.textAlign = "center"; ctx.textBaseline = "top";
    [0, Math.floor((n - 1) / 2), n - 1].forEach(function (i) {
      var t = points[i].t;
      var label = ("0" + t.getUTCHours()).slice(-2) + ":" + ("0" + t.getUTCMinutes()).slice(-2) + "Z";
      ctx.fillText(label, left + i * step, top + h + 4);
    });
  }

  global.RevenueCharts = { bars: bars, series: series };
})(window);
