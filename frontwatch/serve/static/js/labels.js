// Offline place labels: province names and towns by population as the zoom grows, none drawn over another.

import { el } from "./api.js";

// Labels drawn at once: enough to fill a screen at zoom 10, few enough to redraw on every pan.
const MAX_LABELS = 250;
// Rough label box in pixels (11px system font): width per character, padding, height.
const CHAR_PX = 6.2;
const PAD_PX = 8;
const HEIGHT_PX = 14;

export class PlaceLabels {
  // `data` is /basemap/labels.json: provinces [name, lat, lon] from `admin1_zoom`, towns [name, lat, lon, min_zoom].
  constructor(map, data) {
    this.map = map;
    this.candidates = [
      ...data.towns.map(([name, lat, lon, zoom]) => ({ name, lat, lon, zoom, kind: "town" })),
      ...data.provinces.map(([name, lat, lon]) => ({ name, lat, lon, zoom: data.admin1_zoom, kind: "admin1" })),
    ];
    // Above the borders and the events' circles (overlay pane, 400), below cluster icons (600); never clickable.
    map.createPane("labels").style.zIndex = 450;
    this.layer = L.layerGroup([], { pane: "labels" }).addTo(map);
    map.on("moveend", () => this.update());
    this.update();
  }

  // Redraw the labels of the visible box: towns (most populous first) then provinces, each where it fits.
  update() {
    const zoom = this.map.getZoom();
    const bounds = this.map.getBounds();
    const west = bounds.getWest();
    const east = bounds.getEast();
    const placed = [];
    this.layer.clearLayers();
    for (const label of this.candidates) {
      if (placed.length >= MAX_LABELS) break;
      if (label.zoom > zoom || label.lat < bounds.getSouth() || label.lat > bounds.getNorth()) continue;
      // The map wraps around the world: draw a label on the copy of the world being looked at.
      const lon = west + ((((label.lon - west) % 360) + 360) % 360);
      if (lon > east) continue;
      const point = this.map.latLngToContainerPoint([label.lat, lon]);
      const width = label.name.length * CHAR_PX + PAD_PX;
      const box = label.kind === "town"
        ? [point.x - 3, point.y - HEIGHT_PX / 2, point.x + width, point.y + HEIGHT_PX / 2]
        : [point.x - width / 2, point.y - HEIGHT_PX / 2, point.x + width / 2, point.y + HEIGHT_PX / 2];
      if (placed.some((other) => overlaps(box, other))) continue;
      placed.push(box);
      this.layer.addLayer(labelMarker(label, lon));
    }
    this.map.getContainer().dataset.labels = String(placed.length);
  }
}

function overlaps(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

// The name goes in as text (a DOM node, never an HTML string), like every name the page shows.
function labelMarker(label, lon) {
  const icon = L.divIcon({ className: `place-label ${label.kind}`, html: el("span", {}, label.name), iconSize: null });
  return L.marker([label.lat, lon], { icon, pane: "labels", interactive: false, keyboard: false });
}
