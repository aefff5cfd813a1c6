/**
 * Crowded places: incidents at the same or nearly the same place, grouped so the map can say
 * how many marks one mark hides, and list them on a click.
 *
 * Incidents are grouped by a grid in Web Mercator space, one grid per zoom level, whose cells
 * are `PLACE_CELL_PX` screen pixels wide at that zoom. The cells per side are a power of two,
 * so each level's cells are the parents of the next level's: the loading worker groups the
 * finest level once and derives every coarser one from its cells, in time linear in the
 * incidents, after it has sent the dataset (the first frame needs no badges). Only groups of two or more are kept. Within a group, members are in time order
 * (ascending first day), so `PlaceCounts` answers each slider step with binary searches.
 */
import type { Incident, LonLat } from '../model/schema.ts';
import { countAtMost, type TimeOrder } from '../time/incidentindex.ts';
import type { TimeFilter } from '../time/timeline.ts';

/** Width of a grid cell in CSS pixels at its own zoom level: marks this close are one place. */
export const PLACE_CELL_PX = 16;

/** The finest level: zooms above it use its grid (cells of about 20 m at the equator). */
export const MAX_PLACE_LEVEL = 16;

/** Cells per side of the world at level 0: MapLibre's 512-pixel world over `PLACE_CELL_PX`. */
const CELLS_AT_LEVEL_0 = 512 / PLACE_CELL_PX;

/** Web Mercator's latitude limit. */
const MAX_LATITUDE = 85.051129;

/** The crowded places of one zoom level. */
export interface PlaceLevel {
  /** Group g's members are `members[offsets[g]]` up to `members[offsets[g + 1]]`, exclusive. */
  offsets: Int32Array;
  /** Positions into the dataset's incidents, each group's by ascending first day. */
  members: Int32Array;
  /** Longitude and latitude of each group's badge: its first member's place. */
  lonLat: Float64Array;
}

/** Crowded places at every level, `levels[z]` for zoom z (and above, at the finest). */
export interface PlaceGroups {
  levels: PlaceLevel[];
}

/** The grid level for a map zoom: its whole part, within 0…`MAX_PLACE_LEVEL`. */
export function placeLevel(zoom: number): number {
  return Math.min(MAX_PLACE_LEVEL, Math.max(0, Math.floor(zoom)));
}

/** Cells per side of the world at the finest level. */
const FINEST_SIDE = CELLS_AT_LEVEL_0 * 2 ** MAX_PLACE_LEVEL;

/** A longitude's column at the finest level, from the world's left edge; it wraps into −180…180. */
function finestColumn(lon: number): number {
  const wrapped = ((((lon + 180) % 360) + 360) % 360) / 360;
  return Math.min(FINEST_SIDE - 1, Math.floor(wrapped * FINEST_SIDE));
}

/** A latitude's row at the finest level, from the world's top edge, clamped to Mercator's limit. */
function finestRow(lat: number): number {
  const clamped = Math.min(Math.max(lat, -MAX_LATITUDE), MAX_LATITUDE);
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return Math.min(FINEST_SIDE - 1, Math.max(0, Math.floor(y * FINEST_SIDE)));
}

/**
 * A place's grid cell at the finest level, as column and row from the world's top-left
 * corner. Longitudes wrap into −180…180 and latitudes are clamped to Mercator's limit.
 */
export function finestCell([lon, lat]: LonLat): [number, number] {
  return [finestColumn(lon), finestRow(lat)];
}

/**
 * Groups incidents into crowded places at every level. `order` is the dataset's time order
 * (`timeOrder`), so each group's members come out by first day with no sort. Cost: one
 * hash lookup per incident at the finest level; then the finest cells are put in Z order,
 * where the children of every cell are side by side, so each coarser level is a scan of the
 * finer one's cells (no hashing) and one pass over the incidents, which moves each to its
 * parent cell and writes the members of the crowded groups. Groups are numbered by their
 * first incident in time order at every level.
 */
