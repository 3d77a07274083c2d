// An entity: its roles (a person's offices), names, and where it appears (articles, events).
import { fill, api, el, enc, entityHref, eventHref, link, section, spanHref, table } from "../lib.js";

export async function renderEntity(root, key) {
  const data = await api(`/api/entities/${enc(key)}`);
  const e = data.entity;
  const roles = (e.roles || []).map((r) => el("tr", {}, el("td", {}, r.title), el("td", {}, r.of || ""), el("td", {}, r.from || ""), el("td", {}, r.to || "now")));
  const newest = data.articles[0];
  const mentions = (e.mentions || []).map(([s, t]) => el("li", {}, link(spanHref(newest.id, { start: s, end: t }), `characters ${s}–${t}`)));
  const events = data.events.map(({ role, event }) => el("tr", { class: "event-row" },
    el("td", {}, role), el("td", {}, event.type), el("td", { class: "date" }, event.when.start || ""),
    el("td", {}, link(eventHref(event.article_id, event.event_id), event.summary || event.event_id)),
    el("td", {}, event.article.outlet || "")));
  const articles = data.articles.map((a) => el("li", {}, link(`/articles/${enc(a.id)}`, a.title || a.id), ` — ${a.outlet || ""}, ${a.published || ""}`));
  fill(root, 
    el("h1", { id: "entity-name" }, e.name || key),
    el("p", { class: "meta" }, `${e.kind || ""}${e.country ? ` · ${e.country}` : ""}${e.wikidata ? ` · Wikidata ${e.wikidata}` : ""} · id ${key}`),
    el("p", {}, "Also named: ", data.names.join(", ")),
    roles.length ? section("Roles", table(["title", "of", "from", "to"], roles, { id: "roles" })) : null,
    section(`Appearances: ${data.events.length} events`, table(["role", "type", "date", "summary (its sentence)", "outlet"], events, { id: "entity-events" })),
    newest && mentions.length ? section(`Mentions in “${newest.title || newest.id}”`, el("ul", {}, mentions)) : null,
    section(`${data.articles.length} articles`, el("ul", {}, articles)));
}
