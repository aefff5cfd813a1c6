/**
 * A relation event for tests, as validation would give it: a pair, a date (and an optional
 * end) in the dataset's notation, and a stance. Ids and file order follow the calls.
 */
import { parseCalendarDate } from '../../../src/core/model/dates.ts';
import type { RelationEvent, Stance } from '../../../src/core/model/schema.ts';

let index = 0;

/** A relation event from `from` to `to` dated `date` (`2022-10`, `2022-08-05`), valid. */
export function relationEvent(
  from: string,
  to: string,
  date: string,
  stance: Stance,
  endDate?: string,
): RelationEvent {
  const start = parseCalendarDate(date)!;
  const end = endDate ? parseCalendarDate(endDate)! : undefined;
  return {
    kind: 'relation',
    index: index++,
    id: `${from}-${to}-${date}-${stance}`,
    title: stance,
    date: start,
    endDate: end,
    first: start.start,
    last: (end ?? start).end,
    from,
    to,
    stance,
    sources: [{ url: 'https://example.org' }],
    geometry: null,
  };
}
