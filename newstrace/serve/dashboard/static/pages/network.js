// The actor network: actors -> recipients of the events, one edge per event type (GET /api/network).
import { fill, PLOVER, plural, api, el, entityHref, eventHref, link, params, section, select, spanHref, table } from "../lib.js";

export async function renderNetwork(root) {
  const q = params();
  const type = q.get("type") || "";
  const by = q.get("by") === "entity" ? "entity" : "country";
  const query = new URLSearchParams({ by, limit: "2000" });
  if (type) query.set("type", type);
  const data = await api(`/api/network?${query}`);
  const form = el("form", { class: "filters", id: "filters" },
    select("type", [["", "any type"], ...PLOVER.map((t) => [t, t])], type, "Type"),
    select("by", [["country", "people and organisations as their country"], ["entity", "every entity"]], by, "Nodes"),
    el("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams({ by: form.elements.by.value });
    if (form.elements.type.value) next.set("type", form.elements.type.value);
    window.location.assign(`/network?${next}`);
  });
  const width = 960;
  const height = Math.max(620, 26 * data.nodes.length);
  const types = [...new Set(data.edges.map((e) => e.type))];
  // One colour per type drawn (ten distinct ones; more types repeat them, named in the legend).
  const color = d3.scaleOrdinal(types, d3.schemeTableau10);
  const svg = d3.create("svg").attr("id", "network").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img");
  svg.append("defs").selectAll("marker").data(types).join("marker")
    .attr("id", (t) => `arrow-${t}`).attr("viewBox", "0 -5 10 10").attr("refX", 10).attr("markerUnits", "userSpaceOnUse")
    .attr("markerWidth", 10).attr("markerHeight", 10).attr("orient", "auto").append("path").attr("d", "M0,-5L10,0L0,5").attr("fill", (t) => color(t));
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const radius = (n) => 6 + Math.sqrt(n.events) * 2;
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(140))
    .force("charge", d3.forceManyBody().strength(-600))
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.08))
    .force("collide", d3.forceCollide((n) => radius(n) + 24)).stop();
  for (let i = 0; i < 300; i += 1) sim.tick();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  for (const n of nodes) { n.x = clamp(n.x, 30, width - 120); n.y = clamp(n.y, 20, height - 20); }
  // Edges between the same two nodes (of several types, or both ways) bend apart.
  const pairs = new Map();
  for (const e of links) {
    const key = [e.source.id, e.target.id].sort().join(" ");
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  for (const group of pairs.values()) {
    group.forEach((e, i) => {
      const side = e.source.id < e.target.id ? 1 : -1;
      e.bend = (i - (group.length - 1) / 2) * 36 * side;
    });
  }
  // A curve from the rim of the source to the rim of the target, bent by `bend` pixels.
  const curve = (e) => {
    const { x: x1, y: y1 } = e.source;
    const { x: x2, y: y2 } = e.target;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len = Math.hypot(dx, dy) || 1;
    const mx = (x1 + x2) / 2 - (dy / len) * e.bend;
    const my = (y1 + y2) / 2 + (dx / len) * e.bend;
    const toward = (x, y, tx, ty, r) => { const l = Math.hypot(tx - x, ty - y) || 1; return [x + ((tx - x) / l) * r, y + ((ty - y) / l) * r]; };
    const [sx, sy] = toward(x1, y1, mx, my, radius(e.source));
    const [tx, ty] = toward(x2, y2, mx, my, radius(e.target) + 2);
    return `M${sx},${sy} Q${mx},${my} ${tx},${ty}`;
  };
  const details = el("div", { id: "edge-details" }, el("p", { class: "hint" }, "Select an edge (or a row of the table) to see its events."));
  const showEdge = (edge) => {
    const from = names.get(edge.source.id || edge.source) || edge.source;
    const to = names.get(edge.target.id || edge.target) || edge.target;
    const rows = edge.events.map((ev) => el("tr", {}, el("td", { class: "date" }, ev.published || ""), el("td", {}, ev.outlet || ""),
      el("td", {}, link(ev.evidence ? spanHref(ev.article_id, ev.evidence) : eventHref(ev.article_id, ev.event_id), ev.summary || ev.event_id, { class: "evidence-link" }))));
    fill(details, el("h3", {}, `${from} —${edge.type}→ ${to} (${edge.count})`),
      table(["published", "outlet", "summary (its sentence)"], rows, { id: "edge-events" }));
  };
  // A label goes on the side of its node away from the node's edges (left when they come from
  // the right). Labels first, edges over them, circles on top: no arrowhead is hidden.
  const pull = new Map(nodes.map((n) => [n.id, 0]));
  for (const e of links) {
    pull.set(e.source.id, pull.get(e.source.id) + Math.sign(e.target.x - e.source.x));
    pull.set(e.target.id, pull.get(e.target.id) + Math.sign(e.source.x - e.target.x));
  }
  const left = (n) => pull.get(n.id) > 0 && n.x > 160;
  svg.append("g").attr("class", "labels").selectAll("a").data(nodes).join("a").attr("class", "node-label")
    .attr("href", (n) => entityHref(n.id)).append("text")
    .attr("x", (n) => (left(n) ? n.x - radius(n) - 3 : n.x + radius(n) + 3)).attr("y", (n) => n.y + 4)
    .attr("text-anchor", (n) => (left(n) ? "end" : "start")).text((n) => n.name);
  svg.append("g").attr("class", "edges").selectAll("path").data(links).join("path")
    .attr("class", "edge").attr("data-type", (e) => e.type).attr("d", curve)
    .attr("stroke", (e) => color(e.type)).attr("stroke-width", (e) => 1.5 + Math.log2(1 + e.count))
    .attr("marker-end", (e) => `url(#arrow-${e.type})`)
    .on("click", (_ev, e) => showEdge(e))
    .append("title").text((e) => `${e.source.name} ${e.type} ${e.target.name}: ${e.count}`);
  const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", (n) => `node kind-${n.kind}`).attr("transform", (n) => `translate(${n.x},${n.y})`);
  node.append("circle").attr("r", radius);
  node.append("title").text((n) => `${n.name} (${n.id}): ${plural(n.events, "event")}`);
  const legend = el("p", { class: "legend" }, types.map((t) => el("span", { class: "legend-item", "data-type": t }, `■ ${t} `)));
  const swatches = legend.querySelectorAll(".legend-item");
  swatches.forEach((s) => { s.style.color = color(s.dataset.type); });
  const rows = links.map((e) => {
    const row = el("tr", { class: "edge-row", "data-type": e.type }, el("td", {}, link(entityHref(e.source.id), e.source.name)), el("td", {}, e.type),
      el("td", {}, link(entityHref(e.target.id), e.target.name)), el("td", { class: "num" }, el("button", { type: "button", class: "linklike" }, `${e.count}`)));
    row.querySelector("button").addEventListener("click", () => showEdge(e));
    return row;
  });
  fill(root, el("h1", {}, "Actor network"), form,
    el("p", { id: "count" }, `${data.nodes.length} actors, ${data.edges.length} typed links (who requests from, supplies, meets, threatens whom).`),
    legend, el("div", { class: "chart" }, svg.node()), details,
    section("Links", table(["from", "type", "to", "events (select to list)"], rows, { id: "edges" })));
}
