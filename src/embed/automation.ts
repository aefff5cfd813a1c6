/**
 * `window.tensionMap`: the page's interface for tests, embeds and the snapshot tool.
 *
 * Every method that changes what is drawn resolves only once the map has rendered the new
 * state, so a caller can take a screenshot or query pixels right after awaiting it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { tick } from 'svelte';
import { dayFromIso, isoFromDay } from '../core/model/dates.ts';
import { FILTER_FIELDS, type Filters } from '../core/filter/filters.ts';
import type { SnapshotLayout } from '../core/export/snapshot.ts';
import type { PlaybackMode } from '../core/time/timeline.ts';
import type { Theme } from '../core/style/palette.ts';
import { formatView, parseCommand, type MapCommand, type View } from '../core/commands/command.ts';
import type { AnimationOptions } from '../export/animation.ts';
import type { ImageOptions } from '../export/image.ts';
import type { VectorOptions } from '../export/svg.ts';
import type { MapState } from '../state/state.svelte.ts';

/** What the map component offers the rest of the app. */
export interface MapController {
  /** The MapLibre map itself, for exports that need its style, view and canvas. */
  map: MapLibreMap;
  /** Resolves once the map has drawn everything pushed to it so far. */
  rendered(): Promise<void>;
  /**
   * Resolves once the count badges on crowded places follow every change so far and are
   * drawn: they follow a step a moment after its marks.
   */
  badgesSettled(): Promise<void>;
  /** Ids of incidents, relation events and incident labels drawn right now. */
  renderedIds(): RenderedIds;
  /** Where a place is on screen, in CSS pixels from the map's top-left corner. */
  project(lon: number, lat: number): { x: number; y: number };
  /**
   * Makes the GPU incident and arc layers draw nothing until the next change of time, for a
   * page that draws the marks another way: the benchmark build's naive comparison
   * (`src/bench/page.ts`). Nothing in the app calls it.
   */
  hideGpuLayers(): void;
}

/** Ids of what the map draws right now, each list sorted. */
export interface RenderedIds {
  incidents: string[];
  relations: string[];
  /** Incidents whose map label is placed and not fully faded. */
  labels: string[];
  /** Count badges drawn on crowded places: how many shown incidents meet where. */
  places: { count: number; lon: number; lat: number }[];
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
  /** What the map shows besides time; empty when nothing is filtered. */
  filters: Filters;
  /** The language the map speaks and the calendar of its dates. */
  lang: string;
  calendar: string;
  /** The theme it is drawn in: the one chosen, else the reader's colour scheme. */
  theme: Theme;
}

/** The automation interface installed as `window.tensionMap`. */
export interface TensionMapApi {
  /** Resolves once the first state is rendered. */
  ready: Promise<void>;
  /** Resolves once the map has rendered every change made so far. */
  settled(): Promise<void>;
  setDate(isoDate: string): Promise<void>;
  /** Takes `{lon, lat, zoom}` or the text `lon,lat,zoom`. */
  setView(view: View | string): Promise<void>;
  select(id: string | null): Promise<void>;
  /**
   * Speaks `lang` (one of `en fa ar he az tr ru`) with its direction, digits and country
   * names; `calendar` (`persian` or `gregory`) changes the calendar of the dates.
   */
  setLanguage(lang: string, calendar?: string): Promise<void>;
  /**
   * Sets any of the filters (`category`, `country`, `status`, `precision`, `stance` as lists,
   * `q` as words); an empty list or text clears one, an absent one stays as it is.
   */
  setFilters(filters: Filters): Promise<void>;
  getState(): PublicState;
  renderedIds(): RenderedIds;
  /** Where a place is on screen, in CSS pixels from the map's top-left corner. */
  project(lon: number, lat: number): Promise<{ x: number; y: number }>;
  /** Draws the map, its interface and exports light or dark, whatever the reader's scheme. */
  setTheme(theme: Theme): Promise<void>;
  /** Switches between cumulative and window mode, optionally with a window length in days. */
  setMode(mode: PlaybackMode, windowDays?: number): Promise<void>;
  /**
   * The current view as a publication-ready PNG (title, date, legend, attributions), as a
   * `data:image/png;base64,…` URL, or with `format: 'svg'` or `'pdf'` as `exportVector`
   * makes it. Rejects with a one-line reason when the size or scale cannot be drawn.
   */
  exportImage(
    options?: ImageOptions & { format?: 'png' | 'svg' | 'pdf'; page?: VectorOptions['page'] },
  ): Promise<string>;
  /**
   * The current view as an SVG or PDF with the PNG's layout (shapes and real text in the
   * bundled fonts), as a `data:` URL.
   */
  exportVector(options: VectorOptions): Promise<string>;
  /** Where `exportImage` with the same options puts the header, map, legend and footer. */
  exportLayout(options?: ImageOptions): Promise<SnapshotLayout>;
  /**
   * The date range as an animated GIF (`format: 'gif'`, the default) or a WebM video, as a
   * `data:` URL, with the frames' dates.
   */
  exportAnimation(
    options: AnimationOptions & { format?: 'gif' | 'webm' },
  ): Promise<{ dataUrl: string; dates: string[] }>;
  /**
   * The date range as PNG frames, each passed to `onFrame` as a `data:` URL as soon as it is
   * made. Resolves to the frames' dates.
   */
  exportFrames(
    options: AnimationOptions,
    onFrame: (index: number, date: string, dataUrl: string) => unknown,
  ): Promise<string[]>;
  /** The incidents and relations in effect at the current date, as GeoJSON or CSV text. */
  exportData(format: 'geojson' | 'csv'): Promise<string>;
}

