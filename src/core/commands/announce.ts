/**
 * What a screen reader hears when the slider moves: the new date and what changed since the
 * previous position, e.g. "27 Jan 2023: 1 incident, Azerbaijan–Iran: hostility".
 */
import { countryName } from '../model/countries.ts';
import { formatDay, type Day } from '../model/dates.ts';
import type { Dyad } from '../model/relations.ts';
import type { RelationEvent } from '../model/schema.ts';
import { stanceEventAt } from '../model/relations.ts';
import type { IncidentTimeIndex } from '../time/incidentindex.ts';
import { STANCE_STYLES } from '../style/palette.ts';

/** Most pair changes named one by one before the rest are counted. */
const MAX_NAMED_CHANGES = 3;

/**
 * Describes a move of the slider from `from` to `to`: incidents that begin in the days moved
 * over (after `from`, up to and including `to`; moving backwards names none) and pairs whose
 * stance differs between the two days. `incidents` counts only what passes the filters when
 * built with their mask; `relationShown` says which relation events pass them (an event that
 * does not counts as no relationship, as the map draws none).
 */
export function describeStep(
  from: Day,
  to: Day,
  incidents: IncidentTimeIndex,
  dyads: readonly Dyad[],
  relationShown: (event: RelationEvent) => boolean = () => true,
): string {
  const parts: string[] = [];
  const started = incidents.countStartedBetween(from, to);
  if (started) parts.push(`${started} ${started === 1 ? 'incident' : 'incidents'}`);
  const changes: string[] = [];
  for (const dyad of dyads) {
    const stanceOn = (day: Day) => {
      const event = stanceEventAt(dyad, day);
      return event && relationShown(event) ? event.stance : undefined;
    };
    const before = stanceOn(from);
    const after = stanceOn(to);
    if (before === after) continue;
    const pair = `${countryName(dyad.a)}–${countryName(dyad.b)}`;
    changes.push(
      `${pair}: ${after ? STANCE_STYLES[after].label.toLowerCase() : 'no relationship'}`,
    );
  }
  parts.push(...changes.slice(0, MAX_NAMED_CHANGES));
  if (changes.length > MAX_NAMED_CHANGES) {
    parts.push(`${changes.length - MAX_NAMED_CHANGES} more relationship changes`);
  }
  const date = formatDay(to);
  return parts.length ? `${date}: ${parts.join(', ')}` : date;
}
