/**
 * Relationship arcs packed for the GPU, built once per dataset (in the loading worker): the
 * straight segments of every arc's line, and for each line the stretches of time it is drawn
 * in, with their stance. On the GPU, a pass over the lines finds each one's stretch in effect
 * on the slider's day, and the segments read it, so a step costs a uniform, a pass over a few
 * thousand texels and a repaint; no tiles are cut, uploaded or re-laid-out.
 *
 * The arrays are laid out as rows of RGBA float texels, which the shaders read by number
 * (`texelFetch`) rather than as instanced attributes: software GPUs (SwiftShader, on
 * machines without a graphics card) run each instance as a draw of its own, and 600,000
 * instances took them 45 s a frame.
 *
 * A pair's stretches share one line, stored once. Lines come at four levels of detail: as
 * prepared, and simplified to about 1.5 px at zoom 6, 4 and 2, the greatest zoom each is
 * drawn at; a world view draws a seventh of the segments a city view does. Picking
 * (`pick.ts`) reads the finest level.
 */
import type { ArcProperties } from '../../core/prepare/mapdata.ts';

/** Texels per row of the textures the arrays are uploaded as. */
export const TEXTURE_WIDTH = 2048;

/** Numbers per segment in `segments`: two RGBA texels. */
export const SEGMENT_STRIDE = 8;

/** Numbers per stretch in `stretches`: one RGBA texel. */
export const STRETCH_STRIDE = 4;

/** Greatest zoom each coarser level of detail is drawn at; the finest is drawn above them. */
export const LEVEL_ZOOMS = [2, 4, 6] as const;

/**
 * A run of `segments` and the least and greatest x they reach. Each level keeps the lines
 * within the world (x in 0..1) apart from those crossing the antimeridian, so the world
 * copies beside the view draw only the few that reach into it.
 */
export interface SegmentGroup {
  first: number;
  count: number;
  extent: [number, number];
}

/** A level of detail: its segments, drawn up to `maxZoom`. */
export interface ArcLevel {
  maxZoom: number;
  groups: SegmentGroup[];
}

/** Arc lines and stretches as the GPU layer draws them, in Web Mercator (the world 1 unit wide). */
export interface ArcBuffers {
  /** The levels of detail, coarsest first; the last is the lines as given. */
  levels: ArcLevel[];
  /**
   * Per segment: x and y of its start, x and y of its end; distance along its line to its
   * start (for dashes), its line's index in `lines`, 0, 0. Zero-padded to whole texture rows.
   */
  segments: Float32Array;
  /** Number of lines. */
  lineCount: number;
  /**
   * Per line: its first stretch in `stretches`, its number of stretches, 0, 0. Zero-padded
   * to whole texture rows.
   */
  lines: Float32Array;
  /**
   * Per stretch, grouped by line and ordered by first day: first day, end day (exclusive),
   * the stance's index in `STANCES`, the pair's index (the position of its first stretch in
   * the order given). Zero-padded to whole texture rows.
   */
  stretches: Float32Array;
  /**
   * Per stretch in the order given to `packArcs`: its position in `stretches`, and the first
   * segment and segment count of its line at the finest level.
   */
  index: Uint32Array;
  /** Per stretch: least x, least y, greatest x, greatest y of its line. */
  bounds: Float32Array;
  /** Least and greatest x of all lines: arcs that cross the antimeridian run past 0..1. */
  extent: [number, number];
}

/** An arc stretch with its line, as `buildMapData` makes them. */
export interface ArcFeature {
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
  properties: ArcProperties;
}

/** Zero-filled numbers for `texels` RGBA texels, rounded up to whole texture rows. */
export function textureData(texels: number): Float32Array {
  return new Float32Array(Math.max(1, Math.ceil(texels / TEXTURE_WIDTH)) * TEXTURE_WIDTH * 4);
}

/**
 * No arcs: what a layer draws before its data arrives, as `packArcs([])` gives it. Written
 * out rather than packed, so the page's code does not carry the packing, which runs in the
 * loading worker.
 */
export const NO_ARCS: ArcBuffers = {
  levels: [...LEVEL_ZOOMS, Infinity].map((maxZoom) => ({
    maxZoom,
    groups: [0, 1].map(() => ({ first: 0, count: 0, extent: [0, 0] })),
  })),
  segments: textureData(0),
  lineCount: 0,
  lines: textureData(0),
  stretches: textureData(0),
  index: new Uint32Array(0),
  bounds: new Float32Array(0),
  extent: [0, 0],
};

/** The level of detail drawn at `zoom`. */
export function levelAt(buffers: ArcBuffers, zoom: number): ArcLevel {
  return buffers.levels.find((level) => zoom <= level.maxZoom) ?? buffers.levels.at(-1)!;
}

/** Whether stretch `i` is drawn on `day`: from its first day up to, not including, its end. */
export function isArcShown(buffers: ArcBuffers, i: number, day: number): boolean {
  if (buffers.index[i * 3 + 2] === 0) return false;
  const o = buffers.index[i * 3]! * STRETCH_STRIDE;
  return buffers.stretches[o]! <= day && day < buffers.stretches[o + 1]!;
}

/**
 * The buffers with the stretches a filter hides made empty (their end set to their first
 * day), so neither the state pass nor picking ever finds them in effect: `shown` holds one
 * byte per stretch in the order given to `packArcs`, 1 where it passes the filters, or is
 * `null` for all. Only the small stretches array is copied and sent again; a pair's other
 * stances keep their own days, so a hidden stance leaves a gap rather than an older stance.
 */
export function withShownStretches(buffers: ArcBuffers, shown: Uint8Array | null): ArcBuffers {
  if (!shown) return buffers;
  const stretches = buffers.stretches.slice();
  for (let i = 0; i < shown.length; i++) {
    if (shown[i] === 1) continue;
    const o = buffers.index[i * 3]! * STRETCH_STRIDE;
    stretches[o + 1] = stretches[o]!;
  }
  return { ...buffers, stretches };
}