export function groupPlaces(
  incidents: readonly Incident[],
  order: Pick<TimeOrder, 'order'>,
): PlaceGroups {
  const n = incidents.length;
  const ranked = order.order;
  // Cells are computed in file order, where the incidents lie in memory (six times faster
  // at 1M than reading them in time order), then looked up in time order. The places are
  // kept too, so each level's badges are placed without going back to the incidents.
  const columns = new Int32Array(n);
  const rows = new Int32Array(n);
  const places = new Float64Array(2 * n);
  for (let p = 0; p < n; p++) {
    const coordinates = incidents[p]!.coordinates;
    const lon = coordinates[0];
    const lat = coordinates[1];
    columns[p] = finestColumn(lon);
    rows[p] = finestRow(lat);
    places[2 * p] = lon;
    places[2 * p + 1] = lat;
  }
  // Cell per incident, in time order: group ids at the current level.
  const groupOf = new Int32Array(n);
  const cells = new CellTable(n);
  const sizes = new Int32Array(n);
  // Each cell's first incident in time order.
  const firsts = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const p = ranked[r]!;
    const g = cells.id(columns[p]!, rows[p]!);
    if (g === cells.size - 1 && sizes[g] === 0) firsts[g] = r;
    groupOf[r] = g;
    sizes[g]!++;
  }
  const levels: PlaceLevel[] = [];
  // The finest cells' ids are in order of their first incidents already.
  const next = new Int32Array(n);
  const crowded = new Int32Array(n);
  let count = 0;
  for (let g = 0; g < cells.size; g++) if (sizes[g]! >= 2) crowded[count++] = g;
  levels[MAX_PLACE_LEVEL] = writeLevel(crowded.subarray(0, count), sizes, next, cells.size);
  fillMembers(levels[MAX_PLACE_LEVEL]!, groupOf, null, next, ranked, places);
  // The cells of the level below, in Z order, and for the finest which cell each one is.
  // Made once and swapped with the parents' at each level.
  let size = cells.size;
  let [zColumns, pColumns] = [new Int32Array(size), new Int32Array(size)];
  let [zRows, pRows] = [new Int32Array(size), new Int32Array(size)];
  let [zSizes, pSizes] = [new Int32Array(size), new Int32Array(size)];
  let [zFirsts, pFirsts] = [new Int32Array(size), new Int32Array(size)];
  const finest = zOrder(cells.columns, cells.rows, size);
  for (let i = 0; i < size; i++) {
    const g = finest[i]!;
    zColumns[i] = cells.columns[g]!;
    zRows[i] = cells.rows[g]!;
    zSizes[i] = sizes[g]!;
    zFirsts[i] = firsts[g]!;
  }
  const parentOf = new Int32Array(size);
  const byFirst = new Int32Array(n).fill(-1);
  for (let level = MAX_PLACE_LEVEL - 1; level >= 0; level--) {
    // Parents in Z order: a parent's children are a run of the children's Z order.
    pSizes.fill(0, 0, size);
    let parents = 0;
    for (let i = 0; i < size; i++) {
      const column = zColumns[i]! >>> 1;
      const row = zRows[i]! >>> 1;
      const last = parents - 1;
      if (parents === 0 || column !== pColumns[last] || row !== pRows[last]) {
        pColumns[parents] = column;
        pRows[parents] = row;
        pFirsts[parents] = zFirsts[i]!;
        parents++;
      } else if (zFirsts[i]! < pFirsts[last]!) pFirsts[last] = zFirsts[i]!;
      pSizes[parents - 1]! += zSizes[i]!;
      parentOf[level === MAX_PLACE_LEVEL - 1 ? finest[i]! : i] = parents - 1;
    }
    // The crowded parents, numbered by their first incidents.
    let crowdedCount = 0;
    for (let q = 0; q < parents; q++) {
      if (pSizes[q]! < 2) continue;
      byFirst[pFirsts[q]!] = q;
      crowded[crowdedCount++] = pFirsts[q]!;
    }
    const crowdedFirsts = crowded.subarray(0, crowdedCount).sort();
    for (let c = 0; c < crowdedCount; c++) {
      crowdedFirsts[c] = byFirst[crowdedFirsts[c]!]!;
      byFirst[pFirsts[crowdedFirsts[c]!]!] = -1;
    }
    levels[level] = writeLevel(crowdedFirsts, pSizes, next, parents);
    fillMembers(levels[level]!, groupOf, parentOf, next, ranked, places);
    [zColumns, pColumns, zRows, pRows] = [pColumns, zColumns, pRows, zRows];
    [zSizes, pSizes, zFirsts, pFirsts, size] = [pSizes, zSizes, pFirsts, zFirsts, parents];
  }
  return { levels };
}

