/**
 * The worker's side of importing in the app: which files go to the import step, what the
 * page is told about a table, and what a confirmed choice posts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../src/cli/serve.ts';
import {
  ImportJob,
  readTableInput,
  startImport,
  type ImportPreview,
} from '../../src/loading/importer.ts';
import { PROGRESS_ROWS } from '../../src/core/import/apply.ts';
import { looksLikeTable } from '../../src/loading/read.ts';
import type { LoadMessage } from '../../src/loading/worker.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (...path: string[]) => readFileSync(repoPath('tests', 'fixtures', ...path), 'utf8');

describe('looksLikeTable', () => {
  it('sends CSV, TSV and UTF-16 text to the import step, and JSON to the validator', () => {
    expect(looksLikeTable(bytes('date,title\n2023-01-01,x'))).toBe(true);
    expect(looksLikeTable(bytes('\uFEFFdate;title'))).toBe(true);
    expect(looksLikeTable(new Uint8Array([0xff, 0xfe, 0x64, 0x00]))).toBe(true);
    expect(looksLikeTable(bytes('  \n{"type":"FeatureCollection"}'))).toBe(false);
    expect(looksLikeTable(bytes('\uFEFF[1]'))).toBe(false);
    expect(looksLikeTable(bytes(''))).toBe(false);
  });

  it('reads what says it is JSON or Parquet as such, so a broken file gets JSON’s problems', () => {
    expect(looksLikeTable(bytes('<html>Not found</html>'), '/data/broken.geojson')).toBe(false);
    expect(looksLikeTable(bytes('xxxx'), 'https://example.org/a.json?v=2')).toBe(false);
    expect(looksLikeTable(bytes('PAR1\x15\x04'))).toBe(false);
    expect(looksLikeTable(bytes('date,title'), 'events.csv')).toBe(true);
  });
});

describe('startImport', () => {
  it('posts a preview with the proposed mapping, then imports the confirmed choice', async () => {
    const posted: LoadMessage[] = [];
    const job = startImport(
      fixture('browser', 'import-events.csv'),
      'import-events.csv',
      false,
      (m) => posted.push(m),
    )!;
    const preview = (posted.find((m) => m.type === 'table') as { preview: ImportPreview }).preview;
    expect(preview.rowCount).toBe(3);
    expect(preview.rows[2]![3]).toBe('Clash in Lima');
    expect(preview.proposed.columns).toMatchObject({
      date: 'When',
      latitude: 'Lat',
      title: 'Headline',
    });
    let shown = 0;
    await job.answer(
      { type: 'import', choice: { mapping: preview.proposed, asSource: false } },
      (m) => posted.push(m),
      (d) => (shown = d.incidents.length),
    );
    expect(shown).toBe(3);
  });

  it('recognises a standard source, and refuses JSON that is not foreign GeoJSON', () => {
    const posted: LoadMessage[] = [];
    startImport(fixture('in', 'sources', 'acled-current.csv'), 'a.csv', false, (m) =>
      posted.push(m),
    );
    expect(posted.find((m) => m.type === 'table')).toMatchObject({
      preview: { source: { id: 'acled' } },
    });
    expect(startImport('{"type":"Feature"}', 'x.json', true, () => {})).toBeUndefined();
    const foreign = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { mag: 4 },
          geometry: { type: 'Point', coordinates: [10, 20] },
        },
      ],
    };
    expect(startImport(JSON.stringify(foreign), 'quakes.geojson', true, () => {})).toBeDefined();
  });

  it('fails with the grouped problems when no row can be imported', async () => {
    const posted: LoadMessage[] = [];
    const post = (m: LoadMessage) => posted.push(m);
    const job = startImport(fixture('browser', 'import-bad.csv'), 'import-bad.csv', false, post)!;
    const preview = (posted[posted.length - 1] as { preview: ImportPreview }).preview;
    let shown = false;
    await job.answer(
      { type: 'import', choice: { mapping: preview.proposed, asSource: false } },
      post,
      () => (shown = true),
    );
    expect(shown).toBe(false);
    expect(posted[posted.length - 1]).toMatchObject({
      type: 'failed',
      problems: expect.arrayContaining(['import-bad.csv: date is missing in 4 rows: lines 2–5']),
    });
  });
});

describe('checks of a large table', () => {
  /** A table of `rows` valid incidents, the 25th (line 26) with a date that is not one. */
  function events(rows: number): string {
    const lines = ['When,Lat,Lng,Headline,Event type,Nation,Link'];
    for (let i = 1; i <= rows; i++) {
      const date = i === 25 ? 'soon' : `2023-01-${String((i % 28) + 1).padStart(2, '0')}`;
      lines.push(`${date},${i % 80},${i % 170},Event ${i},attack,FRA,https://example.org/${i}`);
    }
    return `${lines.join('\n')}\n`;
  }

  it('checks the first rows while the mapping is edited, and every row on import', async () => {
    const posted: LoadMessage[] = [];
    const post = (m: LoadMessage) => posted.push(m);
    const table = readTableInput(events(30), 'events.csv');
    const job = new ImportJob(table, 10);
    const choice = { mapping: job.preview().proposed, asSource: false };
    await job.answer({ type: 'check', id: 1, choice }, post, () => {});
    expect(posted.at(-1)).toEqual({
      type: 'checked',
      id: 1,
      check: {
        rowsRead: 30,
        rowsChecked: 10,
        incidents: 10,
        relations: 0,
        skipped: 0,
        problems: [],
        problemLines: 0,
      },
    });
    let shown = 0;
    await job.answer({ type: 'import', choice }, post, (d) => (shown = d.incidents.length));
    expect(shown).toBe(29);
    // The row after the first ten is not lost: the import says it skipped it, and why.
    expect(posted.at(-1)).toEqual({
      type: 'imported',
      notices: [
        'events.csv: 1 of 30 rows were skipped.',
        'events.csv line 26: When "soon" is not a date; use 2023-01-27, 27 January 2023, 27/01/2023, 2023-01 or 2023',
      ],
    });
  });

  it('checks a table no larger than a check whole, and import it without mapping it again', async () => {
    const table = readTableInput(events(30), 'events.csv');
    const job = new ImportJob(table, 30);
    const choice = { mapping: job.preview().proposed, asSource: false };
    const check = await job.check(choice, false);
    expect(check).toMatchObject({ rowsRead: 30, rowsChecked: 30, incidents: 29, skipped: 1 });
    expect(check.problems).toEqual([expect.stringContaining('line 26')]);
    expect(await job.result(choice)).toBe(await job.result(choice, false));
  });

  it('tells the page how many rows the import has mapped, and checks do not', async () => {
    const rows = PROGRESS_ROWS + 1;
    const posted: LoadMessage[] = [];
    const post = (m: LoadMessage) => posted.push(m);
    const job = new ImportJob(readTableInput(events(rows), 'events.csv'), 10);
    const choice = { mapping: job.preview().proposed, asSource: false };
    await job.answer({ type: 'check', id: 1, choice }, post, () => {});
    expect(posted.filter((m) => m.type === 'progress')).toEqual([]);
    await job.answer({ type: 'import', choice }, post, () => {});
    expect(posted.filter((m) => m.type === 'progress').map((m) => m.progress)).toEqual([
      { stage: 'checking' },
      { stage: 'checking', done: PROGRESS_ROWS, total: rows },
    ]);
  });
});
