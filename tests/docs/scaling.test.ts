/**
 * docs/sql/daily-cells.sql, run as it is with DuckDB on a synthetic extract written as
 * `npm run convert` writes Parquet: the counts add up, per date too, and the result is a
 * dataset our validator accepts. 100,000 incidents by default, to keep the unit suite quick;
 * `SCALING_INCIDENTS=1000000 SCALING_CELL_ZOOM=6 npx vitest run --project unit
 * tests/docs/scaling.test.ts` runs the synthetic million at the file's default cell size (the
 * figures in docs/SCALING.md).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFeatures, type SyntheticOptions } from '../../src/bench/synthetic.ts';
import { writeSyntheticDataset, writeSyntheticParquet } from '../../src/bench/write-synthetic.ts';
import { validateParquet } from '../../src/core/columnar/parquet.ts';
import { formatProblem } from '../../src/core/validation/validate.ts';

const CELL_ZOOM = Number(process.env.SCALING_CELL_ZOOM ?? 2);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SQL = readFileSync(join(REPO, 'docs/sql/daily-cells.sql'), 'utf8');
const OPTIONS: SyntheticOptions = {
  incidents: Number(process.env.SCALING_INCIDENTS ?? 100_000),
  pairs: 1_000,
  seed: 1,
};

/** Incidents per date as written, and relation events, counted from the generator itself. */
function expectedCounts(): { perDate: Map<string, number>; relations: number } {
  const perDate = new Map<string, number>();
  let relations = 0;
  for (const feature of syntheticFeatures(OPTIONS)) {
    const properties = (feature as { properties: { date: string; from?: string } }).properties;
    if (properties.from !== undefined) relations++;
    else perDate.set(properties.date, (perDate.get(properties.date) ?? 0) + 1);
  }
  return { perDate, relations };
}

describe(`docs/sql/daily-cells.sql on ${OPTIONS.incidents} synthetic incidents`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tension-scaling-'));
  const output = join(dir, 'daily-cells.parquet');
  let rows: { kind: string; date: string; count: number | null; title: string }[] = [];
  let seconds = 0;

  beforeAll(
    async () => {
      const geojson = join(dir, 'incidents.geojson');
      await writeSyntheticDataset(geojson, OPTIONS);
      await writeSyntheticParquet(geojson, join(dir, 'incidents.parquet'));
      rmSync(geojson);
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      // The file reads and writes relative to the working directory, as from the command line.
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        // Cells of zoom 2 (a sixteenth of the world): coarse enough that a day's synthetic
        // incidents share cells, and that the output stays small enough to validate quickly.
        await connection.run(`SET VARIABLE cell_zoom = ${CELL_ZOOM}`);
        const start = performance.now();
        await connection.run(SQL);
        seconds = (performance.now() - start) / 1000;
        const reader = await connection.runAndReadAll(
          `SELECT kind, date, count::DOUBLE AS count, title FROM 'daily-cells.parquet'`,
        );
        rows = reader.getRowObjectsJson() as typeof rows;
      } finally {
        process.chdir(cwd);
        connection.closeSync();
      }
    },
    240_000 * Math.max(1, OPTIONS.incidents / 100_000),
  );

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts every incident once, in fewer rows than the extract', () => {
    const incidents = rows.filter((row) => row.kind === 'incident');
    const total = incidents.reduce((sum, row) => sum + row.count!, 0);
    console.log(
      `daily-cells.sql, cell zoom ${CELL_ZOOM}: ${OPTIONS.incidents} incidents → ${incidents.length} aggregates in ${seconds.toFixed(1)} s`,
    );
    expect(total).toBe(OPTIONS.incidents);
    expect(incidents.length).toBeLessThan(OPTIONS.incidents);
    expect(incidents.every((row) => row.count! >= 1)).toBe(true);
  });

  it('gives each date as many incidents as the extract has on it', () => {
    const { perDate } = expectedCounts();
    const counted = new Map<string, number>();
    for (const row of rows) {
      if (row.kind === 'incident') counted.set(row.date, (counted.get(row.date) ?? 0) + row.count!);
    }
    expect(counted.size).toBe(perDate.size);
    for (const [date, count] of perDate) expect([date, counted.get(date)]).toEqual([date, count]);
  });

  it('says the count in the title of each aggregate', () => {
    const incident = rows.find((row) => row.kind === 'incident' && row.count! > 1)!;
    expect(incident.title).toMatch(new RegExp(`^${incident.count} [a-z]+ incidents$`));
  });

  it('is a dataset the map opens: valid, with the relation events passed through', async () => {
    const bytes = readFileSync(output);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const result = await validateParquet(buffer as ArrayBuffer);
    expect(result.ok ? [] : result.problems.slice(0, 5).map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    expect(result.dataset.incidents.length).toBe(rows.filter((r) => r.kind === 'incident').length);
    expect(result.dataset.relations.length).toBe(expectedCounts().relations);
    expect(result.dataset.title).toBe(
      `Incidents per day and map cell: Synthetic: ${OPTIONS.incidents} incidents, 1000 pairs, seed 1`,
    );
    expect(result.dataset.incidents.every((incident) => incident.precision === 'region')).toBe(
      true,
    );
  });
});
