import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { packIncidents } from '../../../src/render/incidents/pack.ts';
import { incidentAt, incidentsInView } from '../../../src/render/incidents/pick.ts';
import { incidentRadius } from '../../../src/core/style/marks.ts';
import { mercator } from '../../../src/core/geometry/mercator.ts';
import type { Incident } from '../../../src/core/model/schema.ts';

/** Pixels per world at zoom 5. */
const WORLD = 512 * 2 ** 5;
const ALWAYS = { day: 100, since: -1e9, fading: 1 };

/** An incident at a place over days `start` to `end`, with `fatalities`. */
function incident(id: string, at: [number, number], start: number, end = start, fatalities = 0) {
  return {
    id,
    coordinates: at,
    date: { start, end },
    first: start,
    last: end,
    category: 'attack',
    precision: 'exact',
    status: 'confirmed',
    fatalities,
  } as unknown as Incident;
}

function indexOf(incidents: Incident[]) {
  const buffers = packIncidents(incidents, () => '#D55E00');
  return { buffers, index: KDBush.from(buffers.spatial) };
}

describe('incidentAt', () => {
  const tehran: [number, number] = [51.389, 35.6892];
  const incidents = [
    incident('old', tehran, 10, 10, 50),
    incident('new', tehran, 20),
    incident('later', tehran, 200),
  ];
  const picking = indexOf(incidents);
  const point = mercator(...tehran);

  it('hits the topmost shown incident: the latest begun', () => {
    expect(incidentAt(picking, ALWAYS, point, WORLD, 3)).toBe(1);
  });

  it('ignores incidents outside the time filter', () => {
    expect(incidentAt(picking, { day: 15, since: -1e9, fading: 1 }, point, WORLD, 3)).toBe(0);
    // Window mode from day 15: "old" (day 10) has gone.
    expect(incidentAt(picking, { day: 15, since: 15, fading: 0 }, point, WORLD, 3)).toBe(undefined);
    expect(incidentAt(picking, { day: 5, since: -1e9, fading: 1 }, point, WORLD, 3)).toBe(
      undefined,
    );
  });

  it('reaches the radius plus the slop, and no farther', () => {
    const lone = indexOf([incident('a', [0, 0], 0)]);
    const radius = incidentRadius(0);
    const away = (pixels: number): [number, number] => [0.5 + pixels / WORLD, 0.5];
    expect(incidentAt(lone, ALWAYS, away(radius + 2.9), WORLD, 3)).toBe(0);
    expect(incidentAt(lone, ALWAYS, away(radius + 3.1), WORLD, 3)).toBeUndefined();
    expect(incidentAt(lone, ALWAYS, away(radius + 0.9), WORLD, 1)).toBe(0);
    expect(incidentAt(lone, ALWAYS, away(radius + 1.1), WORLD, 1)).toBeUndefined();
  });

  it('finds incidents on another world copy, and across the antimeridian', () => {
    const fiji = indexOf([incident('fiji', [179.9, -17.7], 0)]);
    const [x, y] = mercator(179.9, -17.7);
    expect(incidentAt(fiji, ALWAYS, [x + 1, y], WORLD, 3)).toBe(0);
    expect(incidentAt(fiji, ALWAYS, [x - 2, y], WORLD, 3)).toBe(0);
    // Just west of the antimeridian's other side: the mark at 179.9° reaches across it.
    expect(incidentAt(fiji, ALWAYS, mercator(-179.99, -17.7), WORLD, 3)).toBe(0);
    expect(incidentAt(fiji, ALWAYS, [x + 1, y], WORLD, 3, false)).toBeUndefined();
  });
});

describe('incidentsInView', () => {
  const incidents = [
    incident('baku', [49.867, 40.409], 0),
    incident('tehran', [51.389, 35.6892], 50),
    incident('fiji', [179.9, -17.7], 0),
  ];
  const picking = indexOf(incidents);
  const view = (w: number, n: number, e: number, s: number) =>
    [...mercator(w, n), ...mercator(e, s)] as [number, number, number, number];

  it('lists the incidents shown and in view, by dataset index', () => {
    expect(incidentsInView(picking, ALWAYS, view(40, 45, 60, 30))).toEqual([0, 1]);
    expect(incidentsInView(picking, { ...ALWAYS, day: 10 }, view(40, 45, 60, 30))).toEqual([0]);
  });

  it('sees incidents on the world copies in view unless the map does not repeat the world', () => {
    expect(incidentsInView(picking, ALWAYS, view(-200, 0, -170, -30))).toEqual([2]);
    expect(incidentsInView(picking, ALWAYS, view(-200, 0, -170, -30), false)).toEqual([]);
  });
});
