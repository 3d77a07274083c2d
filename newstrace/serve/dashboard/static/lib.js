// Shared helpers of the dashboard. Every text from the API is put in the page as text
// (textContent, d3 .text()), never as HTML; links go only to paths of this server.

export const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
export const STATUSES = ["requested", "offered", "agreed", "ordered", "delivered", "cancelled", "denied"];
export const FACTUALITY = ["asserted", "reported", "unconfirmed", "denied", "hypothetical", "future"];

// A same-origin path, or null: "/x" yes; "//host", "javascript:", "http://..." no.
export function safePath(href) {
  if (typeof href !== "string" || !href.startsWith("/") || href.startsWith("//")) return null;
  if (href.includes("\\")) return null;
  return href;
}

// el("td", {class: "x"}, "text", node, [nodes], ...): children are flattened (arrays at any depth)
// and those that are not nodes become text nodes.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "href") {
      const path = safePath(value);
      if (path) node.setAttribute("href", path);
    } else if (key.startsWith("on")) {
      throw new Error("el(): no event handler attributes");
    } else {
      node.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A link to a path of this server; anything else is shown as plain text.
export function link(href, text, attrs = {}) {
  const path = safePath(href);
  const label = text === null || text === undefined || text === "" ? "—" : String(text);
  if (!path) return el("span", attrs, label);
  return el("a", { ...attrs, href: path }, label);
}

export function enc(value) {
  return encodeURIComponent(String(value));
}

// The article page, with the span [start, end) highlighted.
export function spanHref(articleId, span) {
  const base = `/articles/${enc(articleId)}`;
  if (!span || span.start === undefined || span.end === undefined) return base;
  return `${base}?start=${Number(span.start)}&end=${Number(span.end)}`;
}

// The article page with an event's first evidence span highlighted (resolved there).
export function eventHref(articleId, eventId) {
  return `/articles/${enc(articleId)}?event=${enc(eventId)}`;
}

export function entityHref(entityId) {
  return `/entities/${enc(entityId)}`;
}

export class ApiError extends Error {}

export async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    throw new ApiError(`${path}: the server answered ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const message = body && body.error ? `${body.error.code}: ${body.error.message}` : response.status;
    throw new ApiError(`${path}: ${message}`);
  }
  return body;
}

// Every item of a paged list, following `next` (at most `max` items).
export async function allPages(path, max = 5000) {
  const items = [];
  let url = path;
  while (url && items.length < max) {
    const page = await api(url);
    items.push(...page.items);
    url = page.next;
  }
  return items;
}

export function main() {
  return document.getElementById("main");
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// Replace the children of `node` by `children` (flattened as in el(); null, undefined and
// false are left out, where DOM append() would write them as the text "null").
export function fill(node, ...children) {
  clear(node);
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A value of the API as a short text: a date range {start, end} as "start – end", money
// {amount, currency} as "USD 5,400,000,000", other objects as JSON.
export function show(value) {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  if ("amount" in value && "currency" in value) {
    const amount = typeof value.amount === "number" ? value.amount.toLocaleString("en-US") : value.amount;
    return `${value.currency || ""} ${amount ?? "?"}`.trim();
  }
  if ("start" in value || "end" in value) {
    const { start, end } = value;
    return start === end || !end ? String(start || "") : `${start || "?"} – ${end}`;
  }
  return JSON.stringify(value);
}

export function section(title, ...children) {
  return el("section", {}, el("h2", {}, title), ...children);
}

export function table(headers, rows, attrs = {}) {
  return el("table", attrs,
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
}

export function badge(text, kind = "") {
  return el("span", { class: `badge ${kind}`.trim() }, text);
}

export function params() {
  return new URLSearchParams(window.location.search);
}

export function select(name, options, value, label) {
  const node = el("select", { name, id: `f-${name}` },
    options.map(([v, text]) => el("option", { value: v, selected: v === value ? "selected" : null }, text)));
  return el("label", {}, label, " ", node);
}

export function input(name, value, label, type = "text", extra = {}) {
  return el("label", {}, label, " ", el("input", { name, id: `f-${name}`, type, value: value || "", ...extra }));
}

// The entity id's short name: "country:VEN" -> "VEN".
export function shortId(id) {
  const text = String(id);
  const at = text.indexOf(":");
  return at >= 0 ? text.slice(at + 1) : text;
}

// "1 report", "2 reports" (or the plural given: "2 echoes").
export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}
