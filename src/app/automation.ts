/**
 * `window.tensionMap`: the page's interface for tests, embeds and the snapshot tool.
 *
 * Every method that changes what is drawn resolves only once the map has rendered the new
 * state, so a caller can take a screenshot or query pixels right after awaiting it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { tick } from 'svelte';
import { dayFromIso, isoFromDay } from '../lib/dates.ts';
import { formatView, parseView, type View } from '../lib/urlstate.ts';
import type { MapState } from './state.svelte.ts';

/** What the map component offers the rest of the app. */
export interface MapController {
  /** The MapLibre map itself, for exports that need its style, view and canvas. */
  map: MapLibreMap;
  /** Resolves once the map has drawn everything pushed to it so far. */
  rendered(): Promise<void>;
  /** Ids of incidents and relation events drawn right now. */
  renderedIds(): { incidents: string[]; relations: string[] };
  /** Where a place is on screen, in CSS pixels from the map's top-left corner. */
  project(lon: number, lat: number): { x: number; y: number };
}

/** A snapshot of what the map shows. */
export interface PublicState {
  date: string;
  view: string;
  select: string | null;
  mode: string;
  window: number;
  title: string | null;
  incidents: number;
  relations: number;
}

/** The automation interface installed as `window.tensionMap`. */
export interface TensionMapApi {
  /** Resolves once the first state is rendered. */
  ready: Promise<void>;
  setDate(isoDate: string): Promise<void>;
  /** Takes `{lon, lat, zoom}` or the text `lon,lat,zoom`. */
  setView(view: View | string): Promise<void>;
  select(id: string | null): Promise<void>;
  getState(): PublicState;
  renderedIds(): { incidents: string[]; relations: string[] };
  /** Where a place is on screen, in CSS pixels from the map's top-left corner. */
  project(lon: number, lat: number): Promise<{ x: number; y: number }>;
}

/**
 * Builds the automation interface for one map. `controller` resolves when the map
 * component has rendered its first frame.
 */
export function createAutomation(
  state: MapState,
  controller: Promise<MapController>,
): TensionMapApi {
  let current: MapController | undefined;
  void controller.then((c) => (current = c));
  const settle = async () => {
    await tick();
    await (await controller).rendered();
  };
  return {
    ready: controller.then(() => undefined),
    async setDate(isoDate) {
      const day = dayFromIso(isoDate);
      if (day === null) throw new Error(`setDate: "${isoDate}" is not a date in YYYY-MM-DD form`);
      state.setDay(day);
      await settle();
    },
    async setView(view) {
      const parsed = typeof view === 'string' ? parseView(view) : view;
      if (!parsed) throw new Error(`setView: "${String(view)}" is not lon,lat,zoom`);
      state.view = parsed;
      await settle();
    },
    async select(id) {
      state.select(id ?? undefined);
      await settle();
    },
    getState() {
      return {
        date: isoFromDay(state.day),
        view: formatView(state.view),
        select: state.selectedId ?? null,
        mode: state.mode,
        window: state.windowDays,
        title: state.dataset?.title ?? null,
        incidents: state.shownIncidents.length,
        relations: state.shownRelations.length,
      };
    },
    renderedIds() {
      return current?.renderedIds() ?? { incidents: [], relations: [] };
    },
    async project(lon, lat) {
      return (await controller).project(lon, lat);
    },
  };
}
