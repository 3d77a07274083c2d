// A world map of event places (GET /api/places), on country shapes from the world-atlas package.
import { fill, PLOVER, api, el, eventHref, link, params, section, select, spanHref, table } from "../lib.js";

export async function renderMap(root) {
  const q = params();
  const type = q.get("type") || "";
  const query = new URLSearchParams({ limit: "5000" });
  if (type) query.set("type", type);
  const [world, data] = await Promise.all([api("/vendor/countries-110m.json"), api(`/api/places?${query}`)]);
  const form = el("form", { class: "filters", id: "filters" },
    select("type", [["", "any type"], ...PLOVER.map((t) => [t, t])], type, "Type"), el("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    window.location.assign(form.elements.type.value ? `/map?type=${form.elements.type.value}` : "/map");
  });
  const width = 960;
  const height = 500;
  const countries = topojson.feature(world, world.objects.countries);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("id", "map").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img");
  svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  svg.append("g").selectAll("path").data(countries.features).join("path").attr("class", "country").attr("d", path)
    .append("title").text((f) => f.properties.name);
  const details = el("div", { id: "place-details" }, el("p", { class: "hint" }, "Select a point to see its events."));
  const show = (p) => {
    const rows = p.events.map((ev) => el("tr", {}, el("td", {}, ev.type), el("td", { class: "date" }, ev.published || ""),
      el("td", {}, link(ev.place.evidence ? spanHref(ev.article_id, ev.place.evidence) : eventHref(ev.article_id, ev.event_id), ev.place.text || p.name)),
      el("td", {}, link(ev.evidence ? spanHref(ev.article_id, ev.evidence) : eventHref(ev.article_id, ev.event_id), ev.summary || ev.event_id))));
    fill(details, el("h3", {}, `${p.name} (${p.lat}, ${p.lon})`), table(["type", "published", "place (its sentence)", "event (its sentence)"], rows, { id: "place-events" }));
  };
  const at = (p) => projection([p.lon, p.lat]);
  svg.append("g").selectAll("circle").data(data.items).join("circle").attr("class", "place")
    .attr("cx", (p) => at(p)[0]).attr("cy", (p) => at(p)[1])
    .attr("r", (p) => 3 + Math.sqrt(p.events.length) * 2).on("click", (_ev, p) => show(p))
    .append("title").text((p) => `${p.name}: ${p.events.length} events`);
  svg.append("g").selectAll("text").data(data.items).join("text").attr("class", "place-label")
    .attr("x", (p) => at(p)[0] + 5 + Math.sqrt(p.events.length) * 2).attr("y", (p) => at(p)[1] + 4).text((p) => p.name);
  const rows = data.items.map((p) => {
    const row = el("tr", { class: "place-row" }, el("td", {}, p.name), el("td", {}, `${p.lat}, ${p.lon}`),
      el("td", {}, p.country || ""), el("td", { class: "num" }, el("button", { type: "button", class: "linklike" }, `${p.events.length}`)));
    row.querySelector("button").addEventListener("click", () => show(p));
    return row;
  });
  fill(root, el("h1", {}, "Map of event places"), form,
    el("p", { id: "count" }, `${data.items.length} places of ${data.items.reduce((n, p) => n + p.events.length, 0)} event mentions.`),
    el("div", { class: "chart" }, svg.node()), details,
    section("Places", table(["place", "lat, lon", "country", "events (select to list)"], rows, { id: "places" })));
}