/** A blob as a `data:` URL, the form that crosses from the page to a test or tool. */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(blob);
  });
}

/** The export code, loaded on first use. */
const exportsModule = () => import('../export/index.ts');

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
    await state.filtersSettled();
    // The count badges come with the crowded places, which follow the dataset.
    await state.placesSettled();
    await state.locale.ready();
    await tick();
    const map = await controller;
    await map.rendered();
    await map.badgesSettled();
  };
  /** Checks a method's arguments as a command, applies it and waits until it is drawn. */
  const apply = async (method: string, input: { [F in keyof MapCommand]?: unknown }) => {
    const parsed = parseCommand(input);
    if (!parsed.ok) throw new Error(`${method}: ${parsed.reason}`);
    state.apply(parsed.value);
    await settle();
  };
  return {
    // A link's filters are computed after the dataset arrives: ready waits for them too.
    ready: controller.then(settle),
    settled: settle,
    async setDate(isoDate) {
      await apply('setDate', { date: isoDate });
    },
    async setView(view) {
      await apply('setView', { view });
    },
    async select(id) {
      await apply('select', { select: id });
    },
    async setLanguage(lang, calendar) {
      await apply('setLanguage', calendar === undefined ? { lang } : { lang, calendar });
    },
    getState() {
      return {
        date: isoFromDay(state.day),
        view: formatView(state.view),
        select: state.selectedId ?? null,
        mode: state.mode,
        window: state.windowDays,
        title: state.text(state.dataset?.title) ?? null,
        incidents: state.shownCount,
        relations: state.shownRelations.length,
        filters: state.filters,
        lang: state.locale.language,
        calendar: state.locale.calendar,
        theme: state.theme,
      };
    },
    renderedIds() {
      return current?.renderedIds() ?? { incidents: [], relations: [], labels: [], places: [] };
    },
    async project(lon, lat) {
      return (await controller).project(lon, lat);
    },
    async setFilters(filters) {
      const fields = Object.keys(filters ?? {});
      const other = fields.find((field) => !(FILTER_FIELDS as readonly string[]).includes(field));
      if (other) throw new Error(`setFilters: "${other}" is not a filter`);
      await apply('setFilters', filters);
    },
    async setTheme(theme) {
      await apply('setTheme', { theme });
    },
    async setMode(mode, windowDays) {
      await apply('setMode', windowDays === undefined ? { mode } : { mode, window: windowDays });
    },
    async exportImage(options = {}) {
      const { format, page, ...image } = options;
      if (format === 'svg' || format === 'pdf') {
        return this.exportVector({ ...image, format, ...(page ? { page } : {}) });
      }
      await settle();
      const { exportImage } = await exportsModule();
      return dataUrlOf(await exportImage({ map: (await controller).map, state }, image));
    },
    async exportVector(options) {
      await settle();
      const { exportVector } = await exportsModule();
      return dataUrlOf(await exportVector({ map: (await controller).map, state }, options));
    },
    async exportLayout(options = {}) {
      const { planSnapshot } = await exportsModule();
      return planSnapshot({ map: (await controller).map, state }, options);
    },
    async exportAnimation(options) {
      await settle();
      const source = { map: (await controller).map, state };
      const { exportGif, exportWebm } = await exportsModule();
      const encode = options.format === 'webm' ? exportWebm : exportGif;
      const { blob, dates } = await encode(source, options);
      return { dataUrl: await dataUrlOf(blob), dates };
    },
    async exportFrames(options, onFrame) {
      await settle();
      const { exportPngFrames } = await exportsModule();
      return exportPngFrames({ map: (await controller).map, state }, options, async (frame) => {
        await onFrame(frame.index, frame.date, await dataUrlOf(frame.png));
      });
    },
    async exportData(format) {
      if (!state.dataset) throw new Error('exportData: no dataset is loaded');
      const { exportCsv, exportGeoJson, featuresInEffect } = await exportsModule();
      const { filters, mask } = state;
      const inEffect = featuresInEffect(state.dataset, state.filter, state.data?.dyads, {
        filters,
        mask,
      });
      if (format === 'csv') return exportCsv(state.dataset, state.filter, inEffect, state.language);
      return `${JSON.stringify(exportGeoJson(state.dataset, state.filter, inEffect), null, 2)}\n`;
    },
  };
}
