// The side panel: one event's fields, its sources, and the evidence sentences with the extracted
// spans highlighted; or the list of events at one place.

import { el, getJSON } from "./util.js";

const PRECISION = { 1: "exact day", 2: "about a week", 3: "month or vaguer" };
const GEO_PRECISION = { 1: "the place itself", 2: "near / part of", 3: "region only" };

export function createPanel(aside, { onError }) {
  const body = aside.querySelector("#panel-body");
  aside.querySelector("#panel-close").addEventListener("click", () => (aside.hidden = true));

  function show(...children) {
    body.replaceChildren(...children);
    aside.hidden = false;
    aside.scrollTop = 0;
  }

  async function showEvent(eventId) {
    try {
      show(eventView(await getJSON("/events/" + encodeURIComponent(eventId))));
    } catch (error) {
      onError(error);
    }
  }

  async function showPlace(bbox, params) {
    params.set("bbox", bbox.join(","));
    params.set("limit", "50");
    try {
      const page = await getJSON("/events?" + params);
      const items = page.events.map((e) => {
        const item = el("li", { tabIndex: 0 }, `${e.event_date || "undated"} · ${e.sub_event_type} · `,
          `${e.location || "?"} · ${e.fatalities} fatalities`);
        item.addEventListener("click", () => showEvent(e.event_id));
        return item;
      });
      const more = page.next_cursor ? " (first 50)" : "";
      show(el("h2", {}, `${page.events.length} events here${more}`), el("ul", { class: "event-list" }, items));
    } catch (error) {
      onError(error);
    }
  }

  return { showEvent, showPlace };
}

function eventView(e) {
  const range = e.fatalities_low !== null || e.fatalities_high !== null
    ? ` (range ${e.fatalities_low ?? "?"}–${e.fatalities_high ?? "?"})` : "";
  const rows = [
    ["Date", e.event_date ? `${e.event_date} (${PRECISION[e.time_precision] || "precision unknown"})` : "undated"],
    ["Type", `${e.event_type} / ${e.sub_event_type}`],
    ["Actor 1", joinActors(e.actor1, e.assoc_actor_1)],
    ["Actor 2", joinActors(e.actor2, e.assoc_actor_2)],
    ["Place", [e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(", ")],
    ["Geo precision", GEO_PRECISION[e.geo_precision] || ""],
    ["Fatalities", `${e.fatalities}${range}`],
    ["Injuries", e.injuries ?? ""],
    ["Confidence", e.confidence],
    ["Event id", e.event_id],
  ].filter(([, value]) => value !== "" && value !== null);
  return el("div", { class: "event" },
    el("h2", {}, e.sub_event_type),
    el("p", { class: "notes" }, e.notes),
    el("dl", {}, rows.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, String(value))])),
    el("h3", {}, `Sources (${e.sources.length})`),
    el("ul", { class: "sources" }, e.sources.map(sourceItem)),
    el("h3", {}, "Evidence"),
    evidenceView(e.evidence),
  );
}

function joinActors(actor, allies) {
  return [actor, allies && `with ${allies}`].filter(Boolean).join(" ");
}

function sourceItem(source) {
  const title = source.title || source.article_id;
  const safe = /^https?:\/\//i.test(source.url || "");
  const name = safe ? el("a", { href: source.url, rel: "noopener noreferrer", target: "_blank" }, title) : title;
  return el("li", { "data-article": source.article_id }, name,
    [source.source, source.published].filter(Boolean).length ? ` — ${[source.source, source.published].filter(Boolean).join(", ")}` : "");
}

/** One block per sentence, every field's span marked inside it (overlapping spans are clipped). */
function evidenceView(evidence) {
  const sentences = new Map();
  for (const item of evidence) {
    const key = `${item.article_id}\u0000${item.sentence_start}`;
    if (!sentences.has(key)) sentences.set(key, { ...item, spans: [] });
    sentences.get(key).spans.push(item);
  }
  if (!sentences.size) return el("p", {}, "No evidence recorded.");
  return el("div", {}, [...sentences.values()].map(highlight));
}

function highlight(sentence) {
  const text = sentence.sentence;
  const block = el("blockquote", { class: "evidence", "data-article": sentence.article_id });
  const spans = sentence.spans
    .map((s) => ({ field: s.field, from: s.start - sentence.sentence_start, to: s.end - sentence.sentence_start }))
    .filter((s) => s.from >= 0 && s.to <= text.length && s.from < s.to)
    .sort((a, b) => a.from - b.from || b.to - a.to);
  let at = 0;
  for (const span of spans) {
    const from = Math.max(span.from, at);
    if (from >= span.to) {
      const previous = block.lastElementChild;
      if (previous) previous.dataset.field += `, ${span.field}`; // same words, another field
      continue;
    }
    block.append(text.slice(at, from));
    block.append(el("mark", { title: span.field, "data-field": span.field }, text.slice(from, span.to)));
    at = span.to;
  }
  block.append(text.slice(at));
  return block;
}
