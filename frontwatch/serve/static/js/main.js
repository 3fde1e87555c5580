// Wire the page: filters and timeline brush drive the map; a marker opens its event; a figure opens its document.

import { getJSON, queryString } from "./api.js";
import { EventMap } from "./map.js";
import { renderDocument, renderEvent, renderUnlocated } from "./panel.js";
import { renderReview } from "./review.js";
import { Timeline } from "./timeline.js";

const PAGE = 1000;
// The map draws at most this many events; past it the status line says so and filters narrow the view.
const MAX_MAP_EVENTS = 20000;
const UNLOCATED_SHOWN = 50;
// The page asks the store for its write generation this often, and reloads when it changed (new events,
// reviews). "?poll=MS" in the page's address changes it (at least 250 ms).
const POLL_MS = Math.max(250, Number(new URLSearchParams(window.location.search).get("poll")) || 15000);
const NOT_REJECTED = "machine,confirmed,corrected";

const state = { filters: {}, dates: { date_from: null, date_to: null }, loadId: 0, generation: null, showRejected: false, selected: null };
const $ = (id) => document.getElementById(id);

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function setStatus(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function readFilters() {
  const form = new FormData($("filters"));
  const filters = {};
  for (const [name, value] of form.entries()) if (String(value).trim()) filters[name] = String(value).trim();
  return filters;
}

function updateExportLinks(params) {
  for (const fmt of ["jsonl", "csv", "geojson"]) $(`export-${fmt}`).href = `/api/export.${fmt}${queryString(params)}`;
}

// Rejected events are hidden unless the "rejected" switch is on.
function reviewFilter() {
  return state.showRejected ? {} : { review_status: NOT_REJECTED };
}

async function loadEvents({ fit = false } = {}) {
  const loadId = ++state.loadId;
  const params = { ...state.filters, ...state.dates, ...reviewFilter() };
  updateExportLinks(params);
  setStatus("Loading events…");
  const events = [];
  let total = 0;
  try {
    for (let offset = 0; offset < MAX_MAP_EVENTS; offset += PAGE) {
      const page = await getJSON("/api/events", { ...params, view: "summary", limit: PAGE, offset, sort: "-fatalities" });
      if (loadId !== state.loadId) return;  // a newer load superseded this one
      total = page.total;
      events.push(...page.items);
      if (events.length >= total || page.items.length < PAGE) break;
    }
  } catch (e) {
    setStatus(`Could not load events: ${e.message}`, true);
    return;
  }
  const placed = app.map.setEvents(events, { fit });
  const unlocated = events.filter((e) => e.latitude === null || e.longitude === null);
  // The list of unlocated events lives in the panel until an event is opened there.
  if ($("unlocated")) renderUnlocated($("unlocated"), unlocated.slice(0, UNLOCATED_SHOWN), selectEvent);
  const capped = total > events.length ? ` (showing the ${events.length} deadliest)` : "";
  setStatus(`${plural(total, "event")}${capped}; ${placed} on the map, ${unlocated.length} without coordinates.`);
  document.body.dataset.loaded = "events";
}

async function loadTimeline() {
  try {
    app.timeline.setData(await getJSON("/api/timeline", { ...state.filters, ...reviewFilter() }));
  } catch (e) {
    setStatus(`Could not load the timeline: ${e.message}`, true);
  }
}

async function selectEvent(eventId, note = "") {
  state.selected = eventId;
  app.map.highlight(eventId);
  history.replaceState(null, "", `#event=${encodeURIComponent(eventId)}`);
  $("doc-view").hidden = true;
  $("event-view").hidden = false;
  try {
    const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
    renderEvent($("event-view"), event, openDocument);
    await renderReview($("event-view"), event, onReviewed, note);
  } catch (e) {
    setStatus(`Could not load the event: ${e.message}`, true);
  }
}

// After an analyst's write: the map and timeline reload, and the panel shows the event as it is now (a merge or
// split may have given it another id).
async function onReviewed(eventId, note) {
  await Promise.all([loadEvents(), loadTimeline()]);
  await selectEvent(eventId, note);
  document.body.dataset.reviewed = eventId;
}

// Live page: reload when the store's write generation changes (a watcher stored events, an analyst reviewed).
async function checkChanges() {
  try {
    const { generation } = await getJSON("/api/changes");
    const changed = state.generation !== null && generation !== state.generation;
    state.generation = generation;
    if (changed) await Promise.all([loadEvents(), loadTimeline()]);
    document.body.dataset.generation = String(generation);
  } catch (e) {
    // the next poll tries again; the status line keeps the last good state
  }
}

async function openDocument(target) {
  const params = { event_id: target.event_id };
  if (target.start !== undefined && target.end !== undefined) Object.assign(params, { start: target.start, end: target.end });
  try {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(target.doc_id)}`, params);
    $("event-view").hidden = true;
    renderDocument($("doc-view"), doc, () => {
      $("doc-view").hidden = true;
      $("event-view").hidden = false;
    });
  } catch (e) {
    setStatus(`Could not load the document: ${e.message}`, true);
  }
}

function onBrush(from, to) {
  state.dates = { date_from: from, date_to: to };
  $("brush-label").textContent = from ? `${from} → ${to}` : "";
  $("brush-clear").hidden = !from;
  loadEvents();
}

async function loadTypes() {
  const select = $("f-type");
  try {
    const taxonomy = await getJSON("/api/taxonomy");
    for (const type of [...new Set(taxonomy.types.map((t) => t.event_type))]) {
      const option = document.createElement("option");
      option.value = type;
      option.textContent = type;
      select.append(option);
    }
  } catch (e) {
    setStatus(`Could not load the event types: ${e.message}`, true);
  }
}

// A link to "#event=ID" opens that event, so an analyst can share what they are looking at.
function selectFromHash() {
  const match = /^#event=(.+)$/.exec(window.location.hash);
  if (match) selectEvent(decodeURIComponent(match[1]));
}

const app = {};

function start() {
  app.map = new EventMap($("map"), { onSelect: selectEvent });
  app.timeline = new Timeline($("timeline"), { onBrush });
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    state.filters = readFilters();
    loadTimeline();
    loadEvents({ fit: true });
  });
  $("filters").addEventListener("reset", () => {
    state.filters = {};
    setTimeout(() => {
      loadTimeline();
      loadEvents({ fit: true });
    });
  });
  $("brush-clear").addEventListener("click", () => {
    app.timeline.setBrush(null, null);
    onBrush(null, null);
  });
  $("online-tiles").addEventListener("change", (e) => app.map.setOnlineTiles(e.target.checked));
  $("show-rejected").addEventListener("change", (e) => {
    state.showRejected = e.target.checked;
    loadTimeline();
    loadEvents();
  });
  app.map.loadBasemap().catch((e) => setStatus(`Basemap not loaded: ${e.message}`, true));
  loadTypes();
  loadTimeline();
  loadEvents({ fit: true });
  window.addEventListener("hashchange", selectFromHash);
  selectFromHash();
  checkChanges();
  window.setInterval(checkChanges, POLL_MS);
}

start();
