/**
 * The days on which a relationship changes stance, for the ticks under the timeline.
 *
 * A pair's stance changes on a day when it differs from the day before: a first stance, a
 * new one, or none once its last event has ended. A later event that restates the same stance
 * is no change, so a tick always means the map's arc looks different from one day to the next.
 */
import type { Day } from '../model/dates.ts';
import { stancePeriods, type Dyad } from '../model/relations.ts';
import type { RelationEvent } from '../model/schema.ts';
import type { DateRange } from './timeline.ts';

/** One day on which at least one pair's stance changes, and how many pairs change on it. */
export interface StanceChangeDay {
  day: Day;
  pairs: number;
}

/**
 * The days within `range` on which some pair's stance changes, ascending. `shown` leaves out
 * changes whose event the filters hide: a change counts when the event that sets the new
 * stance passes, or, when a stance ends, the event that had set it.
 */
export function stanceChangeDays(
  dyads: readonly Dyad[],
  range: DateRange,
  shown: (event: RelationEvent) => boolean = () => true,
): StanceChangeDay[] {
  const counts = new Map<Day, number>();
  const count = (day: Day) => {
    if (day >= range.start && day <= range.end) counts.set(day, (counts.get(day) ?? 0) + 1);
  };
  for (const dyad of dyads) {
    const periods = stancePeriods(dyad);
    periods.forEach((period, i) => {
      const previous = periods[i - 1];
      const before = previous && previous.end === period.start ? previous.stance : undefined;
      if (period.stance !== before && shown(period.event)) count(period.start);
      // `end` is the first day without this period; no period starting then means no stance.
      const next = periods[i + 1];
      if (period.end !== Infinity && next?.start !== period.end && shown(period.event)) {
        count(period.end);
      }
    });
  }
  return [...counts].sort(([a], [b]) => a - b).map(([day, pairs]) => ({ day, pairs }));
}
