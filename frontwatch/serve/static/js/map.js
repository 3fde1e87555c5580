// The map: offline basemap of country and province borders and place names, optional OSM tiles, clustered event markers.

import { el } from "./api.js";
import { TYPE_COLORS, OTHER_COLOR, typeClass, typeColor } from "./colors.js";
import { PlaceLabels } from "./labels.js";

const OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION = "© OpenStreetMap contributors";
// Province borders only help once a theatre fills the screen; below this zoom they are noise.
const ADMIN1_MIN_ZOOM = 5;

// Marker radius in pixels: grows with the square root of fatalities so a 300-death battle does not hide a town.
export function markerRadius(fatalities) {
  const n = Math.max(0, Number(fatalities) || 0);
  return Math.min(28, 5 + 2.2 * Math.sqrt(n));
}

export class EventMap {
  constructor(element, { onSelect }) {
    this.onSelect = onSelect;
    this.map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([30, 30], 3);
    this.map.attributionControl.addAttribution("Borders: Natural Earth");
    this.tiles = L.tileLayer(OSM_URL, { attribution: OSM_ATTRIBUTION, maxZoom: 18 });
    this.countries = null;
    this.admin1 = null;
    this.labels = null;
    this.cluster = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true, showCoverageOnHover: false });
    this.map.addLayer(this.cluster);
    this.markers = new Map();
    this.selected = null;
    this.addLegend();
    this.map.on("zoomend", () => this.updateAdmin1());
    this.map.on("zoomend", () => { element.dataset.zoom = String(this.map.getZoom()); });
    element.dataset.zoom = String(this.map.getZoom());
  }

  async loadBasemap() {
    const [countries, admin1, labels] = await Promise.all([
      fetch("/basemap/countries.geojson").then((r) => r.json()),
      fetch("/basemap/admin1.geojson").then((r) => r.json()),
      fetch("/basemap/labels.json").then((r) => r.json()),
    ]);
    this.countries = L.geoJSON(countries, { className: "basemap-country", interactive: false }).addTo(this.map);
    this.countries.bringToBack();
    this.admin1 = L.geoJSON(admin1, { className: "basemap-admin1", interactive: false });
    this.updateAdmin1();
    this.labels = new PlaceLabels(this.map, labels);
  }

  updateAdmin1() {
    if (!this.admin1) return;
    const show = this.map.getZoom() >= ADMIN1_MIN_ZOOM;
    if (show && !this.map.hasLayer(this.admin1)) this.admin1.addTo(this.map);
    if (!show && this.map.hasLayer(this.admin1)) this.map.removeLayer(this.admin1);
  }

  setOnlineTiles(on) {
    if (on) this.tiles.addTo(this.map).bringToBack();
    else this.map.removeLayer(this.tiles);
    this.map.getContainer().classList.toggle("online", on);
  }

  addLegend() {
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = () => {
      const box = el("div", { class: "legend" });
      for (const [name, color] of [...Object.entries(TYPE_COLORS), ["Other", OTHER_COLOR]]) {
        const swatch = el("span", { class: "swatch" });
        swatch.style.background = color;
        box.append(el("div", {}, swatch, name));
      }
      box.append(el("div", { class: "hint" }, "size: fatalities"));
      box.append(el("div", { class: "hint" }, "solid: reviewed · hollow: machine"));
      return box;
    };
    legend.addTo(this.map);
  }

  // Replace the markers with these event summaries; returns how many could be placed.
  setEvents(events, { fit = false } = {}) {
    this.cluster.clearLayers();
    this.markers.clear();
    const layers = [];
    for (const event of events) {
      if (event.latitude === null || event.longitude === null) continue;
      const color = typeColor(event.event_type);
      const status = event.review_status || "machine";
      const marker = L.circleMarker([event.latitude, event.longitude], {
        radius: markerRadius(event.fatalities),
        ...markerStyle(status, color),
        fillColor: color,
        className: `fw-marker fw-${status} ${typeClass(event.event_type)}`,
      });
      marker.reviewStatus = status;
      marker.typeColor = color;
      const label = `${event.event_date || "undated"} · ${event.sub_event_type} · ${event.location || ""} · ${event.fatalities} killed · ${status}`;
      marker.bindTooltip(tooltipNode(label));
      marker.on("click", () => this.onSelect(event.event_id));
      marker.eventId = event.event_id;
      this.markers.set(event.event_id, marker);
      layers.push(marker);
    }
    this.cluster.addLayers(layers);
    if (fit && layers.length) {
      this.map.fitBounds(L.featureGroup(layers).getBounds().pad(0.2), { maxZoom: 8, animate: false });
    }
    return layers.length;
  }

  highlight(eventId) {
    if (this.selected) this.selected.setStyle(markerStyle(this.selected.reviewStatus, this.selected.typeColor));
    this.selected = this.markers.get(eventId) || null;
    if (this.selected) this.selected.setStyle({ weight: 3, color: "#000" });
  }
}

// Reviewed events (confirmed, corrected) are solid; the machine's are hollow rings in their type's colour;
// rejected ones (shown only on request) are faint and dashed.
export function markerStyle(status, color) {
  if (status === "confirmed" || status === "corrected") return { color: "#222", weight: 1, fillOpacity: 0.85, dashArray: null };
  if (status === "rejected") return { color: "#777", weight: 1, fillOpacity: 0.1, dashArray: "2 3" };
  return { color, weight: 2.5, fillOpacity: 0, dashArray: null };
}

// Tooltip content as a DOM node: Leaflet would parse a string as HTML, and place names come from documents.
function tooltipNode(text) {
  return el("span", {}, text);
}
