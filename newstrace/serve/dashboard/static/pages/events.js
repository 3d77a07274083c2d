// Events with the filters of GET /api/events; the filters live in the page's query string.
import { fill, FACTUALITY, PLOVER, STATUSES, api, el, entityHref, eventHref, input, link, params, select, shortId, table } from "../lib.js";

const FILTERS = ["type", "mode", "actor", "country", "status", "factuality", "since", "until", "q"];

export async function renderEvents(root) {
  const q = params();
  const limit = Number.parseInt(q.get("limit"), 10) || 50;
  const offset = Number.parseInt(q.get("offset"), 10) || 0;
  const form = el("form", { class: "filters", id: "filters" },
    select("type", [["", "any type"], ...PLOVER.map((t) => [t, t])], q.get("type") || "", "Type"),
    input("mode", q.get("mode"), "Mode"),
    input("actor", q.get("actor"), "Actor id", "text", { placeholder: "country:VEN" }),
    input("country", q.get("country"), "Country", "text", { placeholder: "VEN", size: 4 }),
    select("status", [["", "any status"], ...STATUSES.map((t) => [t, t])], q.get("status") || "", "Status"),
    select("factuality", [["", "any"], ...FACTUALITY.map((t) => [t, t])], q.get("factuality") || "", "Factuality"),
    input("since", q.get("since"), "Since", "date"), input("until", q.get("until"), "Until", "date"),
    input("q", q.get("q"), "Text"),
    select("limit", [["25", "25"], ["50", "50"], ["100", "100"]], String(limit), "Per page"),
    el("button", { type: "submit", id: "apply" }, "Apply"));
  const query = new URLSearchParams();
  for (const name of FILTERS) if (q.get(name)) query.set(name, q.get(name));
  query.set("limit", String(limit));
  query.set("offset", String(offset));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const name of [...FILTERS, "limit"]) {
      const value = form.elements[name].value.trim();
      if (value) next.set(name, value);
    }
    window.location.assign(`/events?${next}`);
  });
  const page = await api(`/api/events?${query}`);
  const rows = page.items.map((e) => el("tr", { class: "event-row", "data-type": e.type, "data-status": e.status || "", "data-article": e.article_id, "data-event": e.event_id },
    el("td", { class: "date" }, e.when.start || ""), el("td", { class: "type" }, e.type), el("td", {}, e.mode || ""),
    el("td", { class: "status" }, e.status || ""), el("td", { class: "factuality" }, e.factuality),
    el("td", {}, link(eventHref(e.article_id, e.event_id), e.summary || e.event_id)),
    el("td", {}, e.actors.map((id) => [link(entityHref(id), shortId(id)), " "])),
    el("td", {}, e.recipients.map((id) => [link(entityHref(id), shortId(id)), " "])),
    el("td", {}, link(`/articles/${encodeURIComponent(e.article_id)}`, e.article.title || e.article_id), el("div", { class: "meta" }, e.article.outlet || ""))));
  const pager = el("p", { class: "pager" });
  const move = (to) => { const next = new URLSearchParams(query); next.set("offset", String(to)); return `/events?${next}`; };
  if (offset > 0) pager.append(link(move(Math.max(0, offset - limit)), "← previous", { id: "prev" }), " ");
  if (page.next) pager.append(link(move(offset + limit), "next →", { id: "next" }));
  fill(root, el("h1", {}, "Events"), form,
    el("p", { id: "count" }, `${page.items.length} events on this page (from ${offset + 1}).`),
    table(["date", "type", "mode", "status", "factuality", "summary (its sentence)", "actors", "recipients", "article"], rows, { id: "events" }),
    pager);
}
