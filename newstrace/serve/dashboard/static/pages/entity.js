// An entity: its roles (a person's offices), names, and where it appears: the events it takes
// part in, the items that name it (a weapon system's appearances), its mentions and articles.
import { fill, api, el, enc, entityHref, eventHref, link, plural, section, spanHref, table } from "../lib.js";

// The sentence-sized context of [start, end) in `text`, for a mention's line.
function context(text, start, end, width = 60) {
  const from = Math.max(0, start - width);
  const to = Math.min(text.length, end + width);
  return [from > 0 ? "…" : "", text.slice(from, start), el("mark", {}, text.slice(start, end)), text.slice(end, to), to < text.length ? "…" : ""];
}

// Every item of the reports of `articles` whose `system` is the entity: the weapon system's
// appearances, each with the span of the item's text.
function itemRows(key, articles) {
  const rows = [];
  for (const detail of articles) {
    if (!detail) continue;
    const a = detail.article;
    for (const ev of detail.report.events) {
      for (const item of ev.items || []) {
        if (item.system !== key) continue;
        const q = item.quantity || {};
        rows.push(el("tr", { class: "item-row" },
          el("td", { class: "date" }, a.published || ""), el("td", {}, a.outlet_name || ""), el("td", {}, ev.type),
          el("td", {}, link(spanHref(a.id, (item.evidence || [])[0]), item.text, { class: "evidence-link" })),
          el("td", {}, q.value ?? q.word ?? ""), el("td", {}, item.action || ""),
          el("td", {}, link(eventHref(a.id, ev.id), ev.summary || ev.id))));
      }
    }
  }
  return rows;
}

export async function renderEntity(root, key) {
  const data = await api(`/api/entities/${enc(key)}`);
  const e = data.entity;
  const newest = data.articles[0];
  // A weapon system appears in events' items: read every article that names it; otherwise only
  // the newest one, for the text around the mentions.
  const wanted = e.kind === "weapon_system" ? data.articles : data.articles.slice(0, 1);
  const details = await Promise.all(wanted.map((a) => api(`/api/articles/${enc(a.id)}`).catch(() => null)));
  const text = details[0] ? details[0].text : "";
  const roles = (e.roles || []).map((r) => el("tr", {}, el("td", {}, r.title), el("td", {}, r.of || ""), el("td", {}, r.from || ""), el("td", {}, r.to || "now")));
  const mentions = (e.mentions || []).map(([s, t]) => el("li", { class: "mention" },
    link(spanHref(newest.id, { start: s, end: t }), `characters ${s}–${t}`, { class: "evidence-link" }), ": ", text ? context(text, s, t) : ""));
  const events = data.events.map(({ role, event }) => el("tr", { class: "event-row" },
    el("td", {}, role), el("td", {}, event.type), el("td", { class: "date" }, event.when.start || ""),
    el("td", {}, link(eventHref(event.article_id, event.event_id), event.summary || event.event_id)),
    el("td", {}, event.article.outlet || "")));
  const items = e.kind === "weapon_system" ? itemRows(key, details) : [];
  const articles = data.articles.map((a) => el("li", {}, link(`/articles/${enc(a.id)}`, a.title || a.id), ` — ${a.outlet || ""}, ${a.published || "undated"}`));
  const meta = [e.kind || "", e.country ? e.country : "", e.wikidata ? `Wikidata ${e.wikidata}` : "", `id ${key}`].filter(Boolean).join(" · ");
  fill(root,
    el("h1", { id: "entity-name" }, e.name || key),
    el("p", { class: "meta" }, meta),
    el("p", {}, "Also named: ", data.names.join(", ")),
    roles.length ? section("Roles", table(["title", "of", "from", "to"], roles, { id: "roles" })) : null,
    e.kind === "weapon_system"
      ? section(`Appearances: ${plural(items.length, "item")} in events`, items.length
        ? table(["published", "outlet", "event", "item (its words)", "quantity", "action", "event summary"], items, { id: "entity-items" })
        : el("p", { class: "hint" }, "No event names it as an item."))
      : null,
    section(`Takes part in ${plural(data.events.length, "event")}`, data.events.length
      ? table(["role", "type", "date", "summary (its sentence)", "outlet"], events, { id: "entity-events" })
      : el("p", { class: "hint" }, "No event has it as an actor, a recipient or an intermediary.")),
    newest && mentions.length ? section(`Mentions in “${newest.title || newest.id}”`, el("ul", {}, mentions)) : null,
    section(plural(data.articles.length, "article"), el("ul", {}, articles)));
}
