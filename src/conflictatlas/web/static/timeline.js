// The timeline: a histogram of events per day, week or month; dragging across it selects a period,
// which the map then shows alone.

import { addDays } from "./util.js";

const SVG = "http://www.w3.org/2000/svg";
const AXIS = 14; // pixels under the bars for the date labels

export function createTimeline(svg, { onBrush }) {
  let bins = [];
  let unit = "day";
  let selection = null; // [first, last] bin index
  let anchor = null; // bin index where a drag started

  function update(data) {
    bins = data.bins;
    unit = data.unit;
    selection = null;
    draw();
  }

  function draw() {
    svg.replaceChildren();
    const width = svg.clientWidth;
    const height = svg.clientHeight - AXIS;
    if (!bins.length) {
      svg.append(node("text", { x: 8, y: height / 2 }, "No dated events for these filters"));
      return;
    }
    const most = bins.reduce((top, bin) => Math.max(top, bin.count), 1);
    const step = width / bins.length;
    bins.forEach((bin, i) => {
      const barHeight = bin.count ? Math.max(2, (bin.count / most) * (height - 4)) : 0;
      const inside = selection && i >= selection[0] && i <= selection[1];
      const bar = node("rect", {
        class: inside ? "bar in" : "bar",
        x: i * step,
        y: height - barHeight,
        width: Math.max(1, step - 1),
        height: barHeight,
      });
      bar.append(node("title", {}, `${bin.start} (${unit}): ${bin.count} events`));
      svg.append(bar);
    });
    for (const i of new Set([0, Math.floor(bins.length / 2), bins.length - 1])) {
      const anchorAt = i === 0 ? "start" : i === bins.length - 1 ? "end" : "middle";
      const x = i === bins.length - 1 ? width : i * step;
      svg.append(node("text", { x, y: height + AXIS - 2, "text-anchor": anchorAt }, bins[i].start));
    }
    if (selection) {
      const [first, last] = selection;
      svg.append(node("rect", { class: "brush", x: first * step, y: 0, width: (last - first + 1) * step, height }));
    }
  }

  function binAt(event) {
    const box = svg.getBoundingClientRect();
    const i = Math.floor(((event.clientX - box.left) / box.width) * bins.length);
    return Math.min(bins.length - 1, Math.max(0, i));
  }

  svg.addEventListener("pointerdown", (event) => {
    if (!bins.length) return;
    anchor = binAt(event);
    selection = [anchor, anchor];
    svg.setPointerCapture(event.pointerId);
    draw();
  });
  svg.addEventListener("pointermove", (event) => {
    if (anchor === null) return;
    const here = binAt(event);
    selection = [Math.min(anchor, here), Math.max(anchor, here)];
    draw();
  });
  svg.addEventListener("pointerup", () => {
    if (anchor === null) return;
    anchor = null;
    onBrush({ start: bins[selection[0]].start, end: binEnd(bins[selection[1]].start, unit) });
  });
  new ResizeObserver(draw).observe(svg);

  return {
    update,
    clear() {
      selection = null;
      draw();
    },
  };
}

/** The last day of the bin that starts on `start`. */
function binEnd(start, unit) {
  if (unit === "day") return start;
  if (unit === "week") return addDays(start, 6);
  const [year, month] = start.split("-").map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function node(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}
