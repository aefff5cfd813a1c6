/**
 * The benchmark's peer: the same dataset on the same MapLibre basemap, drawn the way an
 * analyst would with deck.gl 9 (what kepler.gl draws with), built only into the bench build
 * as `bench/deckgl.html`. Incidents are a `ScatterplotLayer`, relationship periods an
 * `ArcLayer` over a white casing, and the slider's day a `DataFilterExtension` range, all
 * interleaved into MapLibre's own canvas through `MapLibreOverlay` (`@deck.gl/maplibre`:
 * `@deck.gl/mapbox`'s `MapboxOverlay` reads `map.transform`, which MapLibre 6 removed).
 *
 * The data takes the route a competent deck.gl user would give a million points: the file is
 * fetched and parsed with `JSON.parse` on the main thread, then the incidents are copied once
 * into typed arrays that deck.gl takes as binary attributes (no accessor calls per object);
 * the parsed features stay in memory, as kepler.gl keeps its rows for tooltips and tables.
 * The arcs, a few thousand periods, stay an array of objects with accessors.
 *
 * Marks follow `src/core/style/marks.ts` as far as one layer allows: category colour,
 * radius by casualties and the dark outline. Left out: status centres, halos for
 * approximate places, fading of old incidents and the arcs' dashes (ArcLayer draws no dashes).
 *
 * Page contract, for the harness (`browser.ts`): the query string has `data`, `view`
 * (`lon,lat,zoom`) and `date`; `window.deckPeer` has `ready` (first complete frame),
 * `setDate(iso)` and `repaint()`, each resolving once deck.gl has drawn and MapLibre is idle.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './deckgl.css';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
// MapLibre's worker by URL, as the app loads it (`src/ui/MapView.svelte`).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import { DataFilterExtension } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import { parseView } from '../core/commands/command.ts';
import { countryByCode } from '../core/model/countries.ts';
import { dayFromIso, parseCalendarDate, type Day } from '../core/model/dates.ts';
import { basemapStyle, loadCountries } from '../core/style/basemap.ts';
import { STANCE_STYLES } from '../core/style/palette.ts';
import { categoryColor, incidentRadius, MARK_OUTLINE, OUTLINE_WIDTH } from '../core/style/marks.ts';

/** `window.deckPeer`: what the harness and the browser test call. */
export interface DeckPeer {
  /** Resolves when the dataset is drawn for the first time. */
  ready: Promise<void>;
  /** Moves the time filter to a day (`YYYY-MM-DD`); resolves when drawn. */
  setDate(isoDate: string): Promise<void>;
  /** Redraws with nothing changed; resolves when drawn (the peer's floor). */
  repaint(): Promise<void>;
  /** Where a place is in the map's pixels, for tests. */
  project(lon: number, lat: number): { x: number; y: number };
  /** Incidents and arc periods loaded. */
  counts(): { incidents: number; arcs: number };
}

declare global {
  interface Window {
    deckPeer: DeckPeer;
  }
}

type Rgba = [number, number, number, number];

/** One stretch of days over which a pair's stance holds, as the ArcLayer draws it. */
interface ArcPeriod {
  from: [number, number];
  to: [number, number];
  color: Rgba;
  width: number;
  /** First day, and the first day after (a large number while open). */
  start: Day;
  end: Day;
}

/** The incidents as deck.gl binary attributes, plus the parsed rows they came from. */
interface IncidentColumns {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
    getRadius: { value: Float32Array; size: 1 };
    getFilterValue: { value: Float32Array; size: 1 };
  };
}

