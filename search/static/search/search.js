// The search page: calls GET /api/search, shows the interpretation as chips, the results, and a plot
// of the results around the searched point drawn in SVG (no map tiles, nothing loaded from elsewhere).
(function () {
  "use strict";
  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const statusBox = document.getElementById("status");
  const chips = document.getElementById("chips");
  const answer = document.getElementById("answer");
  const list = document.getElementById("results");
  const plot = document.getElementById("plot");
  const caption = document.getElementById("plot-caption");
  const api = form.dataset.api;
  const SVG = "http://www.w3.org/2000/svg";
  let here = null; // {lat, lon} from "use my location"

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = isError ? "error" : "";
  }
  function chip(text, cls) {
    chips.appendChild(el("span", { class: "chip " + (cls || "") }, text));
  }
  function suggestion(label, query) {
    const b = el("button", { type: "button", class: "chip suggestion" }, label);
    b.addEventListener("click", () => { input.value = query; run(); });
    chips.appendChild(b);
  }
  function replaced(original, term, replacement) {
    if (term) {
      const i = original.toLowerCase().indexOf(term.toLowerCase());
      if (i >= 0) return original.slice(0, i) + replacement + original.slice(i + term.length);
    }
    return original + " " + replacement;
  }

  // The API's refusals are written for people already; transport-level ones get a plain sentence here.
  function humanError(status, body) {
    if (status === 429) return "Too many searches in a short time: wait a few seconds and try again.";
    if (status >= 500) return "Search is unavailable for a moment (the index may be rebuilding). Try again shortly.";
    if (status === 400) return (body && body.detail) || "Say what you want and where, e.g. coke near Times Square.";
    return (body && body.detail) || "We could not understand that search. Try 'coke near Times Square'.";
  }
  const CONFIDENCE = { high: "sure", medium: "fairly sure", low: "not sure: only the city was understood" };

  async function run() {
    const q = input.value.trim();
    chips.replaceChildren();
    if (!q) { say("Type what you want and where, e.g. coke near Times Square.", true); return; }
    const params = new URLSearchParams({ q });
    if (here) { params.set("lat", here.lat); params.set("lon", here.lon); }
    history.replaceState(null, "", "?" + new URLSearchParams({ q }).toString());
    say("Searching…");
    let response, body;
    try {
      response = await fetch(api + "?" + params.toString(), { headers: { Accept: "application/json" } });
      body = await response.json();
    } catch (err) {
      say("The search service did not answer. Try again in a moment.", true);
      return;
    }
    if (!response.ok) {
      answer.hidden = true;
      say(humanError(response.status, body), true);
      const u = body.understood || {};
      if (u.product) chip("understood product: " + u.product, "main");
      if (u.place) chip("understood place: " + u.place, "main");
      if (body.which === "location" && (body.suggestions || []).length) chip("did you mean one of these places?", "note");
      for (const s of body.suggestions || []) {
        const query = body.which === "product" ? replaced(q, body.term, s) : replaced(q, body.term, "").trim() + " near " + s;
        suggestion(s, query);
      }
      return;
    }
    show(body);
  }

  function show(body) {
    const it = body.interpretation;
    const loc = it.location;
    const what = it.product || (it.match === "any" ? "anything in stock"
      : "“" + it.product_term + "”: " + it.alternatives.join(", "));
    chip(what + " · near " + loc.name, "main");
    if (it.match !== "exact" && it.product) chip("understood “" + it.product_term + "” as " + it.product + " (" + it.match + ")", "note");
    if (it.match === "any") chip("no product named: showing the nearest machines with anything in stock", "note");
    else if (!it.product) chip("several products fit: showing the nearest with any of them", "note");
    if (loc.ignored && loc.ignored.length) chip("ignored: " + loc.ignored.join(" "), "note");
    chip("place: " + (loc.resolution || loc.kind) + " · " + (CONFIDENCE[loc.confidence] || loc.confidence) +
      " (" + loc.source + ")", "note place-resolution " + (loc.confidence === "high" ? "" : "unsure"));
    chip(it.parser + " parser", "note");
    if (it.radius_km) chip("within " + it.radius_km.toFixed(1) + " km", "note");
    for (const n of it.notes || []) chip(n, "note");
    for (const alt of it.alternatives || []) {
      if (alt !== it.product) suggestion(alt, replaced(body.query, it.product_term, alt));
    }
    list.replaceChildren();
    if (!body.results.length) {
      const none = it.product || (it.match === "any" ? "anything" : "any of those");
      say("No machine has " + none + " in stock near " + loc.name + ".");
      answer.hidden = true;
      return;
    }
    say(body.results.length + " machine" + (body.results.length > 1 ? "s" : "") + " with it in stock, nearest first.");
    body.results.forEach((r, i) => {
      const m = r.machine;
      const li = el("li", { "data-machine": m.id, id: "result-" + i, tabindex: "0",
        "aria-label": (i + 1) + ". " + m.name + ", " + r.distance_km.toFixed(2) + " km, " + r.quantity + " " + r.product });
      li.appendChild(el("span", { class: "rank" }, String(i + 1)));
      li.appendChild(el("span", { class: "dist" }, r.distance_km.toFixed(2) + " km · " + r.distance_miles.toFixed(2) + " mi"));
      li.appendChild(el("div", { class: "name" }, m.name));
      li.appendChild(el("div", { class: "meta" }, [m.address, m.city, m.region].filter(Boolean).join(", ")));
      li.appendChild(el("div", { class: "meta" }, m.location_description));
      const stock = el("div", { class: "meta" });
      stock.appendChild(el("span", { class: "stock" }, r.quantity + " × " + r.product + " in stock"));
      stock.appendChild(document.createTextNode(" · "));
      stock.appendChild(el("span", { class: "status-" + m.status }, m.status.replace("_", " ")));
      stock.appendChild(document.createTextNode(" · " + m.asset_tag));
      li.appendChild(stock);
      li.addEventListener("mouseenter", () => highlight(i));
      li.addEventListener("focus", () => highlight(i));
      li.addEventListener("keydown", (e) => move(e, i, "result-"));
      list.appendChild(li);
    });
    answer.hidden = false;
    draw(loc, body.results);
  }

  function niceRing(maxKm) {
    const steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];
    for (const s of steps) if (s >= maxKm) return s;
    return maxKm;
  }

  function draw(origin, results) {
    plot.replaceChildren();
    const size = 400, mid = size / 2, margin = 24;
    const kmPerDegLat = 111.2;
    const kmPerDegLon = 111.32 * Math.cos(origin.latitude * Math.PI / 180);
    const pts = results.map((r) => ({
      x: (r.machine.longitude - origin.longitude) * kmPerDegLon,
      y: (r.machine.latitude - origin.latitude) * kmPerDegLat,
    }));
    const farthest = Math.max(0.05, ...pts.map((p) => Math.hypot(p.x, p.y)));
    const outer = niceRing(farthest);
    const scale = (mid - margin) / outer;
    plot.appendChild(svg("rect", { x: 0, y: 0, width: size, height: size, fill: "#fbfcfe" }));
    for (const f of [0.25, 0.5, 0.75, 1]) {
      const r = outer * f;
      plot.appendChild(svg("circle", { class: "ring", cx: mid, cy: mid, r: r * scale }));
      plot.appendChild(svg("text", { class: "ring-label", x: mid + 3, y: mid - r * scale - 3 }, (r < 1 ? (r * 1000).toFixed(0) + " m" : r.toFixed(r < 10 ? 1 : 0) + " km")));
    }
    plot.appendChild(svg("text", { class: "axis", x: mid - 3, y: 12 }, "N"));
    plot.appendChild(svg("circle", { class: "origin", cx: mid, cy: mid, r: 6 }));
    pts.forEach((p, i) => {
      const cx = mid + p.x * scale, cy = mid - p.y * scale;
      const dot = svg("circle", { class: "dot", cx, cy, r: 10, "data-index": i, id: "marker-" + i, tabindex: "0",
        role: "button", "aria-label": "Marker " + (i + 1) + ": " + results[i].machine.name + ", " +
        results[i].distance_km.toFixed(2) + " km" });
      dot.appendChild(svg("title", {}, (i + 1) + ". " + results[i].machine.name + " — " + results[i].distance_km.toFixed(2) + " km"));
      dot.addEventListener("mouseenter", () => highlight(i));
      dot.addEventListener("focus", () => highlight(i));
      dot.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); document.getElementById("result-" + i).focus(); }
        else move(e, i, "marker-");
      });
      dot.addEventListener("click", () => document.getElementById("result-" + i).focus());
      plot.appendChild(dot);
      plot.appendChild(svg("text", { class: "dot-label", x: cx, y: cy + 3.5, "text-anchor": "middle" }, String(i + 1)));
    });
    caption.textContent = "Red: " + origin.name + ". Numbers: results. North is up; rings every " +
      (outer / 4 < 1 ? (outer * 250).toFixed(0) + " m" : (outer / 4).toFixed(1) + " km") + ".";
  }

  function highlight(i) {
    for (const li of list.children) {
      li.classList.toggle("active", li.id === "result-" + i);
      li.setAttribute("aria-current", li.id === "result-" + i ? "true" : "false");
    }
    for (const d of plot.querySelectorAll(".dot")) d.classList.toggle("active", d.dataset.index === String(i));
  }
  // Arrow keys walk the list (or the markers); Enter on a result jumps to its marker and back.
  function move(e, i, prefix) {
    const n = list.children.length;
    let next = null;
    if (e.key === "ArrowDown" || e.key === "ArrowRight") next = (i + 1) % n;
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") next = (i - 1 + n) % n;
    else if (e.key === "Enter" && prefix === "result-") { e.preventDefault(); document.getElementById("marker-" + i).focus(); return; }
    if (next === null) return;
    e.preventDefault();
    document.getElementById(prefix + next).focus();
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  document.getElementById("locate").addEventListener("click", () => {
    if (!navigator.geolocation) { say("This browser cannot share its location.", true); return; }
    say("Asking the browser for your location…");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        here = { lat: pos.coords.latitude.toFixed(6), lon: pos.coords.longitude.toFixed(6) };
        if (!input.value.trim()) { say("Now say what you want, e.g. coke."); input.focus(); return; }
        run();
      },
      () => say("Location not shared: name a place in the query instead.", true),
      { timeout: 10000, maximumAge: 60000 }
    );
  });
  if (input.value.trim()) run();
})();
