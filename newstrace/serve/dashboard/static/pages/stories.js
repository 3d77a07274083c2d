// Stories: most recent first, or most corroborated first (independent sources, then reports).
import { fill, allPages, badge, el, link, params, select, table } from "../lib.js";

export const SORTS = {
  recent: (a, b) => String(b.last_reported || "").localeCompare(String(a.last_reported || "")),
  corroborated: (a, b) => (b.independent_sources - a.independent_sources) || (b.reports - a.reports)
    || String(b.last_reported || "").localeCompare(String(a.last_reported || "")),
};

export async function renderStories(root) {
  const stories = await allPages("/api/stories?limit=1000");
  let sort = params().get("sort") === "corroborated" ? "corroborated" : "recent";
  const control = select("sort", [["recent", "most recent first"], ["corroborated", "most corroborated first"]], sort, "Sort");
  const holder = el("div");
  const draw = () => {
    const rows = [...stories].sort(SORTS[sort]).map((s) => el("tr", { class: "story-row", "data-id": s.id },
      el("td", {}, link(`/stories/${encodeURIComponent(s.id)}`, s.title)),
      el("td", {}, s.type), el("td", {}, s.status || ""),
      el("td", {}, s.first_reported || ""), el("td", {}, s.last_reported || ""),
      el("td", { class: "num" }, s.reports), el("td", { class: "num" }, s.independent_sources),
      el("td", {}, badge(s.rating || ""))));
    fill(holder, table(["story", "type", "status", "first reported", "last reported", "reports", "independent", "rating"], rows, { id: "stories" }));
  };
  control.querySelector("select").addEventListener("change", (ev) => {
    sort = ev.target.value;
    history.replaceState(null, "", `/?sort=${sort}`);
    draw();
  });
  draw();
  fill(root, el("h1", {}, "Stories"), el("p", {}, `${stories.length} stories.`), el("form", { class: "filters" }, control), holder);
}
