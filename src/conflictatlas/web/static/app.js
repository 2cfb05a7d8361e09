// The dashboard's wiring: filters from the form (and the timeline's selection) drive the map, the
// timeline, the counts and the export links.

import { createMap } from "./map.js";
import { createPanel } from "./panel.js";
import { createTimeline } from "./timeline.js";
import { el, getJSON } from "./util.js";

const form = document.getElementById("filters");
const count = document.getElementById("count");
const brushLabel = document.getElementById("brush-label");
const brushClear = document.getElementById("brush-clear");
let brush = null; // {start, end} chosen on the timeline, within the form's dates

/** The form's filters, without empty fields. */
function formFilters() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim()) params.set(name, String(value).trim());
  }
  return params;
}

/** What the map shows: the form's filters narrowed to the timeline's selection. */
function viewFilters() {
  const params = formFilters();
  if (brush) {
    params.set("start", brush.start);
    params.set("end", brush.end);
  }
  return params;
}

function showError(error) {
  count.textContent = "Error: " + error.message;
  count.classList.add("error");
}

const panel = createPanel(document.getElementById("panel"), { onError: showError });
const map = createMap(document.getElementById("map"), {
  filters: viewFilters,
  onEvent: (id) => panel.showEvent(id),
  onPlace: (bbox) => panel.showPlace(bbox, viewFilters()),
  onCount: (total) => {
    count.classList.remove("error");
    count.textContent = `${total.toLocaleString("en")} events in view`;
  },
  onError: showError,
});
const timeline = createTimeline(document.getElementById("timeline"), {
  onBrush: (range) => {
    brush = range;
    brushLabel.textContent = `Selected: ${range.start} to ${range.end}`;
    brushClear.hidden = false;
    showView();
  },
});

function showView() {
  map.refresh();
  const query = viewFilters().toString();
  document.getElementById("export-csv").href = "/export.csv" + (query ? "?" + query : "");
  document.getElementById("export-geojson").href = "/events.geojson" + (query ? "?" + query : "");
}

function clearBrush() {
  brush = null;
  brushLabel.textContent = "";
  brushClear.hidden = true;
  timeline.clear();
}

async function apply() {
  clearBrush();
  showView();
  try {
    const data = await getJSON("/map/timeline?" + formFilters());
    timeline.update(data);
    document.getElementById("timeline-label").textContent = `Events per ${data.unit} (drag to select)`;
  } catch (error) {
    showError(error);
  }
}

async function loadFacets() {
  const facets = await getJSON("/map/facets");
  document.getElementById("countries").replaceChildren(...facets.countries.map((c) => el("option", { value: c })));
  form.elements.event_type.append(...facets.event_types.map((t) => el("option", { value: t }, t)));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply();
});
form.addEventListener("reset", () => setTimeout(apply)); // after the browser has emptied the fields
brushClear.addEventListener("click", () => {
  clearBrush();
  showView();
});
loadFacets().catch(showError);
apply();
