// The review section of the event panel: status, confirm, reject with a reason, the place picked among the
// gazetteer's candidates, and the audit log. Every string from the API goes in as a text node (reasons included).

import { el, getJSON, postJSON } from "./api.js";

const STATUS_LABELS = {
  machine: "machine (not reviewed)",
  confirmed: "confirmed",
  corrected: "corrected",
  rejected: "rejected",
};

function shown(value) {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function auditList(rows) {
  const list = el("ul", { class: "audit", id: "review-audit" });
  if (!rows.length) list.append(el("li", { class: "hint" }, "No change yet."));
  for (const row of rows) {
    const when = row.at.replace("T", " ").slice(0, 16);
    const item = el("li", {}, `${when} · ${row.analyst} · ${row.action}`);
    if (row.field) item.append(` ${row.field}: ${shown(row.before)} → ${shown(row.after)}`);
    if (row.reason) item.append(el("span", { class: "reason" }, ` — ${row.reason}`));
    list.append(item);
  }
  return list;
}

// Render the review section for an event into ``container``; ``onChanged(eventId, note)`` runs after a write and
// renders the section again, showing ``note`` (what was saved) in its message line.
export async function renderReview(container, event, onChanged, note = "") {
  const id = encodeURIComponent(event.event_id);
  const message = el("p", { id: "review-message", class: "hint", "aria-live": "polite" }, note);
  const say = (text, isError = false) => {
    message.textContent = text;
    message.classList.toggle("error", isError);
  };
  const act = async (path, body, done) => {
    say("Saving…");
    try {
      const reply = await postJSON(`/api/events/${id}/${path}`, body);
      say(done);
      onChanged(reply.event_id || event.event_id, done);
    } catch (e) {
      say(`Not saved: ${e.message}`, true);
    }
  };

  const reason = el("input", { id: "review-reason", type: "text", size: "24", maxlength: "2000", placeholder: "reason (required to reject)" });
  const confirm = el("button", { type: "button", id: "review-confirm" }, "Confirm");
  confirm.addEventListener("click", () => act("confirm", { reason: reason.value.trim() || null }, "Confirmed."));
  const reject = el("button", { type: "button", id: "review-reject" }, "Reject");
  reject.addEventListener("click", () => {
    if (!reason.value.trim()) return say("Give a reason to reject the event.", true);
    act("reject", { reason: reason.value.trim() }, "Rejected.");
  });

  const placeName = el("input", { id: "review-place-name", type: "search", size: "18", maxlength: "200", placeholder: "place name" });
  const candidates = el("ul", { id: "review-candidates", class: "candidates" });
  const placeForm = el("form", { id: "review-place" }, placeName, " ", el("button", { type: "submit" }, "Find place"));
  placeForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = placeName.value.trim();
    if (!q) return;
    try {
      const found = await getJSON("/api/places", { q, limit: 12 });
      candidates.replaceChildren();
      if (!found.items.length) say(`No gazetteer entry for “${q}”.`, true);
      for (const c of found.items) {
        const label = `${c.name}${c.admin1 ? ", " + c.admin1 : ""}${c.country ? ", " + c.country : ""} (${c.feature_code || "place"}, pop. ${c.population})`;
        const pick = el("button", { type: "button", class: "linklike candidate" }, label);
        pick.dataset.geonameid = String(c.geonameid);
        pick.addEventListener("click", () =>
          act("correct", { changes: { place: { geonameid: c.geonameid, name: c.name } }, reason: reason.value.trim() || null }, `Place set to ${c.name}.`),
        );
        candidates.append(el("li", {}, pick));
      }
    } catch (err) {
      say(`Could not search the gazetteer: ${err.message}`, true);
    }
  });

  const status = (event.review_status || "machine");
  const box = el(
    "section",
    { id: "review", class: `review review-${status}` },
    el("h3", {}, "Review"),
    el("p", { id: "review-status" }, `Status: ${STATUS_LABELS[status] || status}`),
    el("div", { class: "review-actions" }, confirm, " ", reason, " ", reject),
    el("div", { class: "review-place" }, el("span", { class: "hint" }, "Correct the place: "), placeForm),
    candidates,
    message,
    el("h3", {}, "Audit log"),
  );
  box.dataset.eventId = event.event_id;
  container.append(box);
  try {
    const audit = await getJSON(`/api/events/${id}/audit`);
    box.append(auditList(audit.audit));
  } catch (e) {
    box.append(el("p", { class: "hint" }, `Audit log not loaded: ${e.message}`));
  }
  return box;
}
