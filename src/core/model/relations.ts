/**
 * Country pairs and their stance over time.
 *
 * The stance of the pair {A, B} on day d is the stance of the latest relation event for
 * that unordered pair dated on or before d that has not ended by d. Events on the same day
 * are ordered as in the file, so the later line wins. An event counts from the first day
 * its date covers (`2022-10` counts from 1 October) and lasts through the last day its
 * `end_date` covers.
 */
import type { Day } from './dates.ts';
import type { RelationEvent, Stance } from './schema.ts';

/** An unordered country pair with its relation events in date order. */
export interface Dyad {
  /** `AAA-BBB` with the codes sorted, so A–B and B–A are one pair. */
  key: string;
  a: string;
  b: string;
  events: RelationEvent[];
}

/** A stretch of days over which a pair's stance does not change. */
export interface StancePeriod {
  /** First day, inclusive. */
  start: Day;
  /** First day after the period; `Infinity` while it is still open. */
  end: Day;
  stance: Stance;
  /** The event that sets the stance. */
  event: RelationEvent;
}

/** The key of an unordered pair: `pairKey('IRN', 'AZE') === 'AZE-IRN'`. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** Groups relation events into pairs, each pair's events sorted by start day, stably. */
export function buildDyads(relations: readonly RelationEvent[]): Dyad[] {
  const byKey = new Map<string, Dyad>();
  for (const event of relations) {
    const key = pairKey(event.from, event.to);
    let dyad = byKey.get(key);
    if (!dyad) {
      const [a, b] = key.split('-') as [string, string];
      dyad = { key, a, b, events: [] };
      byKey.set(key, dyad);
    }
    dyad.events.push(event);
  }
  for (const dyad of byKey.values()) {
    dyad.events.sort((x, y) => x.date.start - y.date.start || x.index - y.index);
  }
  return [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : 1));
}

function isInEffect(event: RelationEvent, day: Day): boolean {
  return event.date.start <= day && (!event.endDate || event.endDate.end >= day);
}

/**
 * The event that sets a pair's stance on a day, or `undefined` when no event is in effect
 * (then no relationship is drawn).
 */
export function stanceEventAt(dyad: Dyad, day: Day): RelationEvent | undefined {
  for (let i = dyad.events.length - 1; i >= 0; i--) {
    const event = dyad.events[i]!;
    if (isInEffect(event, day)) return event;
  }
  return undefined;
}

/** The stance of a pair on a day, or `undefined` before its first event. */
export function stanceAt(dyad: Dyad, day: Day): Stance | undefined {
  return stanceEventAt(dyad, day)?.stance;
}

/**
 * Splits a pair's history into periods of constant stance-setting event. The stance can
 * only change on an event's first day or the day after an event ends, so evaluating
 * `stanceEventAt` at those days gives every period exactly.
 */
export function stancePeriods(dyad: Dyad): StancePeriod[] {
  const boundaries = new Set<Day>();
  for (const event of dyad.events) {
    boundaries.add(event.date.start);
    if (event.endDate) boundaries.add(event.endDate.end + 1);
  }
  const days = [...boundaries].sort((x, y) => x - y);
  const periods: StancePeriod[] = [];
  for (const day of days) {
    const event = stanceEventAt(dyad, day);
    const open = periods.at(-1);
    if (open && open.end === Infinity) {
      if (open.event === event) continue;
      open.end = day;
    }
    if (event) periods.push({ start: day, end: Infinity, stance: event.stance, event });
  }
  return periods;
}

/** The events of a pair up to and including a day: the pair's history as of that day. */
export function historyUntil(dyad: Dyad, day: Day): RelationEvent[] {
  return dyad.events.filter((event) => event.date.start <= day);
}