/**
 * A level's offsets for its crowded groups, in the order given (`groups`, by first incident),
 * with space for their members; `next` gets where each of the level's `all` groups' members
 * start, -1 for those not crowded.
 */
function writeLevel(
  groups: Int32Array,
  sizes: Int32Array,
  next: Int32Array,
  all: number,
): PlaceLevel {
  next.fill(-1, 0, all);
  const offsets = new Int32Array(groups.length + 1);
  let total = 0;
  for (let c = 0; c < groups.length; c++) {
    const g = groups[c]!;
    offsets[c] = total;
    next[g] = total;
    total += sizes[g]!;
  }
  offsets[groups.length] = total;
  return {
    offsets,
    members: new Int32Array(total),
    lonLat: new Float64Array(2 * groups.length),
  };
}

/**
 * Writes a level's members, moving each incident to its parent group first (`parentOf`, when
 * given), in time order so each group's members are by first day; then its badges' places,
 * at each group's first member (`places`: each incident's longitude and latitude).
 */
function fillMembers(
  level: PlaceLevel,
  groupOf: Int32Array,
  parentOf: Int32Array | null,
  next: Int32Array,
  ranked: Int32Array,
  places: Float64Array,
): void {
  const { offsets, members, lonLat } = level;
  for (let r = 0; r < groupOf.length; r++) {
    const g = parentOf ? parentOf[groupOf[r]!]! : groupOf[r]!;
    groupOf[r] = g;
    if (next[g]! >= 0) members[next[g]!++] = ranked[r]!;
  }
  for (let c = 0; c + 1 < offsets.length; c++) {
    const p = members[offsets[c]!]!;
    lonLat[2 * c] = places[2 * p]!;
    lonLat[2 * c + 1] = places[2 * p + 1]!;
  }
}

/** Spreads the low 16 bits of a number over the even bits of 32. */
function spread(value: number): number {
  let x = value & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  return (x | (x << 1)) & 0x55555555;
}

/**
 * Cells 0…count−1 in Z (Morton) order of their columns and rows: the children of any cell,
 * at any coarser level, are side by side. A radix sort of the 42-bit interleaved keys, in
 * four passes.
 */
function zOrder(columns: Int32Array, rows: Int32Array, count: number): Int32Array {
  let low = new Uint32Array(count);
  let high = new Uint32Array(count);
  let ids = new Int32Array(count);
  for (let g = 0; g < count; g++) {
    const [column, row] = [columns[g]!, rows[g]!];
    low[g] = (spread(column) | (spread(row) << 1)) >>> 0;
    high[g] = spread(column >>> 16) | (spread(row >>> 16) << 1);
    ids[g] = g;
  }
  let [low2, high2, ids2] = [new Uint32Array(count), new Uint32Array(count), new Int32Array(count)];
  const starts = new Int32Array(2048);
  for (const [fromHigh, shift] of [
    [false, 0],
    [false, 11],
    [false, 22],
    [true, 0],
  ] as const) {
    const keys = fromHigh ? high : low;
    starts.fill(0);
    for (let i = 0; i < count; i++) starts[(keys[i]! >>> shift) & 2047]!++;
    for (let d = 0, sum = 0; d < 2048; d++) [starts[d], sum] = [sum, sum + starts[d]!];
    for (let i = 0; i < count; i++) {
      const j = starts[(keys[i]! >>> shift) & 2047]!++;
      low2[j] = low[i]!;
      high2[j] = high[i]!;
      ids2[j] = ids[i]!;
    }
    [low, low2, high, high2, ids, ids2] = [low2, low, high2, high, ids2, ids];
  }
  return ids;
}

