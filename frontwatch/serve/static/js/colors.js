// Colours of the ACLED event types, shared by the markers, the legend and the timeline.

export const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
export const OTHER_COLOR = "#34495e";

export function typeColor(eventType) {
  return TYPE_COLORS[eventType] || OTHER_COLOR;
}

// A CSS class name for a type, so tests and styles can find markers by type.
export function typeClass(eventType) {
  return "fw-type-" + String(eventType || "other").toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
