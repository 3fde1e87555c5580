// The side panel: the selected event's claims grouped by kind and claimant, its sources and evidence,
// and a document reader that highlights spans. Every string from the API goes in as a text node.

import { el, safeHref } from "./api.js";
import { typeColor } from "./colors.js";

const KIND_LABELS = {
  killed: "Killed",
  wounded: "Wounded",
  captured: "Captured",
  missing: "Missing",
  displaced: "Displaced",
  equipment_destroyed: "Equipment destroyed",
  equipment_captured: "Equipment captured",
  territory_km2: "Territory (km²)",
};

function kindLabel(kind) {
  return KIND_LABELS[kind] || kind.replace(/_/g, " ");
}

function docLink(text, target, onOpen, title) {
  const button = el("button", { type: "button", class: "linklike", title }, text);
  button.dataset.docId = target.doc_id;
  button.addEventListener("click", () => onOpen(target));
  return button;
}

function meta(rows) {
  const list = el("dl", { class: "meta" });
  for (const [name, value] of rows) {
    if (value === null || value === undefined || value === "") continue;
    list.append(el("dt", {}, name), el("dd", {}, value));
  }
  return list;
}

function fatalityRange(event) {
  const parts = [String(event.fatalities)];
  if (event.fatalities_low !== null && event.fatalities_high !== null && event.fatalities_high !== event.fatalities_low) {
    parts.push(`(range ${event.fatalities_low}–${event.fatalities_high}, best ${event.fatalities_best})`);
  }
  return parts.join(" ");
}

function claimsSection(event, onOpen) {
  const box = el("div", { class: "claims" }, el("h3", {}, "Claims"));
  if (!event.claim_groups.length) {
    box.append(el("p", { class: "hint" }, "No figure was reported for this event."));
    return box;
  }
  for (const group of event.claim_groups) {
    const kind = el("div", { class: "kind" }, el("div", { class: "kind-name" }, kindLabel(group.kind)));
    for (const claimant of group.claimants) {
      const line = el("div", { class: "claimant" });
      claimant.claims.forEach((claim, i) => {
        if (i > 0) line.append(" + ");
        const title = `${claim.qualifier.replace(/_/g, " ")} ${claim.value}${claim.subject ? " " + claim.subject : ""} — "${claim.evidence.text}"`;
        const link = docLink(claim.figure, { doc_id: claim.doc_id, start: claim.evidence.start, end: claim.evidence.end, event_id: event.event_id }, onOpen, title);
        link.classList.add("figure");
        line.append(link);
        if (claim.subject) line.append(el("span", { class: "relation" }, ` ${claim.subject}`));
      });
      line.append(", ", el("span", { class: "who" }, claimant.label));
      if (claimant.outlet) line.append(el("span", { class: "relation" }, " (the outlet itself)"));
      else if (claimant.relation) line.append(el("span", { class: "relation" }, ` (${claimant.relation.replace(/_/g, " ")})`));
      kind.append(line);
    }
    kind.append(el("div", { class: "summary" }, group.summary));
    box.append(kind);
  }
  return box;
}

function sourcesSection(event, onOpen) {
  const list = el("ul", { class: "sources" });
  for (const source of event.sources) {
    const href = safeHref(source.url);
    const item = el("li", {}, docLink(source.publisher || source.doc_id, { doc_id: source.doc_id, event_id: event.event_id }, onOpen, "Read the document"));
    if (source.published) item.append(` · ${source.published}`);
    if (href) item.append(" · ", el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, "original"));
    else if (source.url) item.append(" · ", el("span", { class: "relation" }, `unsafe link not shown: ${source.url}`));
    list.append(item);
  }
  return el("div", {}, el("h3", {}, "Sources"), list);
}

function evidenceSection(event, onOpen) {
  const list = el("ul", { class: "evidence" });
  for (const evidence of event.evidence) {
    list.append(el("li", {}, docLink(`“${evidence.text}”`, { ...evidence, event_id: event.event_id }, onOpen, "Show in the document")));
  }
  return el("div", {}, el("h3", {}, "Evidence"), list);
}

export function renderEvent(container, event, onOpen) {
  const swatch = el("span", { class: "swatch" });
  swatch.style.background = typeColor(event.event_type);
  const title = el("h2", { id: "event-title" }, swatch, `${event.event_type} — ${event.sub_event_type}`);
  const place = [...new Set([event.location, event.admin1, event.country].filter(Boolean))].join(", ");
  const actors = [event.actor1, ...event.assoc_actor_1].filter(Boolean).join(", ");
  const against = [event.actor2, ...event.assoc_actor_2].filter(Boolean).join(", ");
  container.replaceChildren(
    title,
    meta([
      ["Date", event.event_date || "unknown"],
      ["Place", place || "unlocated"],
      ["Actor 1", actors],
      ["Actor 2", against],
      ["Fatalities", fatalityRange(event)],
      ["Notes", event.notes],
    ]),
    claimsSection(event, onOpen),
    sourcesSection(event, onOpen),
    evidenceSection(event, onOpen),
  );
}

// Cut the text at every span boundary; each piece is a text node, wrapped in <mark>s for the spans covering it.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const box = el("div", { class: "doc-text" });
  let focusNode = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = document.createTextNode(text.slice(a, b));
    const covering = spans.filter((s) => s.start <= a && b <= s.end);
    if (!covering.length) {
      box.append(piece);
      continue;
    }
    const mark = el("mark", { class: [...new Set(covering.map((s) => s.role))].join(" ") });
    const label = covering.map((s) => s.label).filter(Boolean).join("; ");
    if (label) mark.title = label;
    mark.append(piece);
    box.append(mark);
    if (!focusNode && covering.some((s) => s.role === "focus")) focusNode = mark;
  }
  return { box, focusNode };
}

export function renderDocument(container, doc, onClose) {
  const spans = doc.spans.slice();
  if (doc.focus) {
    spans.push({ start: doc.focus.sentence_start, end: doc.focus.sentence_end, role: "sentence" });
    spans.push({ start: doc.focus.start, end: doc.focus.end, role: "focus" });
  }
  const close = el("button", { type: "button", id: "doc-close" }, "← back to the event");
  close.addEventListener("click", onClose);
  const href = safeHref(doc.url);
  const { box, focusNode } = highlighted(doc.text, spans);
  container.replaceChildren(
    close,
    el("h2", { id: "doc-title" }, doc.title || doc.doc_id),
    meta([
      ["Document", doc.doc_id],
      ["Publisher", doc.publisher],
      ["Published", doc.published],
      ["Language", doc.language],
    ]),
    href ? el("p", {}, el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, "Open the original")) : (doc.url ? el("p", { class: "relation" }, `Link not shown (not http/https): ${doc.url}`) : null),
    box,
  );
  container.hidden = false;
  if (focusNode) focusNode.scrollIntoView({ block: "center" });
  return focusNode;
}

export function renderUnlocated(container, events, onSelect) {
  if (!events.length) {
    container.replaceChildren();
    return;
  }
  const list = el("ul", { class: "unlocated" });
  for (const event of events) {
    const button = el("button", { type: "button", class: "linklike" }, `${event.event_date || "undated"} · ${event.sub_event_type}${event.country ? " · " + event.country : ""}`);
    button.addEventListener("click", () => onSelect(event.event_id));
    list.append(el("li", {}, button));
  }
  container.replaceChildren(el("h3", {}, `Not on the map (no coordinates): ${events.length}`), list);
}