/** Numbers per slot of a `CellTable`. */
const SLOT = 3;

/**
 * Dense ids for grid cells, by open addressing over typed arrays: a `Map` keyed by
 * `row * side + column` hashes boxed numbers past 2^31 and took ten times as long. Each slot
 * holds its cell's id, column and row side by side, so a probe reads one place in memory.
 */
class CellTable {
  readonly columns: Int32Array;
  readonly rows: Int32Array;
  size = 0;
  /** Id, column and row per slot; an id of -1 marks an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;

  /** A table for at most `capacity` cells. */
  constructor(capacity: number) {
    // Twice the cells, to a power of two: short runs of probes.
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.#slots = new Int32Array(SLOT * slots).fill(-1);
    this.#mask = slots - 1;
    this.columns = new Int32Array(Math.max(1, capacity));
    this.rows = new Int32Array(Math.max(1, capacity));
  }

  /** The id of a cell, a new one (the next in order) the first time it is seen. */
  id(column: number, row: number): number {
    const slots = this.#slots;
    // Mixed so the low bits depend on every bit: nearby cells must not share a run of slots.
    let hash = Math.imul(column, 0x9e3779b1) ^ row;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    let at = SLOT * ((hash ^ (hash >>> 16)) & this.#mask);
    const end = SLOT * (this.#mask + 1);
    for (;;) {
      const id = slots[at]!;
      if (id < 0) break;
      if (slots[at + 1] === column && slots[at + 2] === row) return id;
      at = at + SLOT === end ? 0 : at + SLOT;
    }
    const id = this.size++;
    slots[at] = id;
    slots[at + 1] = column;
    slots[at + 2] = row;
    this.columns[id] = column;
    this.rows[id] = row;
    return id;
  }
}

/**
 * The crowded places of one level under the filters, ready to count at any slider step:
 * built when the level or the filters change (linear in the level's members), then each step
 * costs two binary searches per group.
 */
export class PlaceCounts {
  readonly level: PlaceLevel;
  /** Each group's members that pass the filters, by first day (same layout as the level's). */
  readonly offsets: Int32Array;
  readonly members: Int32Array;
  /** First days of `members`, ascending within each group. */
  readonly #firsts: Float64Array;
  /** Last days of `members`, sorted ascending within each group (not member by member). */
  readonly #lasts: Float64Array;

  /** `mask` is `filterMask`'s, 1 for each incident the filters show; `null` shows all. */
  constructor(level: PlaceLevel, incidents: readonly Incident[], mask: Uint8Array | null) {
    this.level = level;
    const groups = level.offsets.length - 1;
    const offsets = new Int32Array(groups + 1);
    const kept: number[] = [];
    for (let g = 0; g < groups; g++) {
      offsets[g] = kept.length;
      for (let k = level.offsets[g]!; k < level.offsets[g + 1]!; k++) {
        const position = level.members[k]!;
        if (!mask || mask[position]) kept.push(position);
      }
    }
    offsets[groups] = kept.length;
    this.offsets = offsets;
    this.members = Int32Array.from(kept);
    this.#firsts = new Float64Array(kept.length);
    this.#lasts = new Float64Array(kept.length);
    for (let k = 0; k < kept.length; k++) {
      const incident = incidents[kept[k]!]!;
      this.#firsts[k] = incident.first;
      this.#lasts[k] = incident.last;
    }
    for (let g = 0; g < groups; g++) this.#lasts.subarray(offsets[g], offsets[g + 1]).sort();
  }

  /** Number of groups at this level (crowded before filtering). */
  get size(): number {
    return this.offsets.length - 1;
  }

  /**
   * How many of group g's incidents the time filter shows, as `isIncidentShown` decides:
   * those begun by the day, less (in window mode) those ended before the window, which all
   * began before it too.
   */
  count(g: number, filter: TimeFilter): number {
    const [from, to] = [this.offsets[g]!, this.offsets[g + 1]!];
    const started = countAtMost(this.#firsts, filter.day, from, to);
    if (filter.mode === 'cumulative') return started;
    return started - countAtMost(this.#lasts, filter.day - filter.windowDays, from, to);
  }

  /** The positions of group g's incidents the time filter shows, by first day. */
  shown(g: number, filter: TimeFilter, incidents: readonly Incident[]): number[] {
    const result: number[] = [];
    for (let k = this.offsets[g]!; k < this.offsets[g + 1]!; k++) {
      const incident = incidents[this.members[k]!]!;
      if (incident.first > filter.day) break;
      if (filter.mode === 'cumulative' || incident.last > filter.day - filter.windowDays) {
        result.push(this.members[k]!);
      }
    }
    return result;
  }
}

/** A count badge on the map: a place where two or more shown incidents meet. */
export interface PlaceBadge {
  /** The group's index at its level. */
  group: number;
  count: number;
  lon: number;
  lat: number;
}

/** West, south, east, north in degrees; east may be below west across the antimeridian. */
export type LonLatBounds = [number, number, number, number];

function inBounds(lon: number, lat: number, [west, south, east, north]: LonLatBounds): boolean {
  if (lat < south || lat > north) return false;
  if (east - west >= 360) return true;
  const x = ((((lon - west) % 360) + 360) % 360) + west;
  return x <= (east < west ? east + 360 : east);
}

/** Most badges drawn at once: the most crowded places in view when there are more. */
export const MAX_BADGES = 2_000;

/**
 * The badges at the slider's time: groups in `bounds` (all when absent) where two or more
 * shown incidents meet; when more than `limit`, the most crowded, by count then group index
 * (as sorting them all would keep them), in that order. The most crowded are selected
 * rather than sorted: at a million incidents over a hundred thousand places can have a badge.
 */
export function placeBadges(
  counts: PlaceCounts,
  filter: TimeFilter,
  bounds?: LonLatBounds,
  limit = MAX_BADGES,
): PlaceBadge[] {
  const { lonLat } = counts.level;
  const groups = new Int32Array(counts.size);
  const tallies = new Int32Array(counts.size);
  let badged = 0;
  for (let g = 0; g < counts.size; g++) {
    if (bounds && !inBounds(lonLat[2 * g]!, lonLat[2 * g + 1]!, bounds)) continue;
    const count = counts.count(g, filter);
    if (count < 2) continue;
    groups[badged] = g;
    tallies[badged++] = count;
  }
  const badge = (i: number): PlaceBadge => {
    const g = groups[i]!;
    return { group: g, count: tallies[i]!, lon: lonLat[2 * g]!, lat: lonLat[2 * g + 1]! };
  };
  if (badged <= limit) return Array.from({ length: badged }, (_, i) => badge(i));
  // Every badge above the limit-th highest count is kept, and of those at it the lowest
  // groups (they come in group order) until the limit is reached.
  const threshold = kthLargest(tallies.slice(0, badged), limit);
  let ties = limit;
  for (let i = 0; i < badged; i++) if (tallies[i]! > threshold) ties--;
  const kept: PlaceBadge[] = [];
  for (let i = 0; i < badged; i++) {
    if (tallies[i]! > threshold || (tallies[i] === threshold && ties-- > 0)) kept.push(badge(i));
  }
  return kept.sort((a, b) => b.count - a.count || a.group - b.group);
}

/**
 * The k-th largest of `values` (k from 1), by quickselect with a three-way partition, which
 * keeps runs of equal counts (most places count 2 or 3) from slowing it down. Reorders
 * `values`.
 */
function kthLargest(values: Int32Array, k: number): number {
  const target = k - 1;
  let [low, high] = [0, values.length - 1];
  while (low < high) {
    const pivot = medianOfThree(values[low]!, values[(low + high) >>> 1]!, values[high]!);
    // Descending: [low, above) > pivot, [above, i) = pivot, (below, high] < pivot.
    let [above, i, below] = [low, low, high];
    while (i <= below) {
      const value = values[i]!;
      if (value > pivot) {
        values[i++] = values[above]!;
        values[above++] = value;
      } else if (value < pivot) {
        values[i] = values[below]!;
        values[below--] = value;
      } else i++;
    }
    if (target < above) high = above - 1;
    else if (target > below) low = below + 1;
    else return pivot;
  }
  return values[target]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
