/* sitroom UI behaviour. No framework, no inline script (CSP: script-src 'self').
 * Untrusted text only ever goes into the page through textContent or setAttribute,
 * and links only to our own paths built with encodeURIComponent. */
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

function localLink(path, value, label) {
  // Only our own routes: the value is an entity name, an article id or a search term.
  return el("a", { href: path + encodeURIComponent(value) }, label === undefined ? value : label);
}

function factList(record, skip) {
  const dl = el("dl");
  for (const [key, value] of Object.entries(record)) {
    if (skip.includes(key) || value === null || value === undefined || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    dl.append(el("dt", {}, key.replace(/_/g, " ")));
    dl.append(el("dd", {}, typeof value === "object" ? JSON.stringify(value) : value));
  }
  return dl;
}

/* ---------------------------------------------------------------- article reader */

function initArticle() {
  const dataNode = document.getElementById("records-data");
  const text = document.getElementById("article-text");
  if (!dataNode || !text) return;
  const records = JSON.parse(dataNode.textContent);
  const body = document.getElementById("panel-body");
  const empty = document.getElementById("panel-empty");

  function related(rec) {
    const box = el("p", { class: "related" });
    const add = (node) => { if (box.childNodes.length) box.append(" · "); box.append(node); };
    if (rec.record_kind === "mention" && rec.entity) add(localLink("/entities/", rec.entity, "entity page: " + rec.entity));
    if (rec.record_kind === "quote" && rec.speaker) add(localLink("/entities/", rec.speaker, "speaker: " + rec.speaker));
    if (rec.record_kind === "claim" && rec.what) add(localLink("/claims?about=", rec.what, "claims about " + rec.what));
    if (rec.record_kind === "event") {
      if (rec.actor) add(localLink("/entities/", rec.actor, "actor: " + rec.actor));
      if (rec.target) add(localLink("/entities/", rec.target, "target: " + rec.target));
      add(localLink("/events?type=", rec.event_type, "more " + rec.event_type.replace(/_/g, " ") + " events"));
    }
    if (rec.record_kind === "place") add(localLink("/search?place=", rec.name, "articles at " + rec.name));
    // Other records of this article that share the speaker or entity.
    const key = rec.speaker || rec.entity;
    if (key) {
      const same = Object.entries(records).filter(([, r]) => r !== rec && (r.speaker === key || r.entity === key));
      if (same.length) add(document.createTextNode(same.length + " more record(s) about " + key + " in this article"));
    }
    return box;
  }

  function show(segment) {
    text.querySelectorAll(".hl.selected").forEach((n) => n.classList.remove("selected"));
    segment.classList.add("selected");
    const refs = segment.dataset.refs.split(" ").filter((r) => records[r]);
    refs.sort((a, b) => (records[a].end - records[a].start) - (records[b].end - records[b].start));
    body.replaceChildren();
    empty.hidden = true;
    for (const ref of refs) {
      const rec = records[ref];
      const section = el("section", { class: "record record-" + rec.record_kind, "data-ref": ref });
      const subtype = rec.record_kind === "event" ? rec.event_type : rec.kind;
      section.append(el("h3", {}, rec.record_kind + (subtype ? ": " + subtype : "")));
      section.append(el("blockquote", {}, rec.text));
      section.append(factList(rec, ["record_kind", "text", "article_id"]));
      section.append(related(rec));
      body.append(section);
    }
  }

  text.addEventListener("click", (ev) => {
    const segment = ev.target.closest(".hl");
    if (segment) show(segment);
  });
  text.addEventListener("keydown", (ev) => {
    const segment = ev.target.closest(".hl");
    if (segment && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(segment); }
  });
  document.querySelectorAll("input[data-toggle]").forEach((box) => {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.toggle, !box.checked));
  });
  const at = /^#at-(\d+)$/.exec(location.hash);
  if (at) {
    const pos = Number(at[1]);
    const target = [...text.querySelectorAll(".hl")].find((n) => Number(n.dataset.start) >= pos);
    if (target) { show(target); target.scrollIntoView({ block: "center" }); }
  }
}

