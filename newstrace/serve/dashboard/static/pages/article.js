// An article's text, with the span of ?start=&end= (or of ?event=) highlighted in its sentence.
import { api, clear, el, entityHref, enc, link, params, section, spanHref, table } from "../lib.js";

// The sentence around [start, end): back to the previous sentence end or line break.
export function sentenceAround(text, start, end) {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1])) s -= 1;
  while (s < start && /\s/.test(text[s])) s += 1;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e])) e += 1;
  if (e < text.length && text[e] !== "\n") e += 1;
  return [s, e];
}

export async function renderArticle(root, key) {
  const data = await api(`/api/articles/${enc(key)}`);
  const text = data.text;
  const report = data.report;
  const q = params();
  let start = Number.parseInt(q.get("start"), 10);
  let end = Number.parseInt(q.get("end"), 10);
  const eventId = q.get("event");
  if (eventId && Number.isNaN(start)) {
    const event = report.events.find((e) => e.id === eventId);
    const ev = event && event.evidence && event.evidence[0];
    if (ev) { start = ev.start; end = ev.end; }
  }
  const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length;
  const body = el("div", { id: "article-text", class: "article-text" });
  if (valid) {
    const [s, e] = sentenceAround(text, start, end);
    body.append(text.slice(0, s),
      el("span", { class: "sentence", id: "sentence" }, text.slice(s, start),
        el("mark", { id: "highlight" }, text.slice(start, end)), text.slice(end, e)),
      text.slice(e));
  } else {
    body.append(text);
  }
  const a = data.article;
  const entities = Object.fromEntries(report.entities.map((x) => [x.id, x]));
  const events = report.events.map((ev) => el("tr", {},
    el("td", {}, ev.type), el("td", {}, ev.status || ""), el("td", {}, ev.factuality || ""),
    el("td", {}, link(spanHref(key, ev.evidence[0]), ev.summary || ev.id)),
    el("td", {}, [...ev.actors, ...ev.recipients].map((id) => [link(entityHref(id), (entities[id] || {}).name || id), " "]))));
  clear(root).append(
    el("h1", { id: "article-title" }, a.title || "(untitled)"),
    el("p", { class: "meta" }, `${a.outlet_name || "unknown outlet"} · ${a.published || "undated"}`, a.url ? ` · ${a.url}` : ""),
    valid ? el("p", { class: "hint" }, `Highlighted: characters ${start}–${end}.`) : null,
    body,
    section("Events in this article", table(["type", "status", "factuality", "summary (its evidence)", "participants"], events)));
  const mark = document.getElementById("highlight");
  if (mark) mark.scrollIntoView({ block: "center" });
}
