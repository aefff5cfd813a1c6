/**
 * The worker's side of importing in the app: which files go to the import step, what the
 * page is told about a table, and what a confirmed choice posts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../src/cli/serve.ts';
import { startImport, type ImportPreview } from '../../src/loading/importer.ts';
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
