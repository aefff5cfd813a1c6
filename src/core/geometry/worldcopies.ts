/**
 * World copies: MapLibre repeats the world side by side (unless told not to), and a layer
 * that draws in Web Mercator draws once per copy in view. One rule for the incidents and the
 * arcs, for drawing and for picking, so what is picked is what is drawn.
 */

/**
 * The world copies (whole turns added to Web Mercator x) in which things reaching from x
 * `extent[0]` to `extent[1]` meet the x range from `west` to `east`: the copies to draw and
 * to search. Incidents lie within 0..1; arcs crossing the antimeridian run past it, so a
 * copy beside the view can reach into it. When the map does not repeat the world
 * (`repeat` false, MapLibre's `renderWorldCopies: false`), only copy 0 is drawn, and only
 * when it meets the range. Ranges touching an extent's edge count as meeting it.
 */
export function worldCopies(
  extent: readonly [number, number],
  west: number,
  east: number,
  repeat = true,
): number[] {
  // + 0 turns Math.ceil's -0 (for a range inside the world) into 0.
  const first = Math.ceil(west - extent[1]) + 0;
  const last = Math.floor(east - extent[0]);
  if (!repeat) return first <= 0 && last >= 0 ? [0] : [];
  const copies: number[] = [];
  for (let copy = first; copy <= last; copy++) copies.push(copy);
  return copies;
}
