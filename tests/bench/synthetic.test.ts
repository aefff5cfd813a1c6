import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticDataset } from '../../src/bench/write-synthetic.ts';
import { dayFromIso } from '../../src/core/model/dates.ts';
import { buildMapData } from '../../src/core/prepare/mapdata.ts';
import {
  syntheticCsv,
  syntheticDataset,
  syntheticDatasetChunks,
  syntheticTitle,
} from '../../src/bench/synthetic.ts';
import { ImportJob, readTableInput } from '../../src/loading/importer.ts';
import { validateDataset } from '../../src/core/validation/validate.ts';

const small = { incidents: 500, pairs: 40, seed: 7 };

describe('syntheticDataset', () => {
  it('makes a dataset that validates with no problems', () => {
    const result = validateDataset(JSON.parse(JSON.stringify(syntheticDataset(small))));
    expect(result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.dataset.title).toBe(syntheticTitle(small));
    expect(result.dataset.incidents).toHaveLength(500);
    const pairs = new Set(result.dataset.relations.map((r) => [r.from, r.to].sort().join('-')));
    expect(pairs.size).toBe(40);
    expect(result.dataset.relations.length).toBeGreaterThanOrEqual(40);
    expect(result.dataset.relations.length).toBeLessThanOrEqual(160);
  });

  it('spreads incidents over 2019–2023 and the inhabited latitudes', () => {
    const result = validateDataset(syntheticDataset({ incidents: 2000, pairs: 10, seed: 3 }));
    if (!result.ok) throw new Error('invalid');
    const days = result.dataset.incidents.map((i) => i.date.start);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(dayFromIso('2019-01-01')!);
    expect(Math.max(...days)).toBeLessThanOrEqual(dayFromIso('2023-12-31')!);
    // Every year gets a share, not just the first.
    const years = new Set(result.dataset.incidents.map((i) => i.date.text.slice(0, 4)));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022', '2023']);
    for (const { coordinates } of result.dataset.incidents) {
      expect(coordinates[1]).toBeGreaterThanOrEqual(-56);
      expect(coordinates[1]).toBeLessThanOrEqual(72);
    }
    const statuses = new Set(result.dataset.incidents.map((i) => i.status));
    expect(statuses.size).toBe(4);
  });

  it('prepares for the map: every pair gets arcs', () => {
    const result = validateDataset(syntheticDataset(small));
    if (!result.ok) throw new Error('invalid');
    const data = buildMapData(result.dataset);
    expect(data.incidents.count).toBe(500);
    expect(data.dyads).toHaveLength(40);
    expect(data.arcs.features.length).toBe(result.dataset.relations.length);
  });

  it('gives the same bytes for the same seed, and other bytes for another', () => {
    const text = JSON.stringify(syntheticDataset(small));
    expect(JSON.stringify(syntheticDataset(small))).toBe(text);
    expect(JSON.stringify(syntheticDataset({ ...small, seed: 8 }))).not.toBe(text);
  });

  it('keeps the relations when only the number of incidents changes', () => {
    const relations = (incidents: number) =>
      syntheticDataset({ ...small, incidents }).features.slice(incidents);
    expect(relations(10)).toEqual(relations(300));
  });
});

describe('syntheticDatasetChunks and writeSyntheticDataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tm-synthetic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('joins to exactly the JSON of syntheticDataset', () => {
    const chunks = [...syntheticDatasetChunks(small, 64)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('')).toBe(JSON.stringify(syntheticDataset(small)));
  });

  it('writes the same bytes to a file', async () => {
    const path = join(dir, 'small.geojson');
    const bytes = await writeSyntheticDataset(path, small);
    const written = readFileSync(path, 'utf8');
    expect(written).toBe(JSON.stringify(syntheticDataset(small)));
    expect(bytes).toBe(Buffer.byteLength(written));
  });

  it('handles an empty dataset', () => {
    const empty = { incidents: 0, pairs: 0, seed: 1 };
    expect([...syntheticDatasetChunks(empty)].join('')).toBe(
      JSON.stringify(syntheticDataset(empty)),
    );
  });
});

describe('syntheticCsv', () => {
  it('writes a CSV of the size asked whose every row imports by the proposed mapping', async () => {
    const { text, rows } = syntheticCsv(64 * 1024);
    expect(text.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(text.length).toBeLessThan(64 * 1024 + 600);
    const table = readTableInput(text, 'bench.csv');
    expect(table.rows).toHaveLength(rows);
    const job = new ImportJob(table);
    const preview = job.preview();
    expect(preview.proposed.columns).toMatchObject({
      date: 'event_date',
      latitude: 'lat',
      longitude: 'lng',
      title: 'headline',
    });
    const check = await job.check({ mapping: preview.proposed, asSource: false });
    expect(check).toMatchObject({ rowsRead: rows, incidents: rows, skipped: 0, problems: [] });
  });
});
