import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';
import { buildDyads, stanceAt } from '../../../src/core/model/relations.ts';
import type { RelationEvent } from '../../../src/core/model/schema.ts';
import { stanceChangeDays } from '../../../src/core/time/stancechanges.ts';
import { buildMapData } from '../../../src/core/prepare/mapdata.ts';
import { builtInDataset } from '../../builtin.ts';
import { relationEvent } from '../model/relationevent.ts';

const day = (iso: string) => dayFromIso(iso)!;
const wide = { start: day('2000-01-01'), end: day('2030-12-31') };
const isoDays = (changes: { day: number }[]) => changes.map((c) => isoFromDay(c.day));

describe('stanceChangeDays', () => {
  it('marks a first stance and each new one, not a restated one', () => {
    const dyads = buildDyads([
      relationEvent('IRN', 'AZE', '2022-08-05', 'tension'),
      relationEvent('AZE', 'IRN', '2022-10', 'hostility'),
      relationEvent('AZE', 'IRN', '2023-01-27', 'hostility'),
    ]);
    expect(isoDays(stanceChangeDays(dyads, wide))).toEqual(['2022-08-05', '2022-10-01']);
  });

  it('marks the day a stance ends, and a stance starting again after a gap', () => {
    const dyads = buildDyads([
      relationEvent('ISR', 'AZE', '2022-03-01', 'cooperation', '2022-05-31'),
      relationEvent('ISR', 'AZE', '2022-07-01', 'cooperation'),
    ]);
    expect(isoDays(stanceChangeDays(dyads, wide))).toEqual([
      '2022-03-01',
      '2022-06-01',
      '2022-07-01',
    ]);
  });

  it('counts the pairs changing on the same day and sorts the days', () => {
    const dyads = buildDyads([
      relationEvent('USA', 'IRN', '2023-01-01', 'tension'),
      relationEvent('TUR', 'AZE', '2022-05-01', 'alliance'),
      relationEvent('IRN', 'AZE', '2023-01-01', 'hostility'),
    ]);
    expect(stanceChangeDays(dyads, wide)).toEqual([
      { day: day('2022-05-01'), pairs: 1 },
      { day: day('2023-01-01'), pairs: 2 },
    ]);
  });

  it('keeps only days within the range, and only changes whose event is shown', () => {
    const dyads = buildDyads([
      relationEvent('IRN', 'AZE', '2022-08-05', 'tension'),
      relationEvent('AZE', 'IRN', '2022-10', 'hostility'),
      relationEvent('ISR', 'AZE', '2022-11-18', 'cooperation'),
    ]);
    const range = { start: day('2022-09-01'), end: day('2022-12-31') };
    expect(isoDays(stanceChangeDays(dyads, range))).toEqual(['2022-10-01', '2022-11-18']);
    const hostileOnly = (e: RelationEvent) => e.stance === 'hostility';
    expect(isoDays(stanceChangeDays(dyads, wide, hostileOnly))).toEqual(['2022-10-01']);
  });

  it('gives exactly the days where the built-in pairs differ from the day before', () => {
    const dataset = builtInDataset();
    const data = buildMapData(dataset);
    const changes = stanceChangeDays(data.dyads, data.range);
    const expected: number[] = [];
    for (let d = data.range.start; d <= data.range.end; d++) {
      const pairs = data.dyads.filter((dyad) => stanceAt(dyad, d) !== stanceAt(dyad, d - 1));
      if (pairs.length) expected.push(d);
    }
    expect(changes.map((c) => c.day)).toEqual(expected);
    expect(changes.length).toBeGreaterThan(2);
  });
});
