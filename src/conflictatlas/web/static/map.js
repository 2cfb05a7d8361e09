// The map: offline country outlines, and the server's grid cells of events drawn as circles
// (coloured by their most frequent event type, sized by fatalities, labelled with the count).

import { getJSON } from "./util.js";

export const COLORS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#27ae60",
  Riots: "#b7950b",
  "Strategic developments": "#2471a3",
};
const MAX_ZOOM = 14;

export function createMap(element, { filters, onEvent, onPlace, onCount, onError }) {
  const map = L.map(element, { minZoom: 1, maxZoom: MAX_ZOOM, maxBounds: [[-85, -200], [85, 200]] });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (via countryinfo)");
  map.setView([25, 20], 2);
  getJSON("/basemap.geojson").then((world) =>
    L.geoJSON(world, {
      interactive: false,
      style: { color: "#9aa5b1", weight: 0.6, fillColor: "#f7f5f0", fillOpacity: 1 },
    }).addTo(map),
  );
  addLegend(map);
  const layer = L.layerGroup().addTo(map);
  let controller = null;

  async function refresh() {
    controller?.abort();
    controller = new AbortController();
    const params = filters();
    params.set("zoom", map.getZoom());
    params.set("bbox", viewBox(map));
    let data;
    try {
      data = await getJSON("/map/cells?" + params, controller.signal);
    } catch (error) {
      if (error.name !== "AbortError") onError(error);
      return;
    }
    layer.clearLayers();
    for (const cell of data.cells) layer.addLayer(cellMarker(cell));
    onCount(data.total);
  }

  function cellMarker(cell) {
    const single = cell.count === 1;
    const size = Math.round(
      single ? Math.min(34, 10 + 3 * Math.sqrt(cell.fatalities)) : Math.min(64, 22 + 3 * Math.sqrt(cell.fatalities)),
    );
    const dot = document.createElement("div");
    dot.className = "ev-marker " + (single ? "single" : "cluster");
    dot.style.width = dot.style.height = size + "px";
    dot.style.background = COLORS[cell.event_type] || "#555";
    dot.dataset.count = cell.count;
    if (!single) dot.textContent = cell.count >= 10000 ? Math.round(cell.count / 1000) + "k" : cell.count;
    const title = single
      ? `${cell.event_type}, ${cell.fatalities} fatalities`
      : `${cell.count} events, ${cell.fatalities} fatalities (mostly ${cell.event_type})`;
    const marker = L.marker([cell.latitude, cell.longitude], {
      icon: L.divIcon({ html: dot, className: "ev-icon", iconSize: [size, size] }),
      title,
      keyboard: true,
    });
    marker.on("click", () => (single ? onEvent(cell.event_id) : zoomInto(cell)));
    return marker;
  }

  function zoomInto(cell) {
    const [west, south, east, north] = cell.bounds;
    const bounds = L.latLngBounds([south, west], [north, east]);
    const onePlace = east - west < 1e-6 && north - south < 1e-6;
    if (onePlace || map.getZoom() >= MAX_ZOOM) {
      onPlace(cell.bounds);
      return;
    }
    // At least one level closer, at most three (a jump further loses the surroundings).
    const fit = map.getBoundsZoom(bounds, false, L.point(60, 60));
    const zoom = Math.min(Math.max(fit, map.getZoom() + 1), map.getZoom() + 3, MAX_ZOOM);
    map.setView(bounds.getCenter(), zoom);
  }

  map.on("moveend", refresh);
  return { refresh };
}

/** The visible area as the API's bbox (a little larger, so circles at the edges are not cut off). */
function viewBox(map) {
  const view = map.getBounds().pad(0.1);
  const south = Math.max(-90, view.getSouth());
  const north = Math.min(90, view.getNorth());
  if (view.getEast() - view.getWest() >= 360) return [-180, south, 180, north].join(",");
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  // west > east after wrapping means a view across the antimeridian, which the API accepts as such.
  return [wrap(view.getWest()), south, wrap(view.getEast()), north].map((v) => v.toFixed(4)).join(",");
}

function addLegend(map) {
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = L.DomUtil.create("div", "legend");
    for (const [type, color] of Object.entries(COLORS)) {
      const row = L.DomUtil.create("div", "", box);
      const swatch = L.DomUtil.create("i", "", row);
      swatch.style.background = color;
      row.append(type);
    }
    return box;
  };
  legend.addTo(map);
}
