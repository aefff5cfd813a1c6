/**
 * The time-dependent parts of the overlay as both the live map and the export map set them
 * up, so an export draws exactly what the screen shows: the GPU arc and incident layers here,
 * the labels' time in `labels/labelsync.ts`.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_LAYER, timeState } from './labels/layer.ts';
import type { PageData } from '../core/prepare/mapdata.ts';
import type { TimeFilter } from '../core/time/timeline.ts';
import { ArcLayer } from './arcs/layer.ts';
import { IncidentLayer } from './incidents/layer.ts';
import type { Selection } from '../state/state.svelte.ts';
import type { Theme } from '../core/style/palette.ts';

/**
 * The overlay's GPU layers on one map: arcs below incidents, both below the incident labels
 * (or on top when the map has none). Time, data and selection reach them as uniforms and
 * buffers; nothing in MapLibre's style changes.
 */
export class GpuLayers {
  // Neither layer draws until both have sent all their data (see `UPLOAD_BYTES_PER_FRAME`).
  readonly arcs = new ArcLayer(undefined, () => this.uploading);
  readonly incidents = new IncidentLayer(undefined, () => this.uploading);
  #data!: PageData;

  /** Adds the layers for `data` at `filter` to a loaded map, with `selection` highlighted. */
  constructor(map: MapLibreMap, data: PageData, filter: TimeFilter, selection: Selection | null) {
    this.setData(data);
    this.setTime(filter);
    this.select(selection);
    const below = map.getLayer(LABEL_LAYER) ? LABEL_LAYER : undefined;
    map.addLayer(this.arcs, below);
    map.addLayer(this.incidents, below);
  }

  /** The dataset's prepared data whose marks are drawn. */
  get data(): PageData {
    return this.#data;
  }

  /** Replaces what is drawn. */
  setData(data: PageData): void {
    this.#data = data;
    this.arcs.setData(data.arcLines);
    this.incidents.setData(data.incidents);
  }

  /** Whether some of the data is still on its way to the GPU, a slice per frame. */
  get uploading(): boolean {
    return this.arcs.uploading || this.incidents.uploading;
  }

  /**
   * Applies the filters: `incidents` one byte per incident in dataset order (`filterMask`),
   * `arcs` one byte per arc stretch in `data.arcs`' order; `null` shows all. Only masks go
   * to the GPU.
   */
  setFilters(incidents: Uint8Array | null, arcs: Uint8Array | null): void {
    this.incidents.setMask(incidents);
    this.arcs.setShown(arcs);
  }

  /** Moves both layers to the slider's time. */
  setTime(filter: TimeFilter): void {
    this.arcs.setDay(filter.day);
    this.incidents.setTime(timeState(filter));
  }

  /** Draws outlines, status centres and casings in a theme's colours. */
  setTheme(theme: Theme): void {
    this.arcs.setTheme(theme);
    this.incidents.setTheme(theme);
  }

  /** Highlights the selected incident, or every stretch of the selected pair's arc. */
  select(selection: Selection | null): void {
    this.incidents.setSelected(selection?.kind === 'incident' ? selection.position : -1);
    const pair = selection?.kind === 'relation' ? selection.dyad.key : undefined;
    this.arcs.setSelected(pair ? this.#data.arcs.findIndex((arc) => arc.pair === pair) : -1);
  }
}

/**
 * Resolves once `map` has drawn everything pushed to it, the whole of `layers`' data
 * included: MapLibre reports `idle` between the frames that send a large dataset to the GPU
 * in slices.
 */
export async function drawn(map: MapLibreMap, layers: GpuLayers | undefined): Promise<void> {
  do {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  } while (layers?.uploading);
}
