// The dashboard's entry point: reads the page's name from <body data-page> and draws it.
import { clear, el, main } from "./lib.js";
import { renderArticle } from "./pages/article.js";
import { renderEntity } from "./pages/entity.js";
import { renderEvents } from "./pages/events.js";
import { renderMap } from "./pages/map.js";
import { renderNetwork } from "./pages/network.js";
import { renderStories } from "./pages/stories.js";
import { renderStory } from "./pages/story.js";

const PAGES = {
  stories: renderStories,
  story: renderStory,
  events: renderEvents,
  network: renderNetwork,
  map: renderMap,
  entity: renderEntity,
  article: renderArticle,
};

async function start() {
  const page = document.body.dataset.page;
  const key = document.body.dataset.key || "";
  for (const a of document.querySelectorAll("nav a[data-nav]")) {
    if (a.dataset.nav === page) a.classList.add("current");
  }
  const root = main();
  try {
    await PAGES[page](root, key);
    document.body.dataset.ready = "true";
  } catch (err) {
    clear(root).append(el("p", { class: "error", role: "alert" }, String(err.message || err)));
    document.body.dataset.ready = "error";
  }
}

start();
