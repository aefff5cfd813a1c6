import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SharedValues } from '../../../src/core/model/share.ts';
import type { Incident } from '../../../src/core/model/schema.ts';
import { builtInDataset } from '../../builtin.ts';

/** The incidents as the page receives them from the worker: structured clones, nothing shared. */
function received(): Incident[] {
  return structuredClone(builtInDataset().incidents);
}

describe('SharedValues', () => {
  it('leaves every incident equal to what it was', () => {
    const incidents = received();
    const shared = new SharedValues();
    for (const incident of incidents) shared.share(incident);
    expect(incidents).toEqual(received());
  });

  it('gives incidents with the same date and countries one object for each', () => {
    const shared = new SharedValues();
    const [a, b] = [received()[0]!, received()[0]!];
    expect(a.date).not.toBe(b.date);
    shared.share(a);
    shared.share(b);
    expect(b.date).toBe(a.date);
    expect(b.countries).toBe(a.countries);
    const other = { ...received()[0]!, countries: [...a.countries].reverse() };
    shared.share(other);
    if (a.countries.length > 1) expect(other.countries).not.toBe(a.countries);
    expect(other.countries).toEqual([...a.countries].reverse());
  });

  it('freezes what it shares, so changing one incident cannot change another', () => {
    const shared = new SharedValues();
    const incident = received()[0]!;
    shared.share(incident);
    expect(() => (incident.date.start = 0)).toThrow(TypeError);
    expect(() => incident.countries.push('IRN')).toThrow(TypeError);
  });

  it('keeps a date whose days differ from an earlier one of the same text', () => {
    const shared = new SharedValues();
    const first = { text: '2022-10', precision: 'month' as const, start: 19266, end: 19296 };
    const odd = { text: '2022-10', precision: 'day' as const, start: 19266, end: 19266 };
    expect(shared.date(first)).toBe(first);
    expect(shared.date({ ...first })).toBe(first);
    expect(shared.date(odd)).toBe(odd);
  });

  it('makes received incidents weigh much less on the heap', async () => {
    // Strings compare by value, so only the heap tells whether they are shared.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const batches = 200;
    const used = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    // Without their long texts, which are each incident's own, as in most large datasets.
    const short = builtInDataset().incidents.map((incident, i) => ({
      ...incident,
      title: `${i}`,
      summary: undefined,
      sources: [],
    }));
    const weigh = (share: boolean) => {
      const before = used();
      const shared = new SharedValues();
      const kept = Array.from({ length: batches }, () => {
        const incidents = structuredClone(short);
        if (share) for (const incident of incidents) shared.share(incident);
        return incidents;
      });
      const after = used();
      expect(kept).toHaveLength(batches);
      return after - before;
    };
    const plain = weigh(false);
    const shared = weigh(true);
    expect(shared).toBeLessThan(plain * 0.72);
  });
});