interface RawFeature {
  geometry: { type: string; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

interface RawDataset {
  features: RawFeature[];
  categories?: { id: string; color?: string }[];
  anchors?: Record<string, [number, number]>;
}

/** A day far after any dataset's, for open periods: finite, since it goes to the GPU. */
const OPEN_END = 1e7;

function rgba(hex: string, alpha = 255): Rgba {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
}

/** First day a `date` property covers, or null when it is not a date. */
function startDay(text: unknown): Day | null {
  return typeof text === 'string' ? (parseCalendarDate(text)?.start ?? null) : null;
}

/** Copies the incidents (Point features) into typed arrays, one pass. */
function incidentColumns(dataset: RawDataset): IncidentColumns {
  // Declared categories by id; built-in ones the file uses without declaring keep their colour.
  const declared = new Map((dataset.categories ?? []).map((c) => [c.id, c]));
  const colorOf = (id: string) => categoryColor(declared.get(id) ?? { id });
  const colors = new Map<string, Rgba>();
  const points = dataset.features.filter((f) => f.geometry?.type === 'Point');
  const n = points.length;
  const positions = new Float32Array(n * 2);
  const fills = new Uint8Array(n * 4);
  const radii = new Float32Array(n);
  const starts = new Float32Array(n);
  points.forEach((feature, i) => {
    const p = feature.properties;
    const [lon, lat] = feature.geometry!.coordinates;
    positions[i * 2] = lon;
    positions[i * 2 + 1] = lat;
    const category = String(p.category);
    let color = colors.get(category);
    if (!color) colors.set(category, (color = rgba(colorOf(category))));
    fills.set(color, i * 4);
    const severity = (Number(p.fatalities) || 0) + (Number(p.injured) || 0);
    radii[i] = incidentRadius(severity);
    starts[i] = startDay(p.date) ?? OPEN_END;
  });
  return {
    length: n,
    attributes: {
      getPosition: { value: positions, size: 2 },
      getFillColor: { value: fills, size: 4, normalized: true },
      getRadius: { value: radii, size: 1 },
      getFilterValue: { value: starts, size: 1 },
    },
  };
}

/**
 * The periods of constant stance of each country pair: the pair's events in date order
 * (file order on the same day), each holding from its first day until the next event, or
 * from its first day through its `end_date` when it has one.
 */
function arcPeriods(dataset: RawDataset): ArcPeriod[] {
  const anchor = (code: string) => dataset.anchors?.[code] ?? countryByCode(code)?.anchor;
  const pairs = new Map<
    string,
    { start: Day; end: Day; stance: string; from: string; to: string }[]
  >();
  for (const { properties: p } of dataset.features) {
    if (typeof p.from !== 'string' || typeof p.to !== 'string') continue;
    const start = startDay(p.date);
    if (start === null) continue;
    const until = typeof p.end_date === 'string' ? parseCalendarDate(p.end_date)?.end : undefined;
    const key = p.from < p.to ? `${p.from}-${p.to}` : `${p.to}-${p.from}`;
    const events = pairs.get(key) ?? [];
    pairs.set(key, events);
    events.push({
      start,
      end: until === undefined ? OPEN_END : until + 1,
      stance: String(p.stance),
      from: p.from,
      to: p.to,
    });
  }
  const periods: ArcPeriod[] = [];
  for (const events of pairs.values()) {
    events.sort((a, b) => a.start - b.start);
    events.forEach((event, i) => {
      const next = events[i + 1];
      const end = Math.min(event.end, next ? next.start : OPEN_END);
      const from = anchor(event.from);
      const to = anchor(event.to);
      const style = STANCE_STYLES[event.stance as keyof typeof STANCE_STYLES];
      if (!from || !to || !style || end <= event.start) return;
      periods.push({
        from,
        to,
        color: rgba(style.color),
        width: style.width,
        start: event.start,
        end,
      });
    });
  }
  return periods;
}

/**
 * The layers for a day, bottom to top as ours: arcs whose period holds on it (a white casing,
 * then the stroke), then incidents started by then.
 */
function layers(
  incidents: IncidentColumns,
  arcs: ArcPeriod[],
  day: Day,
  filters: { incidents: DataFilterExtension; arcs: DataFilterExtension },
): Layer[] {
  const arcFilter = {
    extensions: [filters.arcs],
    getFilterValue: (d: ArcPeriod) => [d.start, d.end],
    // Started on or before the day, and ending after it.
    filterRange: [
      [-OPEN_END, day],
      [day + 0.5, OPEN_END],
    ] as [number, number][],
  };
  const arc = (id: string, casing: boolean) =>
    new ArcLayer<ArcPeriod>({
      id,
      data: arcs,
      greatCircle: true,
      widthUnits: 'pixels',
      getSourcePosition: (d) => d.from,
      getTargetPosition: (d) => d.to,
      getSourceColor: casing ? [255, 255, 255, 255] : (d) => d.color,
      getTargetColor: casing ? [255, 255, 255, 255] : (d) => d.color,
      getWidth: casing ? (d) => d.width + 3 : (d) => d.width,
      // Flat on the map like ours, and drawn in layer order (casing first) rather than by depth.
      getHeight: 0,
      parameters: { depthCompare: 'always', depthWriteEnabled: false },
      ...arcFilter,
    });
  return [
    arc('peer-arcs-casing', true),
    arc('peer-arcs', false),
    new ScatterplotLayer({
      id: 'peer-incidents',
      data: incidents,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      stroked: true,
      getLineColor: rgba(MARK_OUTLINE),
      getLineWidth: OUTLINE_WIDTH,
      extensions: [filters.incidents],
      filterRange: [-OPEN_END, day],
    }),
  ];
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const view = parseView(params.get('view') ?? '') ?? { lon: 0, lat: 20, zoom: 1.5 };
  const dataUrl = params.get('data');
  if (!dataUrl) throw new Error('deckgl.html needs ?data=');
  const firstDay = dayFromIso(params.get('date') ?? '');
  const origin = location.origin;
  setWorkerUrl(workerUrl);

  const text = fetch(dataUrl).then((response) => {
    if (!response.ok) throw new Error(`${dataUrl}: ${response.status}`);
    return response.json() as Promise<RawDataset>;
  });
  const map = new MapLibreMap({
    container: 'map',
    style: basemapStyle({ origin, countries: await loadCountries(origin) }),
    center: [view.lon, view.lat],
    zoom: view.zoom,
    fadeDuration: 0,
    attributionControl: { compact: true },
  });
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  const dataset = await text;
  const incidents = incidentColumns(dataset);
  const arcs = arcPeriods(dataset);
  const filters = {
    incidents: new DataFilterExtension({ filterSize: 1 }),
    arcs: new DataFilterExtension({ filterSize: 2 }),
  };

  // Callbacks waiting for deck.gl's next frame; each then waits for MapLibre's idle, which
  // follows in the same render, so it is registered from inside the frame.
  let waiting: (() => void)[] = [];
  const drawn = () =>
    new Promise<void>((resolve) => {
      waiting.push(() => map.once('idle', () => resolve()));
      map.triggerRepaint();
    });
  const overlay = new MapLibreOverlay({
    interleaved: true,
    layers: [],
    onAfterRender: () => {
      const now = waiting;
      waiting = [];
      now.forEach((callback) => callback());
    },
  });
  let day = firstDay ?? 0;
  const show = () => overlay.setProps({ layers: layers(incidents, arcs, day, filters) });
  map.addControl(overlay);
  show();
  await drawn();
  Object.assign(peer, {
    async setDate(isoDate: string) {
      const next = dayFromIso(isoDate);
      if (next === null) throw new Error(`setDate: "${isoDate}" is not a date`);
      day = next;
      show();
      await drawn();
    },
    repaint: drawn,
    project: (lon: number, lat: number) => map.project([lon, lat]),
    counts: () => ({ incidents: incidents.length, arcs: arcs.length }),
    // The parsed rows stay reachable, as an app with tooltips would keep them.
    rows: dataset.features,
  });
}

const notReady = () => Promise.reject(new Error('deckPeer is not ready yet'));
const peer: DeckPeer = {
  ready: start(),
  setDate: notReady,
  repaint: notReady,
  project: () => ({ x: NaN, y: NaN }),
  counts: () => ({ incidents: 0, arcs: 0 }),
};
window.deckPeer = peer;
