// The actor network: actors -> recipients of the events, one edge per event type (GET /api/network).
import { PLOVER, api, clear, el, entityHref, eventHref, link, params, section, select, spanHref, table } from "../lib.js";

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
  const height = 620;
  const color = d3.scaleOrdinal(PLOVER, d3.schemeTableau10.concat(d3.schemeSet2));
  const svg = d3.create("svg").attr("id", "network").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img");
  const types = [...new Set(data.edges.map((e) => e.type))];
  svg.append("defs").selectAll("marker").data(types).join("marker")
    .attr("id", (t) => `arrow-${t}`).attr("viewBox", "0 -5 10 10").attr("refX", 18).attr("markerWidth", 6)
    .attr("markerHeight", 6).attr("orient", "auto").append("path").attr("d", "M0,-5L10,0L0,5").attr("fill", (t) => color(t));
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(120))
    .force("charge", d3.forceManyBody().strength(-350))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide(28)).stop();
  for (let i = 0; i < 300; i += 1) sim.tick();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  for (const n of nodes) { n.x = clamp(n.x, 30, width - 30); n.y = clamp(n.y, 20, height - 20); }
  const details = el("div", { id: "edge-details" }, el("p", { class: "hint" }, "Select an edge to see its events."));
  const showEdge = (edge) => {
    const rows = edge.events.map((ev) => el("tr", {}, el("td", {}, ev.published || ""), el("td", {}, ev.outlet || ""),
      el("td", {}, link(ev.evidence ? spanHref(ev.article_id, ev.evidence) : eventHref(ev.article_id, ev.event_id), ev.summary || ev.event_id))));
    clear(details).append(el("h3", {}, `${edge.source.name || edge.source} —${edge.type}→ ${edge.target.name || edge.target} (${edge.count})`),
      table(["published", "outlet", "summary (its sentence)"], rows));
  };
  svg.append("g").attr("class", "edges").selectAll("line").data(links).join("line")
    .attr("class", "edge").attr("data-type", (e) => e.type)
    .attr("x1", (e) => e.source.x).attr("y1", (e) => e.source.y).attr("x2", (e) => e.target.x).attr("y2", (e) => e.target.y)
    .attr("stroke", (e) => color(e.type)).attr("stroke-width", (e) => 1 + Math.log2(1 + e.count))
    .attr("marker-end", (e) => `url(#arrow-${e.type})`)
    .on("click", (_ev, e) => showEdge(e))
    .append("title").text((e) => `${e.source.name} ${e.type} ${e.target.name}: ${e.count}`);
  const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", (n) => `node kind-${n.kind}`).attr("transform", (n) => `translate(${n.x},${n.y})`);
  node.append("circle").attr("r", (n) => 6 + Math.sqrt(n.events) * 2);
  node.append("a").attr("href", (n) => entityHref(n.id)).append("text").attr("dx", 10).attr("dy", 4).text((n) => n.name);
  const legend = el("p", { class: "legend" }, types.map((t) => el("span", { class: "legend-item", "data-type": t }, `■ ${t} `)));
  const swatches = legend.querySelectorAll(".legend-item");
  swatches.forEach((s) => { s.style.color = color(s.dataset.type); });
  const rows = data.edges.map((e) => el("tr", { class: "edge-row" }, el("td", {}, link(entityHref(e.source), e.source)), el("td", {}, e.type),
    el("td", {}, link(entityHref(e.target), e.target)), el("td", { class: "num" }, e.count)));
  clear(root).append(el("h1", {}, "Actor network"), form,
    el("p", { id: "count" }, `${data.nodes.length} actors, ${data.edges.length} typed links (who requests from, supplies, meets, threatens whom).`),
    legend, el("div", { class: "chart" }, svg.node()), details,
    section("Links", table(["from", "type", "to", "events"], rows, { id: "edges" })));
}
