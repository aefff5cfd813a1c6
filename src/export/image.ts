/**
 * Publication-ready images of the map: a hidden export map with the live map's style, view,
 * global state and selection, drawn at the requested scale, then composed on a 2D canvas
 * with the title, date line, legend, attributions and sources.
 *
 * The live map is never resized or re-rendered for an export: `setPixelRatio` on it would
 * flash on screen, and its drawing buffer is not preserved. The export map is made once per
 * export (or animation), so an animation only changes its time between frames.
 */
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import { featuresInEffect } from '../core/export/exportdata.ts';
import { overlayLayers } from '../render/labels/layer.ts';
import { DISPUTED_DOT, HALO_OPACITY, OUTLINE_WIDTH } from '../core/style/marks.ts';
import { THEME_COLORS, type ThemeColors } from '../core/style/palette.ts';
import { drawn, GpuLayers } from '../render/overlay.ts';
import { LabelTime } from '../render/labels/labelsync.ts';
import { PLACE_SOURCE } from '../render/places/layer.ts';
import { PlaceBadgeSync } from '../render/places/placesync.ts';
import {
  legendModel,
  legendShown,
  mergeShown,
  nothingShown,
  type LegendItem,
} from '../core/style/legend.ts';
import { arcFeatures } from '../core/prepare/mapdata.ts';
import {
  attributionParts,
  canvasLimitProblem,
  dateLine,
  drawnOnMap,
  drawnShapes,
  FOOTER_LINE,
  fitText,
  imageSizeForMap,
  LEGEND_LINE,
  LEGEND_SWATCH,
  legendMarkCentre,
  mapPixelSize,
  resolveScale,
  SNAPSHOT_FONT_FAMILY,
  SNAPSHOT_FONTS,
  SNAPSHOT_PADDING,
  snapshotLayout,
  SnapshotError,
  sourceLabels,
  sourceLine,
  SUBTITLE_LINE,
  type CanvasLimits,
  type SnapshotText,
  type MeasureText,
  type SnapshotLayout,
} from '../core/export/snapshot.ts';
import type { TimeFilter } from '../core/time/timeline.ts';
import type { MapState } from '../state/state.svelte.ts';

/** What an exported image looks like. Every member is optional. */
export interface ImageOptions extends SnapshotText {
  /** Device pixels per CSS pixel: 1, 2, 3… (default 1). Ignored when `width` is given. */
  scale?: number;
  /** Width of the PNG in pixels; the scale follows from it. */
  width?: number;
  /**
   * Size of the whole image in CSS pixels. By default the map area is the live map's size,
   * with the header above and the footer below it, so the image shows what is on screen.
   */
  size?: { width: number; height: number };
  /** Blank margin around everything in CSS pixels, for print (default 0). */
  margin?: number;
  /** Draw the legend where it hides nothing the map draws (default true). */
  legend?: boolean;
  /** Leave the basemap out and the background transparent, keeping the overlay. */
  transparent?: boolean;
}

/** The live map and the state it shows: everything an export copies. */
export interface ExportSource {
  map: MapLibreMap;
  state: MapState;
}

/** The overlay's layer ids, kept in transparent exports while every basemap layer goes. */
const OVERLAY_LAYER_IDS = new Set(overlayLayers([]).map((layer) => layer.id));

/** Text measurement with a Canvas 2D context, for the pure layout functions. */
function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d')!;
  return (text, font) => {
    context.font = font;
    return context.measureText(text).width;
  };
}

/** The largest map this browser draws, read from the live map's WebGL context. */
function canvasLimits(live: MapLibreMap): CanvasLimits {
  // Asking a canvas for the context type it already has returns that context, not a new one.
  const gl = live.getCanvas().getContext('webgl2');
  const maxCanvasSize: [number, number] = [4096, 4096];
  if (!gl) return { maxCanvasSize, maxTextureSize: 4096, maxRenderbufferSize: 4096 };
  return {
    maxCanvasSize,
    maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    maxRenderbufferSize: gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number,
  };
}

