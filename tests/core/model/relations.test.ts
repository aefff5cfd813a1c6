import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import {
  buildDyads,
  historyUntil,
  pairKey,
  stanceAt,
  stancePeriods,
} from '../../../src/core/model/relations.ts';
import { relationEvent } from './relationevent.ts';

const day = (iso: string) => dayFromIso(iso)!;

describe('stanceAt', () => {
  const dyad = buildDyads([
    relationEvent('IRN', 'AZE', '2022-08-05', 'tension'),
    relationEvent('AZE', 'IRN', '2022-10', 'hostility'),
  ])[0]!;

  it('treats A–B and B–A as one pair', () => {
    expect(pairKey('IRN', 'AZE')).toBe('AZE-IRN');
    expect(dyad.key).toBe('AZE-IRN');
    expect(dyad.events).toHaveLength(2);
  });

  it('is undefined before the first event and the latest event after', () => {
    expect(stanceAt(dyad, day('2022-08-04'))).toBeUndefined();
    expect(stanceAt(dyad, day('2022-08-05'))).toBe('tension');
    expect(stanceAt(dyad, day('2022-09-30'))).toBe('tension');
    expect(stanceAt(dyad, day('2022-10-01'))).toBe('hostility');
    expect(stanceAt(dyad, day('2030-01-01'))).toBe('hostility');
  });

  it('drops an ended event and falls back to the one before it', () => {
    const d = buildDyads([
      relationEvent('USA', 'IRN', '2020', 'tension'),
      relationEvent('USA', 'IRN', '2021-03-01', 'cooperation', '2021-04'),
    ])[0]!;
    expect(stanceAt(d, day('2021-04-30'))).toBe('cooperation');
    expect(stanceAt(d, day('2021-05-01'))).toBe('tension');
  });

  it('lets the later line of the file win on the same day', () => {
    const d = buildDyads([
      relationEvent('TUR', 'ISR', '2022-06-01', 'tension'),
      relationEvent('TUR', 'ISR', '2022-06-01', 'cooperation'),
    ])[0]!;
    expect(stanceAt(d, day('2022-06-01'))).toBe('cooperation');
  });
});

describe('stancePeriods', () => {
  it('agrees with stanceAt on every day', () => {
    const dyad = buildDyads([
      relationEvent('AAA', 'BBB', '2020-01-10', 'neutral', '2020-03'),
      relationEvent('AAA', 'BBB', '2020-02-01', 'hostility', '2020-02-10'),
      relationEvent('AAA', 'BBB', '2020-05', 'alliance'),
    ])[0]!;
    const periods = stancePeriods(dyad);
    for (let d = day('2020-01-01'); d < day('2020-07-01'); d++) {
      const period = periods.find((p) => p.start <= d && d < p.end);
      expect(period?.stance, `day ${d}`).toBe(stanceAt(dyad, d));
    }
    expect(periods.map((p) => p.stance)).toEqual(['neutral', 'hostility', 'neutral', 'alliance']);
    expect(periods.at(-1)!.end).toBe(Infinity);
  });
});

describe('historyUntil', () => {
  it('lists the events up to and including the day', () => {
    const dyad = buildDyads([
      relationEvent('AZE', 'ISR', '2022', 'cooperation'),
      relationEvent('AZE', 'ISR', '2022-11-18', 'alliance'),
    ])[0]!;
    expect(historyUntil(dyad, day('2022-11-17')).map((e) => e.stance)).toEqual(['cooperation']);
    expect(historyUntil(dyad, day('2022-11-18')).map((e) => e.stance)).toEqual([
      'cooperation',
      'alliance',
    ]);
  });
});
