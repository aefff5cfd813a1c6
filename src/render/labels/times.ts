/**
 * When the map's incident labels appear, in a form that keeps a slider step from touching
 * the label layer's tiles.
 *
 * The label layer's filter reads two `global-state` values, and MapLibre re-lays-out the
 * label tiles whenever one changes: several frames per step. The filter only compares these
 * values with the labels' own first and last days, so the slider's day can be rounded down to
 * the last label start, and the window's first day up to the next label end, without changing
 * which labels pass. Rounded, the values change only on the steps where a label appears or
 * goes; the fading in between is feature state, which touches paint only.
 */
import type { Day } from '../../core/model/dates.ts';
import { countAtMost } from '../../core/time/incidentindex.ts';
import { timeState } from './layer.ts';
import type { TimeFilter } from '../../core/time/timeline.ts';

/** The global state the label filter reads. */
export interface LabelState {
  /** The last label start on or before the slider's day; `NO_LABEL_YET` when none. */
  labelDay: number;
  /** The first label end on or after the window's first day; `NO_LABEL_LEFT` when none. */
  labelSince: number;
}

/** `labelDay` before any label has started: earlier than every day. */
export const NO_LABEL_YET = -1e9;
/** `labelSince` after every label has ended: later than every day, open ends included. */
export const NO_LABEL_LEFT = 1e9;

/** The first and last days of a dataset's labels, sorted for rounding. */
export class LabelTimes {
  readonly #starts: Float64Array;
  readonly #ends: Float64Array;

  constructor(labels: readonly { start: Day; end: Day }[]) {
    this.#starts = Float64Array.from(labels, (label) => label.start).sort();
    this.#ends = Float64Array.from(labels, (label) => label.end).sort();
  }

  /** The label filter's global state at `filter`; it shows exactly what `isIncidentShown` does. */
  state(filter: TimeFilter): LabelState {
    const { day, since } = timeState(filter);
    const started = countAtMost(this.#starts, day);
    const ended = countBelow(this.#ends, since);
    return {
      labelDay: started > 0 ? this.#starts[started - 1]! : NO_LABEL_YET,
      labelSince: ended < this.#ends.length ? this.#ends[ended]! : NO_LABEL_LEFT,
    };
  }
}

/** How many of the sorted `values` are below `limit`. */
function countBelow(values: Float64Array, limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