/**
 * Works out an export's layout from the options and the live map, checking the size against
 * the browser's limits. Throws a `SnapshotError` saying what to change when it cannot be
 * drawn as asked.
 */
export async function planSnapshot(
  source: ExportSource,
  options: ImageOptions,
  filters: readonly TimeFilter[] = [source.state.filter],
): Promise<SnapshotLayout> {
  // Canvas text does not wait for a font file, so every bundled face is loaded first.
  await Promise.all(
    [...document.fonts]
      .filter((face) => face.family.includes(SNAPSHOT_FONT_FAMILY))
      .map((face) => face.load()),
  );
  const container = source.map.getContainer();
  const size =
    options.size ??
    imageSizeForMap(container.clientWidth, container.clientHeight, imageText(source, options));
  const scale = resolveScale(options, size.width);
  const measure = canvasMeasure();
  const { dataset, data } = source.state;
  let legend = null;
  let drawn = undefined;
  if (options.legend !== false && dataset) {
    const dyads = data?.dyads ?? [];
    const shown = filters.reduce(
      (all, filter) =>
        mergeShown(all, legendShown(dataset.incidents, dyads, filter, source.state.filters)),
      nothingShown(),
    );
    legend = legendModel(dataset.categories, shown, source.state.locale, dataset.language);
    const centre = source.map.getCenter();
    const view = { lon: centre.lng, lat: centre.lat, zoom: source.map.getZoom() };
    const onMap = drawnOnMap(dataset, arcFeatures(dataset, dyads), filters, source.state.language);
    drawn = drawnShapes(onMap, view, measure);
  }
  const layout = snapshotLayout({
    width: size.width,
    height: size.height,
    scale,
    legend,
    measure,
    drawn,
    text: imageText(source, options),
    margin: options.margin ?? 0,
    keepMapSize: options.size === undefined,
    direction: source.state.locale.dir,
  });
  const problem = canvasLimitProblem(layout, canvasLimits(source.map));
  if (problem) throw new SnapshotError(problem);
  return layout;
}

/** The image's title, subtitle, note and byline: as given, the title defaulting to the dataset's. */
function imageText(source: ExportSource, options: ImageOptions): SnapshotText {
  return {
    title:
      options.title ??
      source.state.text(source.state.dataset?.title) ??
      source.state.locale.t('app.name'),
    subtitle: options.subtitle,
    note: options.note,
    byline: options.byline,
  };
}

/**
 * An off-screen copy of the live map that renders frames at any date and composes them into
 * finished images. Open it with `SnapshotRenderer.open` and the filters it will render (the
 * legend explains and avoids what any of them draws), call `render` for each, and `close` it
 * when done.
 */
export class SnapshotRenderer {
  readonly layout: SnapshotLayout;
  readonly #source: ExportSource;
  readonly #options: ImageOptions;
  readonly #map: MapLibreMap;
  readonly #container: HTMLDivElement;
  readonly #gpu: GpuLayers | undefined;
  readonly #labels: LabelTime | undefined;
  readonly #places: PlaceBadgeSync | undefined;
  readonly #measure = canvasMeasure();

  private constructor(
    source: ExportSource,
    options: ImageOptions,
    layout: SnapshotLayout,
    map: MapLibreMap,
    container: HTMLDivElement,
    gpu: GpuLayers | undefined,
  ) {
    this.#source = source;
    this.#options = options;
    this.layout = layout;
    this.#map = map;
    this.#container = container;
    this.#gpu = gpu;
    const data = source.state.data;
    this.#labels = data ? new LabelTime(data.labels) : undefined;
    // The copied style holds the live map's badges, counted for its date and view: each
    // frame counts its own, or an animation would show today's crowds on every frame.
    if (data && map.getSource(PLACE_SOURCE)) {
      const { places, dataset } = source.state;
      this.#places = new PlaceBadgeSync(places, dataset?.incidents ?? []);
      this.#places.setMask(source.state.mask);
    }
  }

