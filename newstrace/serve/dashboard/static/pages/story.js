// One story: timeline of reports, provenance graph (echoes grouped apart), status timeline,
// discrepancies and merged values; every value links to its sentence in a report.
import { fill, plural, show, api, badge, el, enc, entityHref, link, section, spanHref, table } from "../lib.js";

// The evidence span in `events` (event details of one report) best matching `value`.
function spanFor(events, value) {
  const wanted = value === null || value === undefined ? "" : String(typeof value === "object" ? JSON.stringify(value) : value).toLowerCase();
  for (const { event } of events) {
    for (const item of event.items || []) {
      const texts = [item.text, item.system, item.category, item.quantity && item.quantity.value].filter((t) => t !== null && t !== undefined);
      if (wanted && texts.some((t) => String(t).toLowerCase().includes(wanted) || wanted.includes(String(t).toLowerCase())) && item.evidence && item.evidence[0]) return item.evidence[0];
    }
  }
  for (const { event } of events) if (event.evidence && event.evidence[0]) return event.evidence[0];
  return null;
}

// A report's outlet as shown: its name, else its id, else "unknown outlet".
function outletName(r) {
  return (r.outlet && (r.outlet.name || r.outlet.id)) || "unknown outlet";
}

// The nodes and edges of the provenance graph: one node per report, one per named source
// (a chain's hop or the origin) that has no report in the story.
export function provenance(story) {
  const byName = new Map(story.reports.filter((r) => r.outlet && r.outlet.name).map((r) => [r.outlet.name, `r:${r.article}`]));
  const nodes = story.reports.map((r) => ({ id: `r:${r.article}`, report: r, name: outletName(r), group: r.role === "echo" ? "echo" : "source" }));
  const external = new Map();
  const nodeOf = (name) => {
    if (byName.has(name)) return byName.get(name);
    if (!external.has(name)) external.set(name, { id: `x:${name}`, name, group: "origin" });
    return external.get(name).id;
  };
  const edges = [];
  if (story.origin && story.origin.name && !story.origin.in_corpus) nodeOf(story.origin.name);
  for (const r of story.reports) {
    for (const chain of r.chains || []) {
      let from = `r:${r.article}`;
      for (const hop of chain) { const to = nodeOf(hop); if (to !== from) edges.push({ from, to, kind: "cites" }); from = to; }
    }
    for (const name of r.cites || []) {
      const to = nodeOf(name);
      if (!edges.some((e) => e.from === `r:${r.article}` && e.to === to)) edges.push({ from: `r:${r.article}`, to, kind: "cites" });
    }
    if (r.echo_of && r.via !== "citation") edges.push({ from: `r:${r.article}`, to: `r:${r.echo_of}`, kind: r.via || "echo" });
  }
  return { nodes: [...nodes, ...external.values()], edges };
}

