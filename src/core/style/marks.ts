/**
 * How an incident mark is drawn, in one place: the GPU layer's shader (as defines and
 * attributes), the legend (`legend.ts`, drawn as SVG by `Legend.svelte` and on canvas by
 * exported images) and the benchmark's naive layers all read these rules.
 *
 * A mark is a disc sized by casualties and filled with its category's colour, with a dark
 * outline (wider when selected), a white centre for its status (a dot when reported, a ring
 * when claimed or disputed), a dark dot in the middle when disputed, and a soft halo of its
 * colour behind it when its place is known only to a city, region or country.
 */
import { CATEGORY_COLORS, MARK_OUTLINE } from './palette.ts';
import type { Incident } from '../model/schema.ts';

// The outline's colour lives with the other colours, whose contrast `palette.test.ts` checks.
export { MARK_OUTLINE };

/** Width in pixels of a mark's outline, and of the selected mark's. */
export const OUTLINE_WIDTH = 1.2;
export const SELECTED_OUTLINE_WIDTH = 3.5;

/**
 * Status is drawn as a white centre inside the coloured mark, as a fraction of its radius:
 * none when confirmed, a dot when reported, a wide centre (a ring) when claimed or disputed.
 * Disputed marks also have a dot of the outline colour in the middle (`DISPUTED_DOT`).
 */
export const STATUS_CENTRE: Record<string, number> = {
  confirmed: 0,
  reported: 0.38,
  claimed: 0.58,
  disputed: 0.58,
};

/** Radius of the dark dot in the middle of a disputed mark, as a fraction of its radius. */
export const DISPUTED_DOT = 0.22;

/**
 * Soft halo radius in pixels for incidents placed only to a city, region or country; 0 for
 * exact places.
 */
export const HALO_RADIUS: Record<string, number> = { exact: 0, city: 14, region: 26, country: 36 };

/** Opacity of a halo at its centre; it fades out towards its radius. */
export const HALO_OPACITY = 0.35;

/** Radius in pixels of the largest mark (`incidentRadius` of any severity). */
export const MAX_MARK_RADIUS = 16;

/** Radius in pixels for an incident's casualties; area grows with the count. */
export function incidentRadius(severity: number): number {
  return Math.min(MAX_MARK_RADIUS, 5 + 2.2 * Math.sqrt(severity));
}

/** Killed plus injured, 0 when unknown: what sizes a mark. */
export function severityOf(incident: Incident): number {
  return (incident.fatalities ?? 0) + (incident.injured ?? 0);
}

/**
 * The fill of a category's marks: the colour the dataset gives it, else the built-in
 * category's, else the colour of "other".
 */
export function categoryColor(category: { id: string; color?: string | undefined }): string {
  return category.color ?? CATEGORY_COLORS[category.id] ?? CATEGORY_COLORS.other!;
}

/**
 * The fill of each category of a dataset by id (`categoryColor`); an id the dataset does not
 * declare gets the colour of "other".
 */
export function categoryColors(
  categories: readonly { id: string; color?: string | undefined }[],
): (id: string) => string {
  const colors = new Map(categories.map((c) => [c.id, categoryColor(c)]));
  return (id) => colors.get(id) ?? CATEGORY_COLORS.other!;
}
