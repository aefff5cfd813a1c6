/**
 * Keeping a selected place in sight: panels float over the map (the details, a country's
 * profile, the legend), so a place can be on screen and still hidden. These rules find the
 * part of the map the panels leave free and where to move the map's centre so the place
 * shows in it. Pixels are CSS pixels from the map's top left corner.
 */

/** A rectangle in CSS pixels from the map's top left corner. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Free space narrower or lower than this is no place to show anything: panels are ignored. */
const MIN_FREE = 120;

/**
 * The map's free part: the map (`width` × `height`) less the panels docked along its sides.
 * A panel that starts in the map's left third is docked on the left, one that ends in its
 * right third on the right; a panel spanning more than two thirds of the width is docked at
 * the top or the bottom, whichever it is nearer. When the panels leave too little, the whole
 * map is free: a phone's panel covers it anyway, and the reader closes it to see the map.
 */
export function freeArea(width: number, height: number, panels: readonly Rect[]): Rect {
  const free: Rect = { left: 0, top: 0, right: width, bottom: height };
  for (const panel of panels) {
    if (panel.right <= panel.left || panel.bottom <= panel.top) continue;
    if (panel.right - panel.left > (2 * width) / 3) {
      if (panel.top + panel.bottom < height) free.top = Math.max(free.top, panel.bottom);
      else free.bottom = Math.min(free.bottom, panel.top);
    } else if (panel.left < width / 3) free.left = Math.max(free.left, panel.right);
    else if (panel.right > (2 * width) / 3) free.right = Math.min(free.right, panel.left);
  }
  if (free.right - free.left < MIN_FREE || free.bottom - free.top < MIN_FREE) {
    return { left: 0, top: 0, right: width, bottom: height };
  }
  return free;
}

/**
 * How far to move the map, in pixels, so that `point` shows inside `free` with `margin` to
 * spare: `null` when it already does, else the shift that brings it to the free part's
 * centre (add it to the centre's pixel position and unproject). Centring rather than nudging
 * to the edge leaves room for the place's label and its neighbours.
 */
export function revealShift(
  point: { x: number; y: number },
  free: Rect,
  margin = 24,
): { dx: number; dy: number } | null {
  const inside =
    point.x >= free.left + margin &&
    point.x <= free.right - margin &&
    point.y >= free.top + margin &&
    point.y <= free.bottom - margin;
  if (inside) return null;
  return {
    dx: point.x - (free.left + free.right) / 2,
    dy: point.y - (free.top + free.bottom) / 2,
  };
}
