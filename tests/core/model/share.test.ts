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
  it('copies every incident exactly, with every source field', () => {
    const shared = new SharedValues();
    const original = builtInDataset().incidents;
    expect(received().map((incident) => shared.incident(incident))).toStrictEqual(original);
    const cited = {
      ...original[0]!,
      sources: [
        { url: 'https://example.org/a', title: 'A', publisher: 'P', published: '2022-10-01' },
        { title: 'B' },
      ],
    };
    expect(shared.incident(structuredClone(cited))).toStrictEqual(cited);
  });

  it('gives incidents with the same date and countries one object for each', () => {
    const shared = new SharedValues();
    const [first, second] = [received()[0]!, received()[0]!];
    expect(first.date).not.toBe(second.date);
    const [a, b] = [shared.incident(first), shared.incident(second)];
    expect(b.date).toBe(a.date);
    expect(b.countries).toBe(a.countries);
    const countries = ['IRN', 'AZE'];
    const other = shared.incident({ ...received()[0]!, countries });
    expect(other.countries).toEqual(countries);
    const reversed = shared.incident({ ...received()[0]!, countries: ['AZE', 'IRN'] });
    expect(reversed.countries).toEqual(['AZE', 'IRN']);
  });

  it('freezes what it shares, so changing one incident cannot change another', () => {
    const shared = new SharedValues();
    const incident = shared.incident(received()[0]!);
    expect(() => (incident.date.start = 0)).toThrow(TypeError);
    expect(() => incident.countries.push('IRN')).toThrow(TypeError);
  });

  it('keeps a date whose days differ from an earlier one of the same text', () => {
    const shared = new SharedValues();
    const first = { text: '2022-10', precision: 'month' as const, start: 19266, end: 19296 };
    const odd = { text: '2022-10', precision: 'day' as const, start: 19266, end: 19266 };
    const one = shared.date(first);
    expect(one).toEqual(first);
    expect(shared.date({ ...first })).toBe(one);
    expect(shared.date(odd)).toBe(odd);
  });

  it('makes received incidents weigh much less on the heap, most by sharing', () => {
    // Strings compare by value, so only the heap tells whether they are shared.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const batches = 400;
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
    /** The heap `copy` takes for the clones of many batches, `shared` across all of them. */
    const weigh = (copy: (incident: Incident, shared: SharedValues) => Incident) => {
      const before = used();
      const shared = new SharedValues();
      const kept = Array.from({ length: batches }, () =>
        structuredClone(short).map((incident) => copy(incident, shared)),
      );
      const after = used();
      expect(kept).toHaveLength(batches);
      return after - before;
    };
    const clones = weigh((incident) => incident);
    const compact = weigh((incident) => new SharedValues().incident(incident));
    const shared = weigh((incident, shared) => shared.incident(incident));
    expect(compact).toBeLessThan(clones);
    expect(shared).toBeLessThan(compact * 0.6);
  });
});
