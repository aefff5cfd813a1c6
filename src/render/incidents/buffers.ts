/**
 * Incidents packed for the GPU: one typed array of numbers and one of colours, built once
 * per dataset. The time filter then runs in the incident layer's shader, so a slider step
 * costs one uniform and a repaint whatever the number of incidents.
 */
import KDBush from 'kdbush';

/** Numbers per incident in `attributes`. */
export const STRIDE = 8;

/**
 * Incidents as the GPU layer draws them. They are drawn in order of first day, then
 * casualties, so where marks overlap the latest and most severe one is on top.
 */
export interface IncidentBuffers {
  count: number;
  /** For each position in the buffers, the incident's index in the dataset. */
  order: Int32Array;
  /**
   * Per incident: mercator x and y (0..1), first and last day, radius in pixels, halo radius
   * in pixels, status centre (fraction of the radius drawn white), disputed (1 or 0).
   */
  attributes: Float32Array;
  /** Per incident: red, green, blue, alpha. */
  colors: Uint8Array;
  /**
   * A KDBush index of the positions' mercator x and y (`KDBush.from(spatial)`), for
   * hit-testing. Built with the buffers, off the page's main thread: at a million incidents
   * building it takes long enough to stall the first pointer move.
   */
  spatial: ArrayBuffer;
}

/**
 * No incidents: what a layer draws before its data arrives. Written out rather than packed,
 * so the page's code does not carry the packing, which runs in the loading worker.
 */
export const NO_INCIDENTS: IncidentBuffers = {
  count: 0,
  order: new Int32Array(0),
  attributes: new Float32Array(0),
  colors: new Uint8Array(0),
  spatial: spatialIndex(new Float32Array(0), 0).data as ArrayBuffer,
};

/** A KDBush index of the first `count` positions in `attributes`; never empty, as KDBush needs a point. */
export function spatialIndex(attributes: Float32Array, count: number): KDBush {
  const index = new KDBush(Math.max(count, 1));
  for (let i = 0; i < count; i++) index.add(attributes[i * STRIDE]!, attributes[i * STRIDE + 1]!);
  if (count === 0) index.add(-10, -10);
  index.finish();
  return index;
}