// The width in pixels of `text` in the page's font at `size` px (a canvas measures it).
let measure = null;
function textWidth(text, size) {
  measure = measure || document.createElement("canvas").getContext("2d");
  measure.font = `${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measure.measureText(String(text)).width;
}

function drawProvenance(story) {
  const { nodes, edges } = provenance(story);
  const columns = { origin: 0, source: 1, echo: 2 };
  const titles = ["Origins not in the corpus", "Independent sources and origins", "Echoes (repeat another report)"];
  const width = 960;
  const rowH = 40;
  const colW = width / 3;
  const counts = [0, 0, 0];
  for (const n of nodes) { const c = columns[n.group]; n.x = c * colW + 20; n.y = 60 + counts[c] * rowH + (c === 1 ? rowH / 2 : 0); counts[c] += 1; }
  const height = 80 + (Math.max(1, ...counts) + 0.5) * rowH;
  const svg = d3.create("svg").attr("id", "provenance").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img");
  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10").attr("refX", 10)
    .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto").append("path").attr("d", "M0,-5L10,0L0,5");
  svg.append("g").selectAll("g").data(titles).join("g").attr("class", (_t, i) => `group group-${["origin", "source", "echo"][i]}`)
    .call((g) => g.append("rect").attr("x", (_t, i) => i * colW + 6).attr("y", 8).attr("width", colW - 12).attr("height", height - 16).attr("rx", 8))
    .call((g) => g.append("text").attr("x", (_t, i) => i * colW + 16).attr("y", 30).text((t) => t));
  const at = new Map(nodes.map((n) => [n.id, n]));
  const sub = (n) => (n.report ? `${n.report.published || "undated"} · ${n.report.role}` : "named as a source");
  // An edge to a node on its left ends just past that node's label, measured in the page's font.
  const rightOf = (n) => n.x + 12 + Math.max(textWidth(n.name, 12), textWidth(sub(n), 10)) + 6;
  svg.append("g").selectAll("path").data(edges.filter((e) => at.has(e.from) && at.has(e.to))).join("path")
    .attr("class", (e) => `link link-${e.kind}`).attr("marker-end", "url(#arrow)")
    .attr("d", (e) => { const a = at.get(e.from); const b = at.get(e.to); const ax = a.x - 8; const bx = b.x < a.x ? Math.min(rightOf(b), ax - 20) : b.x - 8; return `M${ax},${a.y} C${(ax + bx) / 2},${a.y} ${(ax + bx) / 2},${b.y} ${bx},${b.y}`; })
    .append("title").text((e) => `${at.get(e.from).name} ${e.kind} ${at.get(e.to).name}`);
  const node = svg.append("g").selectAll("g").data(nodes).join("g")
    .attr("class", (n) => `node node-${n.group}${n.report ? ` role-${n.report.role}` : ""}`)
    .attr("transform", (n) => `translate(${n.x},${n.y})`);
  node.append("circle").attr("r", 6).attr("cx", 0);
  node.filter((n) => n.report).append("a").attr("href", (n) => `/articles/${enc(n.report.article)}`).append("text").attr("x", 12).attr("y", 4).text((n) => n.name);
  node.filter((n) => !n.report).append("text").attr("x", 12).attr("y", 4).text((n) => n.name);
  node.append("text").attr("class", "sub").attr("x", 12).attr("y", 17).text(sub);
  return svg.node();
}

function drawReportTimeline(story) {
  const reports = story.reports.filter((r) => r.published);
  const width = 960;
  const height = 90;
  const dates = reports.map((r) => new Date(r.published));
  const x = d3.scaleTime().domain(d3.extent(dates).map((d, i) => d3.timeDay.offset(d, i ? 1 : -1))).range([40, width - 40]);
  const svg = d3.create("svg").attr("id", "report-timeline").attr("viewBox", `0 0 ${width} ${height}`);
  svg.append("g").attr("transform", `translate(0,${height - 25})`).call(d3.axisBottom(x).ticks(8));
  const seen = new Map();
  svg.append("g").selectAll("circle").data(reports).join("circle").attr("class", (r) => `tl-report role-${r.role}`)
    .attr("cx", (r) => x(new Date(r.published)))
    .attr("cy", (r) => { const k = r.published; const n = seen.get(k) || 0; seen.set(k, n + 1); return height - 35 - n * 12; })
    .attr("r", 5).append("title").text((r) => `${r.published}: ${outletName(r)} (${r.role})`);
  return svg.node();
}

export async function renderStory(root, key) {
  const story = await api(`/api/stories/${enc(key)}`);
  const details = await Promise.all(story.events.map((e) => api(`/api/events/${enc(e.article)}/${enc(e.event)}`).catch(() => null)));
  const byReport = new Map();
  for (const d of details.filter(Boolean)) {
    if (!byReport.has(d.article.id)) byReport.set(d.article.id, []);
    byReport.get(d.article.id).push(d);
  }
  const outlet = new Map(story.reports.map((r) => [r.article, outletName(r)]));
  const sources = (articles, value) => articles.map((a) => [link(spanHref(a, spanFor(byReport.get(a) || [], value)), outlet.get(a) || a.slice(0, 8), { class: "evidence-link" }), " "]);
  const reports = [...story.reports].sort((a, b) => String(a.published).localeCompare(String(b.published)));
  const reportRows = reports.map((r) => el("tr", { class: "report-row" }, el("td", { class: "date" }, r.published || ""),
    el("td", {}, outletName(r)), el("td", {}, link(spanHref(r.article, spanFor(byReport.get(r.article) || [], null)), r.title || r.article)),
    el("td", {}, badge(r.role, `role-${r.role}`)), el("td", {}, (r.cites || []).join(", ")), el("td", {}, r.reliability || "")));
  const timeline = (story.timeline || []).map((t) => el("tr", { class: "status-row" }, el("td", { class: "date" }, t.date || ""), el("td", {}, t.status),
    el("td", {}, (t.by || []).join(", ")), el("td", {}, sources(t.reports || [], t.status)),
    el("td", {}, (t.claims || []).map((c) => `${c.value} (${c.reports.length})`).join(", "))));
  const discrepancies = (story.discrepancies || []).map((d) => el("tr", { class: "discrepancy-row" }, el("td", {}, d.field), el("td", {}, d.kind),
    el("td", {}, d.values.map((v) => el("div", {}, el("strong", {}, show(v.value)), ": ", sources(v.reports, v.value)))),
    el("td", {}, d.note || "")));
  const fieldRows = [];
  for (const [name, values] of Object.entries(story.fields || {})) {
    if (!Array.isArray(values)) continue;
    for (const v of values) {
      if (!v || !Array.isArray(v.reports)) continue;
      const shown = show(v.value);
      const cell = typeof v.value === "string" && v.value.includes(":") ? link(entityHref(v.value), shown) : shown;
      fieldRows.push(el("tr", { class: "field-row" }, el("td", {}, name), el("td", {}, cell), el("td", {}, sources(v.reports, v.value))));
    }
  }
  const c = story.credibility || {};
  fill(root, 
    el("h1", { id: "story-title" }, story.title),
    el("p", { class: "meta" }, badge(c.rating || ""), ` ${c.meaning || ""} — ${c.basis || ""}. `,
      `${plural(story.spread.reports, "report")} from ${plural(story.spread.outlets, "outlet")}, `,
      story.spread.first ? `${story.spread.first} to ${story.spread.last}; ` : "undated; ",
      `${story.independent_sources} independent; origin: ${story.origin && story.origin.name ? story.origin.name : "unknown"}${story.origin && !story.origin.in_corpus ? " (not in the corpus)" : ""}.`),
    section("Timeline of reports", story.reports.some((r) => r.published)
      ? el("div", { class: "chart" }, drawReportTimeline(story)) : el("p", { class: "hint" }, "No report is dated."),
      table(["published", "outlet", "title (its sentence)", "role", "cites", "reliability"], reportRows, { id: "reports" })),
    section("Provenance: who cites whom", el("div", { class: "chart" }, drawProvenance(story)),
      el("p", { class: "hint", id: "provenance-legend" }, "Solid arrow: the report cites that source. Dashed arrow: it repeats an earlier report without citing it (near-duplicate text or a mention). ",
        `${plural(story.reports.filter((r) => r.role === "echo").length, "echo", "echoes")} of ${plural(story.reports.length, "report")}; ${plural(story.independent_sources, "independent source")}.`)),
    section("Status timeline", table(["date", "status", "by", "reported by (its sentence)", "claims"], timeline, { id: "status-timeline" })),
    section("Discrepancies", discrepancies.length ? table(["field", "kind", "values and who reports them", "note"], discrepancies, { id: "discrepancies" }) : el("p", {}, "The reports agree.")),
    section("Merged values", table(["field", "value", "reports (each links to its sentence)"], fieldRows, { id: "fields" })));
}
