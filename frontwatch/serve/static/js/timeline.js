// The timeline: events per day stacked by type (bars) and fatalities (red dots), with a brush selecting dates.

import { typeColor } from "./colors.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;
const PAD = { left: 34, right: 34, top: 6, bottom: 16 };

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

function dayNumber(iso) {
  return Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS);
}

function isoOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export class Timeline {
  constructor(svg, { onBrush }) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.data = null;
    this.range = null;  // [firstDay, lastDay] of the data
    this.brush = null;  // [fromDay, toDay] selected
    this.drag = null;
    svg.addEventListener("pointerdown", (e) => this.start(e));
    svg.addEventListener("pointermove", (e) => this.move(e));
    svg.addEventListener("pointerup", (e) => this.end(e));
    window.addEventListener("resize", () => this.render());
  }

  setData(timeline) {
    this.data = timeline;
    const days = timeline.days.map((d) => dayNumber(d.date));
    this.range = days.length ? [Math.min(...days), Math.max(...days)] : null;
    this.render();
  }

  setBrush(from, to) {
    this.brush = from && to ? [dayNumber(from), dayNumber(to)] : null;
    this.render();
  }

  geometry() {
    const width = this.svg.clientWidth || 600;
    const height = this.svg.clientHeight || 110;
    const [first, last] = this.range;
    const span = last - first + 1;
    const inner = Math.max(1, width - PAD.left - PAD.right);
    return { width, height, first, span, inner, step: inner / span };
  }

  xOf(day, g) {
    return PAD.left + (day - g.first) * g.step;
  }

  dayAt(clientX) {
    const g = this.geometry();
    const x = clientX - this.svg.getBoundingClientRect().left;
    const day = g.first + Math.floor((x - PAD.left) / g.step);
    return Math.max(g.first, Math.min(g.first + g.span - 1, day));
  }

  render() {
    this.svg.replaceChildren();
    if (!this.range) {
      const note = svgEl("text", { x: PAD.left, y: 30, class: "axis" });
      note.textContent = "No dated events.";
      this.svg.append(note);
      return;
    }
    const g = this.geometry();
    const plotHeight = g.height - PAD.top - PAD.bottom;
    const maxEvents = Math.max(1, ...this.data.days.map((d) => d.events));
    const maxFatal = Math.max(1, ...this.data.days.map((d) => d.fatalities));
    const barWidth = Math.min(24, Math.max(2, g.step * 0.8));
    const bars = svgEl("g", { class: "bars" });
    const dots = svgEl("g", { class: "fatal" });
    for (const day of this.data.days) {
      const x = this.xOf(dayNumber(day.date), g) + Math.max(0, (g.step - barWidth) / 2);
      let y = PAD.top + plotHeight;
      for (const type of this.data.types) {
        const cell = day.by_type[type];
        if (!cell) continue;
        const h = (cell.events / maxEvents) * plotHeight;
        y -= h;
        const rect = svgEl("rect", { x, y, width: barWidth, height: Math.max(h, 0.5), fill: typeColor(type), class: "bar" });
        const title = svgEl("title");
        title.textContent = `${day.date}: ${cell.events} ${type}, ${cell.fatalities} killed`;
        rect.append(title);
        bars.append(rect);
      }
      if (day.fatalities > 0) {
        const cy = PAD.top + plotHeight - (day.fatalities / maxFatal) * plotHeight;
        dots.append(svgEl("circle", { cx: x + barWidth / 2, cy, r: 2.5 }));
      }
    }
    this.svg.append(bars, dots);
    this.renderAxis(g, maxEvents, maxFatal, plotHeight);
    if (this.brush) {
      const x0 = this.xOf(this.brush[0], g);
      const x1 = this.xOf(this.brush[1] + 1, g);
      this.svg.append(svgEl("rect", { x: x0, y: PAD.top, width: Math.max(2, x1 - x0), height: plotHeight, class: "brush" }));
    }
  }

  renderAxis(g, maxEvents, maxFatal, plotHeight) {
    const axis = svgEl("g", { class: "axis" });
    const base = PAD.top + plotHeight;
    axis.append(svgEl("line", { x1: PAD.left, x2: g.width - PAD.right, y1: base, y2: base }));
    const ticks = Math.min(6, g.span);
    for (let i = 0; i < ticks; i++) {
      const day = g.first + Math.round((i * (g.span - 1)) / Math.max(1, ticks - 1));
      const anchor = i === 0 ? "start" : i === ticks - 1 ? "end" : "middle";
      const label = svgEl("text", { x: this.xOf(day, g) + (i === ticks - 1 ? g.step : 0), y: g.height - 3, "text-anchor": anchor });
      label.textContent = isoOf(day);
      axis.append(label);
    }
    const left = svgEl("text", { x: 2, y: PAD.top + 9 });
    left.textContent = `${maxEvents} ev`;
    const right = svgEl("text", { x: g.width - PAD.right + 2, y: PAD.top + 9, fill: "#b0102a" });
    right.textContent = `${maxFatal} †`;
    axis.append(left, right);
    this.svg.append(axis);
  }

  start(e) {
    if (!this.range) return;
    this.drag = { x: e.clientX, day: this.dayAt(e.clientX) };
    this.svg.setPointerCapture(e.pointerId);
  }

  move(e) {
    if (!this.drag) return;
    const day = this.dayAt(e.clientX);
    this.brush = [Math.min(this.drag.day, day), Math.max(this.drag.day, day)];
    this.render();
  }

  end(e) {
    if (!this.drag) return;
    const moved = Math.abs(e.clientX - this.drag.x) > 3;
    const day = this.dayAt(e.clientX);
    const from = Math.min(this.drag.day, day);
    const to = Math.max(this.drag.day, day);
    this.drag = null;
    if (moved) {
      this.brush = [from, to];
      this.onBrush(isoOf(from), isoOf(to));
    } else {
      this.brush = null;
      this.onBrush(null, null);
    }
    this.render();
  }
}
