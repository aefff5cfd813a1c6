/**
 * Bringing a map's count badges to the slider's time, the filters and the zoom level. The
 * counting is `PlaceCounts` (binary searches per crowded place); MapLibre's source is
 * replaced only when the badges in view change, so most slider steps send nothing.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Incident } from '../../core/model/schema.ts';
import {
  PlaceCounts,
  placeBadges,
  placeLevel,
  type LonLatBounds,
  type PlaceBadge,
  type PlaceGroups,
} from '../../core/prepare/places.ts';
import type { TimeFilter } from '../../core/time/timeline.ts';
import { BADGE_OFFSET, badgeFeatures, PLACE_SOURCE, placeLayers, placeSource } from './layer.ts';

/** How far from a place's centre or its badge a click still means that place, in pixels. */
const HIT_RADIUS = 14;

/** Adds the badges' source and layers on top of a loaded map's layers. */
export function addPlaceLayers(map: MapLibreMap, fontStack: string[]): void {
  map.addSource(PLACE_SOURCE, placeSource());
  for (const layer of placeLayers(fontStack)) map.addLayer(layer);
}

/**
 * The count badges of one map for one dataset. Without its crowded places (`null`, while they
 * are still being grouped) it draws no badges, and finds no place at any point.
 */
export class PlaceBadgeSync {
  readonly #groups: PlaceGroups | null;
  readonly #incidents: readonly Incident[];
  #mask: Uint8Array | null = null;
  #level = -1;
  #counts: PlaceCounts | undefined;
  #shown: PlaceBadge[] = [];
  #signature = '';

  constructor(groups: PlaceGroups | null, incidents: readonly Incident[]) {
    this.#groups = groups;
    this.#incidents = incidents;
  }

  /** Sets the filters' mask (`filterMask`), `null` when nothing is filtered. */
  setMask(mask: Uint8Array | null): void {
    if (mask === this.#mask) return;
    this.#mask = mask;
    this.#counts = undefined;
  }

  /** The badges drawn now. */
  get badges(): readonly PlaceBadge[] {
    return this.#shown;
  }

  #countsAt(zoom: number): PlaceCounts | undefined {
    const level = placeLevel(zoom);
    if (level !== this.#level || !this.#counts) {
      const groups = this.#groups?.levels[level];
      this.#level = level;
      this.#counts = groups && new PlaceCounts(groups, this.#incidents, this.#mask);
    }
    return this.#counts;
  }

  /** Brings the badges of `map` to `filter`, at its zoom and within its view. */
  update(map: MapLibreMap, filter: TimeFilter): void {
    const counts = this.#countsAt(map.getZoom());
    const bounds = map.getBounds();
    const view: LonLatBounds = [
      bounds.getWest(),
      bounds.getSouth(),
      bounds.getEast(),
      bounds.getNorth(),
    ];
    const badges = counts ? placeBadges(counts, filter, view) : [];
    const signature = `${this.#level}:${badges.map((b) => `${b.group}/${b.count}`).join(',')}`;
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#shown = badges;
    (map.getSource(PLACE_SOURCE) as GeoJSONSource | undefined)?.setData(badgeFeatures(badges));
  }

  /**
   * The incidents of the crowded place at a point (on its mark or its badge), as positions
   * the time filter shows, by first day; `undefined` when no badge is there.
   */
  at(map: MapLibreMap, point: { x: number; y: number }, filter: TimeFilter): number[] | undefined {
    const counts = this.#counts;
    if (!counts) return undefined;
    let best: { group: number; distance: number } | undefined;
    for (const badge of this.#shown) {
      const centre = map.project([badge.lon, badge.lat]);
      const distance = Math.min(
        Math.hypot(point.x - centre.x, point.y - centre.y),
        Math.hypot(point.x - centre.x - BADGE_OFFSET[0], point.y - centre.y - BADGE_OFFSET[1]),
      );
      if (distance <= HIT_RADIUS && (!best || distance < best.distance)) {
        best = { group: badge.group, distance };
      }
    }
    return best && counts.shown(best.group, filter, this.#incidents);
  }
}