  /** Creates the export map for `source` and waits until it has loaded its style. */
  static async open(
    source: ExportSource,
    options: ImageOptions = {},
    filters: readonly TimeFilter[] = [source.state.filter],
  ): Promise<SnapshotRenderer> {
    // Exports count the badges of their own dates, so they wait for the crowded places.
    await source.state.placesSettled();
    const layout = await planSnapshot(source, options, filters);
    const live = source.map;
    const container = document.createElement('div');
    container.setAttribute('aria-hidden', 'true');
    Object.assign(container.style, {
      position: 'fixed',
      top: '0',
      left: `${-(layout.map.width + 100)}px`,
      width: `${layout.map.width}px`,
      height: `${layout.map.height}px`,
      pointerEvents: 'none',
    });
    document.body.append(container);
    const style: StyleSpecification = live.getStyle();
    if (options.transparent) {
      style.layers = style.layers.filter((layer) => OVERLAY_LAYER_IDS.has(layer.id));
    }
    const limits = canvasLimits(live);
    let map: MapLibreMap | undefined;
    try {
      map = new MapLibreMap({
        container,
        style,
        center: live.getCenter(),
        zoom: live.getZoom(),
        bearing: live.getBearing(),
        pitch: live.getPitch(),
        roll: live.getRoll(),
        renderWorldCopies: live.getRenderWorldCopies(),
        pixelRatio: layout.scale,
        maxCanvasSize: [
          Math.min(limits.maxCanvasSize[0], limits.maxTextureSize, limits.maxRenderbufferSize),
          Math.min(limits.maxCanvasSize[1], limits.maxTextureSize, limits.maxRenderbufferSize),
        ],
        canvasContextAttributes: { preserveDrawingBuffer: true },
        fadeDuration: 0,
        interactive: false,
        attributionControl: false,
        globalState: live.getGlobalState(),
      });
      await new Promise<void>((resolve, reject) => {
        map!.once('load', () => resolve());
        map!.once('error', (event) => reject(event.error));
      });
      const data = source.state.data;
      const gpu = data
        ? new GpuLayers(map, data, source.state.filter, source.state.selection)
        : undefined;
      gpu?.setFilters(source.state.mask, source.state.arcMask);
      gpu?.setTheme(source.state.theme);
      const expected = mapPixelSize(layout);
      const canvas = map.getCanvas();
      if (canvas.width !== expected.width || canvas.height !== expected.height) {
        throw new SnapshotError(
          `the browser drew the map at ${canvas.width} × ${canvas.height} px instead of ${expected.width} × ${expected.height} px; choose a smaller scale or size`,
        );
      }
      return new SnapshotRenderer(source, options, layout, map, container, gpu);
    } catch (error) {
      map?.remove();
      container.remove();
      throw error;
    }
  }

