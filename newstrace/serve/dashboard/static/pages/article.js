// An article's text, with the span of ?start=&end= (or of ?event=) highlighted in its sentence.
import { fill, api, el, entityHref, enc, link, params, section, spanHref, table } from "../lib.js";

// Abbreviations whose full stop does not end a sentence ("U.S.", "Gen.", "Sept.").
const ABBREVIATION = /(?:\b\p{Lu}\.(?:\p{Lu}\.)*|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Rep|Sen|Gov|Pres|Prof|No|vs|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|Jr|Sr)\.)$/u;

// Whether the sentence ends at text[i]: a line break, or ".", "!" or "?" (after closing quotes
// or brackets) followed by a space and a capital, a digit or an opening quote, or by the end.
export function endsSentence(text, i) {
  if (text[i] === "\n") return true;
  if (!/[.!?]/.test(text[i])) return false;
  let j = i + 1;
  while (j < text.length && /["'\u201d\u2019)\]]/.test(text[j])) j += 1;
  if (j >= text.length) return true;
  if (!/\s/.test(text[j])) return false;
  while (j < text.length && /[ \t]/.test(text[j])) j += 1;
  if (j >= text.length || text[j] === "\n") return true;
  if (!/[\p{Lu}\p{N}"'\u201c\u2018(]/u.test(text[j])) return false;
  return !(text[i] === "." && ABBREVIATION.test(text.slice(Math.max(0, i - 12), i + 1)));
}

// The sentence around [start, end): from the end of the previous sentence to the end of this one.
export function sentenceAround(text, start, end) {
  let s = start;
  while (s > 0 && !endsSentence(text, s - 1)) s -= 1;
  // Past the closing quotes of the sentence before and the spaces (an opening quote stays).
  while (s < start && (/[\s\u201d\u2019)\]]/.test(text[s]) || (/["']/.test(text[s]) && /\s/.test(text[s + 1] || "")))) s += 1;
  let e = Math.max(start, end - 1);
  while (e < text.length && !endsSentence(text, e)) e += 1;
  if (e < text.length && text[e] !== "\n") e += 1;
  while (e < text.length && /["'\u201d\u2019)\]]/.test(text[e])) e += 1;
  return [s, Math.max(e, end)];
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
  fill(root,
    el("h1", { id: "article-title" }, a.title || "(untitled)"),
    el("p", { class: "meta" }, `${a.outlet_name || "unknown outlet"} · ${a.published || "undated"}`, a.url ? ` · ${a.url}` : ""),
    valid ? el("p", { class: "hint" }, `Highlighted: characters ${start}–${end}.`) : null,
    body,
    section("Events in this article", table(["type", "status", "factuality", "summary (its evidence)", "participants"], events)));
  const mark = document.getElementById("highlight");
  if (mark) mark.scrollIntoView({ block: "center" });
}
