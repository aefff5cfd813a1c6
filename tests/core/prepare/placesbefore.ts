/**
 * `groupPlaces` as it was before it was made faster (commit 7fecbe6), kept verbatim so a
 * property test can check that the faster one returns the very same groups, in the same
 * order, member for member.
 */
import type { Incident, LonLat } from '../../../src/core/model/schema.ts';
import type { TimeOrder } from '../../../src/core/time/incidentindex.ts';
import type { PlaceGroups, PlaceLevel } from '../../../src/core/prepare/places.ts';

const MAX_PLACE_LEVEL = 16;
const CELLS_AT_LEVEL_0 = 512 / 16;
const MAX_LATITUDE = 85.051129;

function finestCell([lon, lat]: LonLat): [number, number] {
  const side = CELLS_AT_LEVEL_0 * 2 ** MAX_PLACE_LEVEL;
  const wrapped = ((((lon + 180) % 360) + 360) % 360) / 360;
  const clamped = Math.min(Math.max(lat, -MAX_LATITUDE), MAX_LATITUDE);
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  const column = Math.min(side - 1, Math.floor(wrapped * side));
  const row = Math.min(side - 1, Math.max(0, Math.floor(y * side)));
  return [column, row];
}

/**
 * Groups incidents into crowded places at every level. `order` is the dataset's time order
 * (`timeOrder`), so each group's members come out by first day with no sort. Cost: one
 * hash lookup per incident at the finest level, one per cell at the others, and a counting
 * sort per level.
 */
export function groupPlacesBefore(incidents: readonly Incident[], order: TimeOrder): PlaceGroups {
  const n = incidents.length;
  // Cell per incident, in time order: group ids at the current level.
  const groupOf = new Int32Array(n);
  // Cells are computed in file order, where the incidents lie in memory (six times faster
  // at 1M than reading them in time order), then looked up in time order.
  const [columns, rows] = [new Int32Array(n), new Int32Array(n)];
  for (let p = 0; p < n; p++) [columns[p], rows[p]] = finestCell(incidents[p]!.coordinates);
  let cells = new CellTable(n);
  for (let r = 0; r < n; r++) {
    const p = order.order[r]!;
    groupOf[r] = cells.id(columns[p]!, rows[p]!);
  }
  const levels: PlaceLevel[] = [];
  for (let level = MAX_PLACE_LEVEL; level >= 0; level--) {
    if (level < MAX_PLACE_LEVEL) {
      const parents = new CellTable(cells.size);
      const parentOf = new Int32Array(cells.size);
      for (let g = 0; g < cells.size; g++) {
        parentOf[g] = parents.id(cells.columns[g]! >>> 1, cells.rows[g]! >>> 1);
      }
      for (let r = 0; r < n; r++) groupOf[r] = parentOf[groupOf[r]!]!;
      cells = parents;
    }
    levels[level] = crowdedLevel(incidents, order.order, groupOf, cells.size);
  }
  return { levels };
}

/**
 * Dense ids for grid cells, by open addressing over typed arrays: a `Map` keyed by
 * `row * side + column` hashes boxed numbers past 2^31 and took ten times as long.
 */
class CellTable {
  readonly columns: Int32Array;
  readonly rows: Int32Array;
  size = 0;
  readonly #slots: Int32Array;
  readonly #mask: number;

  /** A table for at most `capacity` cells. */
  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.#slots = new Int32Array(slots).fill(-1);
    this.#mask = slots - 1;
    this.columns = new Int32Array(Math.max(1, capacity));
    this.rows = new Int32Array(Math.max(1, capacity));
  }

  /** The id of a cell, a new one (the next in order) the first time it is seen. */
  id(column: number, row: number): number {
    // Mixed so the low bits depend on every bit: nearby cells must not share a run of slots.
    let hash = Math.imul(column, 0x9e3779b1) ^ row;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    let slot = (hash ^ (hash >>> 16)) & this.#mask;
    for (;;) {
      const id = this.#slots[slot]!;
      if (id < 0) break;
      if (this.columns[id] === column && this.rows[id] === row) return id;
      slot = (slot + 1) & this.#mask;
    }
    const id = this.size++;
    this.#slots[slot] = id;
    this.columns[id] = column;
    this.rows[id] = row;
    return id;
  }
}

/** The groups of two or more at one level, by a stable counting sort of the time order. */
function crowdedLevel(
  incidents: readonly Incident[],
  order: Int32Array,
  groupOf: Int32Array,
  groups: number,
): PlaceLevel {
  const sizes = new Int32Array(groups);
  for (let r = 0; r < groupOf.length; r++) sizes[groupOf[r]!]!++;
  // Where each crowded group's members start, -1 for groups of one.
  const start = new Int32Array(groups).fill(-1);
  let crowded = 0;
  let total = 0;
  for (let g = 0; g < groups; g++) {
    if (sizes[g]! < 2) continue;
    start[g] = total;
    total += sizes[g]!;
    crowded++;
  }
  const offsets = new Int32Array(crowded + 1);
  const members = new Int32Array(total);
  const lonLat = new Float64Array(crowded * 2);
  for (let g = 0, c = 0; g < groups; g++) {
    if (start[g]! < 0) continue;
    offsets[c++] = start[g]!;
  }
  offsets[crowded] = total;
  const next = start.slice();
  for (let r = 0; r < groupOf.length; r++) {
    const g = groupOf[r]!;
    if (next[g]! >= 0) members[next[g]!++] = order[r]!;
  }
  for (let c = 0; c < crowded; c++) {
    const [lon, lat] = incidents[members[offsets[c]!]!]!.coordinates;
    lonLat[2 * c] = lon;
    lonLat[2 * c + 1] = lat;
  }
  return { offsets, members, lonLat };
}