  /**
   * Renders the map at `filter` and composes the finished image: header, map, legend and
   * footer. The canvas stays valid until the next call.
   */
  async render(filter: TimeFilter): Promise<HTMLCanvasElement> {
    this.#gpu?.setTime(filter);
    this.#labels?.update(this.#map, filter, this.#source.state.mask);
    this.#places?.update(this.#map, filter);
    await drawn(this.#map, this.#gpu);
    return this.#compose(filter);
  }

  /** Removes the export map and its container. */
  close(): void {
    this.#map.remove();
    this.#container.remove();
  }

  #compose(filter: TimeFilter): HTMLCanvasElement {
    const { layout } = this;
    const { state } = this.#source;
    const canvas = document.createElement('canvas');
    canvas.width = layout.pixelWidth;
    canvas.height = layout.pixelHeight;
    const context = canvas.getContext('2d')!;
    const { text: ink, muted, paper } = THEME_COLORS[state.theme];
    if (!this.#options.transparent) {
      context.fillStyle = paper;
      context.fillRect(0, 0, canvas.width, canvas.height);
    }
    const mapCanvas = this.#map.getCanvas();
    const { x, y } = layout.map;
    context.drawImage(mapCanvas, Math.round(x * layout.scale), Math.round(y * layout.scale));
    context.scale(layout.scale, layout.scale);
    context.textBaseline = 'alphabetic';

    const { header, footer } = layout;
    const inner = header.width - 2 * SNAPSHOT_PADDING;
    const left = header.x + SNAPSHOT_PADDING;
    // Right to left, the header's lines start at its right edge.
    const rtl = layout.direction === 'rtl';
    const start = rtl ? header.x + header.width - SNAPSHOT_PADDING : header.x + SNAPSHOT_PADDING;
    const text = (value: string, font: string, color: string, baseline: number) => {
      context.save();
      context.font = font;
      context.fillStyle = color;
      context.direction = rtl ? 'rtl' : 'ltr';
      context.textAlign = rtl ? 'right' : 'left';
      context.fillText(fitText(value, inner, font, this.#measure), start, baseline);
      context.restore();
    };
    const words = imageText(this.#source, this.#options);
    let baseline = header.y + 30;
    text(words.title ?? '', SNAPSHOT_FONTS.title, ink, baseline);
    if (words.subtitle?.trim()) {
      baseline += SUBTITLE_LINE;
      text(words.subtitle.trim(), SNAPSHOT_FONTS.subtitle, ink, baseline);
    }
    text(
      dateLine(filter, this.#source.state.locale.day),
      SNAPSHOT_FONTS.date,
      muted,
      baseline + 22,
    );

    if (layout.legend) this.#drawLegend(context);

    baseline = footer.y + 18;
    if (words.note?.trim()) {
      text(words.note.trim(), SNAPSHOT_FONTS.footer, ink, baseline);
      baseline += FOOTER_LINE;
    }
    const inEffect = state.dataset
      ? featuresInEffect(state.dataset, filter, state.data?.dyads, {
          filters: state.filters,
          mask: state.mask,
        })
      : null;
    const sources = inEffect ? sourceLabels([...inEffect.incidents, ...inEffect.relations]) : [];
    const credits = attributionParts(
      state.dataset?.attribution,
      this.#options.transparent ? [] : basemapAttributions(this.#map),
    );
    context.font = SNAPSHOT_FONTS.footer;
    context.fillStyle = muted;
    const basemapWidth = credits.basemap
      ? this.#measure(credits.basemap, SNAPSHOT_FONTS.footer)
      : 0;
    if (credits.basemap) {
      context.textAlign = 'right';
      context.fillText(credits.basemap, left + inner, baseline);
      context.textAlign = 'left';
    }
    const dataRoom = inner - (basemapWidth ? basemapWidth + 16 : 0);
    context.fillText(
      fitText(credits.data, dataRoom, SNAPSHOT_FONTS.footer, this.#measure),
      left,
      baseline,
    );
    baseline += FOOTER_LINE;
    text(sourceLine(sources, inner, this.#measure), SNAPSHOT_FONTS.footer, muted, baseline);
    if (words.byline?.trim()) {
      baseline += FOOTER_LINE;
      text(words.byline.trim(), SNAPSHOT_FONTS.footer, muted, baseline);
    }
    return canvas;
  }

  #drawLegend(context: CanvasRenderingContext2D): void {
    const legend = this.layout.legend!;
    const colors = THEME_COLORS[this.#source.state.theme];
    context.save();
    context.fillStyle = colors.legendFill;
    context.strokeStyle = colors.legendBorder;
    context.lineWidth = 1;
    context.beginPath();
    context.roundRect(legend.x + 0.5, legend.y + 0.5, legend.width - 1, legend.height - 1, 6);
    context.fill();
    context.stroke();
    context.textBaseline = 'middle';
    context.direction = this.layout.direction;
    for (const entry of legend.entries) {
      const middle = entry.y + LEGEND_LINE / 2;
      context.textAlign = entry.align;
      if (entry.type === 'heading') {
        context.font = SNAPSHOT_FONTS.legendHeading;
        context.fillStyle = colors.muted;
        context.fillText(entry.text, entry.x, middle);
        continue;
      }
      drawLegendMark(context, entry.item, entry.x, legendMarkCentre(entry), middle, colors);
      context.font = SNAPSHOT_FONTS.legendLabel;
      context.fillStyle = colors.text;
      const label = fitText(
        entry.item.label,
        entry.labelWidth,
        SNAPSHOT_FONTS.legendLabel,
        this.#measure,
      );
      context.fillText(label, entry.labelX, middle);
    }
    context.restore();
  }
}

function circle(context: CanvasRenderingContext2D, x: number, y: number, radius: number): void {
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
}

/**
 * Draws one legend mark in the swatch whose left edge is at `left`, a round mark centred on
 * `cx`, both on `middle`, with the same sizes as the SVG marks of `Legend.svelte`, in the
 * theme's outline and centre colours.
 */
function drawLegendMark(
  context: CanvasRenderingContext2D,
  item: LegendItem,
  left: number,
  cx: number,
  middle: number,
  colors: ThemeColors,
): void {
  context.save();
  context.setLineDash([]);
  switch (item.kind) {
    case 'mark':
      context.globalAlpha = item.opacity;
      if (item.halo) {
        circle(context, cx, middle, item.halo);
        context.fillStyle = item.color;
        context.globalAlpha = item.opacity * HALO_OPACITY;
        context.fill();
        context.globalAlpha = item.opacity;
      }
      circle(context, cx, middle, item.radius);
      context.fillStyle = item.color;
      context.fill();
      context.strokeStyle = colors.markOutline;
      context.lineWidth = OUTLINE_WIDTH;
      context.stroke();
      if (item.centre) {
        circle(context, cx, middle, item.radius * item.centre);
        context.fillStyle = colors.markCentre;
        context.fill();
      }
      if (item.disputed) {
        circle(context, cx, middle, item.radius * DISPUTED_DOT);
        context.fillStyle = colors.markOutline;
        context.fill();
      }
      break;
    case 'line':
      context.beginPath();
      context.moveTo(left + 1, middle);
      context.lineTo(left + LEGEND_SWATCH - 1, middle);
      context.strokeStyle = item.color;
      context.lineWidth = item.width;
      context.lineCap = 'butt';
      context.setLineDash(item.dash ? item.dash.map((d) => d * item.width) : []);
      context.stroke();
      break;
  }
  context.restore();
}

/** The attributions of the sources that the map's visible layers draw from. */
function basemapAttributions(map: MapLibreMap): string[] {
  const style = map.getStyle();
  const used = new Set(
    style.layers.flatMap((layer) =>
      'source' in layer && typeof layer.source === 'string' ? [layer.source] : [],
    ),
  );
  return Object.entries(style.sources).flatMap(([id, spec]) =>
    used.has(id) && 'attribution' in spec && typeof spec.attribution === 'string'
      ? [spec.attribution]
      : [],
  );
}

/** A canvas as a PNG blob. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))),
      'image/png',
    ),
  );
}

/**
 * Exports the live map as it is now as a PNG, with title, date, legend and attributions.
 * Throws a `SnapshotError` when the size or scale cannot be drawn by this browser.
 */
export async function exportImage(source: ExportSource, options: ImageOptions = {}): Promise<Blob> {
  const renderer = await SnapshotRenderer.open(source, options);
  try {
    return await canvasToPng(await renderer.render(source.state.filter));
  } finally {
    renderer.close();
  }
}