/* ---------------------------------------------------------------- events map */

// Default view: Ukraine and its neighbours (lon/lat degrees), widened to fit the points.
const MAP_VIEW = { lonMin: 21, lonMax: 41, latMin: 43.5, latMax: 53 };
const MAP_LIMIT = { lonMin: -12, lonMax: 60, latMin: 30, latMax: 72 };

async function initMap() {
  const svg = document.getElementById("event-map");
  if (!svg) return;
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const key of ["type", "since", "until"]) if (params.get(key)) query.set(key, params.get(key));
  const [outlines, points] = await Promise.all([
    fetch("/static/outlines.geojson").then((r) => r.json()),
    fetch("/api/events/map?" + query.toString()).then((r) => r.json()),
  ]);
  const view = { ...MAP_VIEW };
  const inside = (p) => p.lon >= MAP_LIMIT.lonMin && p.lon <= MAP_LIMIT.lonMax && p.lat >= MAP_LIMIT.latMin && p.lat <= MAP_LIMIT.latMax;
  for (const p of points.filter(inside)) {
    view.lonMin = Math.min(view.lonMin, p.lon - 1); view.lonMax = Math.max(view.lonMax, p.lon + 1);
    view.latMin = Math.min(view.latMin, p.lat - 1); view.latMax = Math.max(view.latMax, p.lat + 1);
  }
  const W = 800, H = 520;
  const k = Math.cos(((view.latMin + view.latMax) / 2) * Math.PI / 180);
  const scale = Math.min(W / ((view.lonMax - view.lonMin) * k), H / (view.latMax - view.latMin));
  const x = (lon) => (W - (view.lonMax - view.lonMin) * k * scale) / 2 + (lon - view.lonMin) * k * scale;
  const y = (lat) => (H - (view.latMax - view.latMin) * scale) / 2 + (view.latMax - lat) * scale;
  const line = (coords) => coords.map(([lon, lat], i) => (i ? "L" : "M") + x(lon).toFixed(1) + " " + y(lat).toFixed(1)).join("");

  const land = svgEl("g", { class: "outlines" });
  for (const f of outlines.features) {
    const g = f.geometry;
    if (g.type === "MultiPolygon") {
      const d = g.coordinates.map((poly) => poly.map((ring) => line(ring) + "Z").join("")).join("");
      const path = svgEl("path", { d, class: "country" + (f.properties.iso === "UA" ? " ua" : "") });
      const title = svgEl("title"); title.textContent = f.properties.name; path.append(title);
      land.append(path);
    } else if (g.type === "MultiLineString") {
      land.append(svgEl("path", { d: g.coordinates.map(line).join(""), class: "oblast" }));
    }
  }
  svg.append(land);

  const panel = document.getElementById("map-panel-body");
  const empty = document.getElementById("map-empty");
  const dots = svgEl("g", { class: "points" });
  const offMap = [];
  points.forEach((p, i) => {
    if (!inside(p)) { offMap.push(p); return; }
    const c = svgEl("circle", {
      cx: x(p.lon).toFixed(1), cy: y(p.lat).toFixed(1), r: (4 + 3 * Math.sqrt(p.corroboration)).toFixed(1),
      class: "point", "data-index": i, tabindex: 0,
    });
    const title = svgEl("title");
    title.textContent = p.place + ": " + p.events.length + " event(s), " + p.corroboration + " independent source(s)";
    c.append(title);
    dots.append(c);
  });
  svg.append(dots);

  function showPoint(p, node) {
    dots.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
    if (node) node.classList.add("selected");
    empty.hidden = true;
    panel.replaceChildren(el("h3", {}, p.place + " (" + p.corroboration + " independent source(s))"));
    const list = el("ul", { class: "plain" });
    for (const e of p.events) {
      const item = el("li");
      item.append(el("strong", {}, (e.date || "undated") + " · " + e.event_type.replace(/_/g, " ")));
      item.append(el("div", {}, [e.actor, e.target].filter(Boolean).join(" → ")));
      const link = el("a", { href: "/articles/" + encodeURIComponent(e.article_id) + "#at-" + Number(e.start) }, e.text);
      item.append(el("blockquote")); item.lastChild.append(link);
      list.append(item);
    }
    panel.append(list);
  }
  dots.addEventListener("click", (ev) => {
    const node = ev.target.closest(".point");
    if (node) showPoint(points[Number(node.dataset.index)], node);
  });
  if (offMap.length) {
    const note = el("p", { class: "muted" }, "Off this map: ");
    offMap.forEach((p, i) => {
      const b = el("a", { href: "#" }, p.place + " (" + p.events.length + ")");
      b.addEventListener("click", (ev) => { ev.preventDefault(); showPoint(p, null); });
      if (i) note.append(", ");
      note.append(b);
    });
    svg.after(note);
  }
}

/* ---------------------------------------------------------------- actor graph */

const GRAPH_MAX_NODES = 40; // beyond this a circle gets unreadable on a laptop screen

// Force layout (Fruchterman-Reingold): connected actors pull together, all push apart, so
// clusters of allies and adversaries show; deterministic (starts from a circle, fixed steps).
const GRAPH_STEPS = 400;
// Pixels kept free left and right of the layout for names (about 22 characters at 11px).
const GRAPH_LABEL_ROOM = 140;
// Least distance between two actors in the drawn box: a label's height and then some.
const GRAPH_MIN_GAP = 36;

function forceLayout(nodes, edges, W, H) {
  const n = nodes.length;
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.5;
  const pos = nodes.map((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
    return { x: W / 2 + (W / 3) * Math.cos(angle), y: H / 2 + (H / 3) * Math.sin(angle) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  let heat = W / 8;
  for (let step = 0; step < GRAPH_STEPS; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x || 0.01, dy = pos[i].y - pos[j].y || 0.01;
        const d = Math.max(Math.hypot(dx, dy), 1);
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const f = (d * d) / k / 2;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      // A weak pull to the centre keeps unconnected actors on screen.
      disp[i].x += (W / 2 - pos[i].x) * 0.05 * k / 10; disp[i].y += (H / 2 - pos[i].y) * 0.05 * k / 10;
      const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      pos[i].x += (disp[i].x / d) * Math.min(d, heat);
      pos[i].y += (disp[i].y / d) * Math.min(d, heat);
    }
    heat = Math.max(heat * 0.985, 0.5);
  }
  // Then push apart any two actors closer than GRAPH_MIN_GAP of the final box, so no
  // name sits on another node.
  for (let round = 0; round < 60; round++) {
    const xs0 = pos.map((p) => p.x), ys0 = pos.map((p) => p.y);
    const span = Math.max(Math.max(...xs0) - Math.min(...xs0), Math.max(...ys0) - Math.min(...ys0), 1);
    const gap = (GRAPH_MIN_GAP / Math.min(W - 2 * GRAPH_LABEL_ROOM, H - 60)) * span;
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x || 0.01, dy = pos[i].y - pos[j].y || 0.01;
        const d = Math.hypot(dx, dy);
        if (d >= gap) continue;
        const push = (gap - d) / 2 + 0.01;
        pos[i].x += (dx / d) * push; pos[i].y += (dy / d) * push;
        pos[j].x -= (dx / d) * push; pos[j].y -= (dy / d) * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  // Fit the layout into the box, leaving room for labels left and right.
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const fit = (v, lo, hi, a, b) => (hi - lo < 1 ? (a + b) / 2 : a + ((v - lo) / (hi - lo)) * (b - a));
  return new Map(nodes.map((node, i) => [node.id, {
    x: fit(pos[i].x, x0, x1, GRAPH_LABEL_ROOM, W - GRAPH_LABEL_ROOM),
    y: fit(pos[i].y, y0, y1, 30, H - 30),
  }]));
}

// The box "include low-confidence events" redraws from /api/graph?low_confidence=true; the
// page's address keeps the choice (/graph?low_confidence=true), so it can be linked.
async function initGraph() {
  const svg = document.getElementById("actor-graph");
  if (!svg) return;
  const box = document.getElementById("graph-low-confidence");
  const draw = async () => {
    const query = box && box.checked ? "?low_confidence=true" : "";
    drawGraph(svg, await fetch("/api/graph" + query).then((r) => r.json()));
    svg.dataset.lowConfidence = query ? "shown" : "hidden"; // drawn: tests wait for it
  };
  if (box) {
    box.addEventListener("change", () => {
      const params = new URLSearchParams(location.search);
      if (box.checked) params.set("low_confidence", "true");
      else params.delete("low_confidence");
      const query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      draw();
    });
  }
  await draw();
}

function drawGraph(svg, data) {
  for (const old of [...svg.children]) if (old.tagName !== "title") old.remove();
  const nodes = [...data.nodes].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id)).slice(0, GRAPH_MAX_NODES);
  const W = 800, H = 640;
  const pos = forceLayout(nodes, data.edges, W, H);
  const defs = svgEl("defs");
  // Arrowheads in user units: a thick edge must not grow a huge head.
  const marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
  marker.append(svgEl("path", { d: "M0 0 L10 5 L0 10 Z", fill: "#8896a6" }));
  defs.append(marker);
  svg.append(defs);
  for (const e of data.edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    if (!a || !b) continue;
    // A slight bend, so a→b and b→a stay two visible arrows; a low-confidence edge bends
    // further, so it stays apart from the same pair's confident one, and is dashed.
    const bend = e.confident ? 0.12 : 0.24;
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * bend, my = (a.y + b.y) / 2 - (b.x - a.x) * bend;
    const path = svgEl("path", { d: `M${a.x.toFixed(1)} ${a.y.toFixed(1)} Q${mx.toFixed(1)} ${my.toFixed(1)} ${b.x.toFixed(1)} ${b.y.toFixed(1)}`, class: e.confident ? "edge" : "edge low-confidence", "stroke-width": Math.min(1 + e.weight, 8) });
    const title = svgEl("title"); title.textContent = e.source + " → " + e.target + ": " + e.types.join(", ") + " (" + e.weight + ")" + (e.confident ? "" : ", low confidence");
    path.append(title);
    svg.append(path);
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    const link = svgEl("a", { href: "/entities/" + encodeURIComponent(n.id), class: "node" });
    const r = 4 + Math.sqrt(n.weight) * 2;
    link.append(svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }));
    const right = p.x >= W / 2;
    const label = svgEl("text", { x: (p.x + (right ? r + 4 : -r - 4)).toFixed(1), y: (p.y + 4).toFixed(1), "text-anchor": right ? "start" : "end" });
    label.textContent = n.label || n.id;
    link.append(label);
    svg.append(link);
  }
  if (!nodes.length) {
    const t = svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle" });
    t.textContent = "No events stated as fact with both an actor and a target yet.";
    svg.append(t);
  }
}

/* ---------------------------------------------------------------- claim charts */

// A group whose largest value is over LOG_SPREAD times its smallest is redrawn on a log
// scale (issue 10: one group ran from 0.25 to a billion, every other mark sat on the axis).
const LOG_SPREAD = 100;
// A value over OUTLIER_FACTOR times from the group's median (either way) is ringed.
const OUTLIER_FACTOR = 10;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function logChart(svg) {
  const marks = [...svg.querySelectorAll("a.mark[data-v]")];
  const values = marks.flatMap((m) => ["v", "lo", "hi"].map((k) => parseFloat(m.dataset[k])))
    .filter((v) => Number.isFinite(v) && v > 0);
  if (values.length < 2) return;
  const min = Math.min(...values), max = Math.max(...values);
  const mid = median(marks.map((m) => parseFloat(m.dataset.v)).filter((v) => v > 0));
  for (const m of marks) {
    const v = parseFloat(m.dataset.v);
    if (v > 0 && (v > mid * OUTLIER_FACTOR || v < mid / OUTLIER_FACTOR)) m.classList.add("outlier");
  }
  const outliers = svg.querySelectorAll("a.mark.outlier").length;
  if (max / min <= LOG_SPREAD && !outliers) return;
  const top = parseFloat(svg.dataset.top), bottom = parseFloat(svg.dataset.bottom);
  const left = parseFloat(svg.dataset.left), right = parseFloat(svg.dataset.right);
  const useLog = max / min > LOG_SPREAD;
  if (useLog) {
    const lo = Math.floor(Math.log10(min)), hi = Math.max(Math.ceil(Math.log10(max)), lo + 1);
    const y = (v) => bottom - (bottom - top) * (Math.log10(v) - lo) / (hi - lo);
    for (const node of svg.querySelectorAll(".ygrid, .ytick")) node.remove();
    const step = Math.max(1, Math.ceil((hi - lo) / 6));
    for (let e = lo; e <= hi; e += step) {
      const at = y(10 ** e);
      svg.insertBefore(svgEl("line", { class: "grid ygrid", x1: left, y1: at, x2: right, y2: at }), svg.querySelector("a.mark"));
      const label = svgEl("text", { class: "tick ytick", x: left - 6, y: at + 4, "text-anchor": "end" });
      label.textContent = (10 ** e).toLocaleString("en-GB", { maximumFractionDigits: 6 });
      svg.insertBefore(label, svg.querySelector("a.mark"));
    }
    for (const m of marks) {
      const shift = y(Math.max(parseFloat(m.dataset.v), min)) - parseFloat(m.dataset.y);
      const point = m.querySelector(".point");
      if (point) point.setAttribute("transform", `translate(0 ${shift.toFixed(1)})`);
      if (m.dataset.lo !== undefined) {
        const ylo = y(Math.max(parseFloat(m.dataset.lo), min)), yhi = y(parseFloat(m.dataset.hi));
        const range = m.querySelector(".range");
        if (range) { range.setAttribute("y1", ylo); range.setAttribute("y2", yhi); }
        for (const [cls, at] of [[".cap-low", ylo], [".cap-high", yhi]]) {
          const cap = m.querySelector(cls);
          if (cap) { cap.setAttribute("y1", at); cap.setAttribute("y2", at); }
        }
      }
    }
    svg.classList.add("log-scale");
  }
  for (const m of svg.querySelectorAll("a.mark.outlier")) {
    const point = m.querySelector(".point");
    if (!point) continue;
    const box = point.getBBox();
    const ring = svgEl("circle", {
      class: "outlier-ring", cx: box.x + box.width / 2, cy: box.y + box.height / 2, r: 10,
    });
    if (point.getAttribute("transform")) ring.setAttribute("transform", point.getAttribute("transform"));
    m.append(ring);
  }
  const note = svg.nextElementSibling && svg.nextElementSibling.querySelector(".log-note");
  if (note) {
    note.textContent = (useLog ? " · log scale" : "") + (outliers ? " · ◌ outlier (over 10× from the median)" : "");
    note.hidden = false;
  }
}

function initClaimCharts() {
  for (const svg of document.querySelectorAll("svg.claim-chart[data-top]")) logChart(svg);
}

/* ---------------------------------------------------------------- upload */

function initUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const out = document.getElementById("upload-result");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData();
    for (const file of form.elements.files.files) data.append("files", file, file.name);
    out.textContent = "Uploading…";
    try {
      const response = await fetch("/api/ingest", {
        method: "POST", body: data, headers: { Authorization: "Bearer " + form.elements.token.value },
      });
      const body = await response.json();
      out.textContent = (response.ok ? "Done: " : "Refused: ") + JSON.stringify(body, null, 2);
    } catch (err) {
      out.textContent = "Failed: " + err;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "article") initArticle();
  if (page === "events") initMap();
  if (page === "graph") initGraph();
  if (page === "upload") initUpload();
  if (page === "claims") initClaimCharts();
});
