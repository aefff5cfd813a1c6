import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/core/validation/validate.ts';
import { GDELT_COLUMNS } from '../../src/core/import/sources/gdelt.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a CLI as npm would, and captures what it says. */
function run(cli: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${cli}.ts`, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run import', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-'));

  it('imports the template into a valid dataset, saves the mapping and repeats with it', () => {
    const out = join(dir, 'template.geojson');
    const saved = join(dir, 'mapping.json');
    const first = run('import', 'static/template.csv', '--write-mapping', saved, '--out', out);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('"date": "date"');
    expect(first.stdout).toMatch(
      /static\/template.csv: 7 rows read, 4 incidents and 3 relation events written, 0 rows skipped/,
    );
    expect(validateDataset(readFileSync(out, 'utf8')).ok).toBe(true);
    const again = run('import', '--mapping', saved, 'static/template.csv', '--out', out);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toContain('mapping used');
  });

  it('recognises standard sources without --from and merges ACLED events with ATOP alliances', () => {
    const out = join(dir, 'sources.geojson');
    const r = run(
      'import',
      'tests/fixtures/in/sources/acled-current.csv',
      'tests/fixtures/in/sources/atop-ddyr.csv',
      '--out',
      out,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('acled-current.csv: read as ACLED');
    expect(r.stdout).toMatch(
      /atop-ddyr.csv: 5 rows read, 0 incidents and 2 relation events written/,
    );
    const dataset = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateDataset(dataset).ok).toBe(true);
    expect(dataset.features).toHaveLength(6);
    expect(dataset.attribution).toMatch(/ACLED.*; .*ATOP/);
    const wrong = run(
      'import',
      '--from',
      'ucdp',
      'tests/fixtures/in/sources/acled-old.csv',
      '--out',
      out,
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('is not read as UCDP GED');
    expect(run('import', '--from', 'acled2', 'x.csv', '--out', out).status).toBe(2);
  });

  it('merges inputs with unique ids, and exits 1 listing grouped problems by file, line and column', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'id;title;date;lat;lon;countries;url\nturkiye-foiled-plot;A;2023;1;2;IRN;https://e.org\nb;B;;1;2;IRN;https://e.org\nc;C;;1;2;IRN;https://e.org\n',
    );
    const out = join(dir, 'merged.geojson');
    const r = run('import', 'static/template.csv', bad, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${bad}: date is missing in 2 rows: lines 3–4`);
    const ids = JSON.parse(readFileSync(out, 'utf8')).features.map(
      (f: { properties: { id: string } }) => f.properties.id,
    );
    expect(ids).toContain('turkiye-foiled-plot-2');
  });

  it('finds places by name in the gazetteer, and names the row of an ambiguous one', () => {
    const csv = join(dir, 'places.csv');
    writeFileSync(
      csv,
      [
        'id,date,title,category,countries,place,source_url',
        'a,2023-01-27,Attack on the embassy,attack,IRN,Tehran,https://example.org/a',
        'b,2023-01-28,Rally,security,AZE,Şuşa,https://example.org/b',
        'c,2023-01-29,Meeting,diplomatic,USA,Springfield,https://example.org/c',
      ].join('\n'),
    );
    const out = join(dir, 'places.geojson');
    const result = run('import', csv, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/line 4.*place.*Springfield.*comparable size/s);
    const features = JSON.parse(readFileSync(out, 'utf8')).features as {
      geometry: { coordinates: [number, number] };
      properties: { id: string; precision: string };
    }[];
    const tehran = features.find((f) => f.properties.id === 'a')!;
    expect(tehran.properties.precision).toBe('city');
    expect(tehran.geometry.coordinates[0]).toBeCloseTo(51.42, 1);
    expect(tehran.geometry.coordinates[1]).toBeCloseTo(35.69, 1);
    expect(features.find((f) => f.properties.id === 'b')!.properties.precision).toBe('city');
    expect(features.some((f) => f.properties.id === 'c')).toBe(false);
  });

  it('derives relations from a GDELT file’s Goldstein scores with --relations', () => {
    const row = (id: number, date: string, goldstein: string) => {
      const cells = new Map<string, string>([
        ['GLOBALEVENTID', String(id)],
        ['SQLDATE', date],
        ['Actor1Name', 'AZERBAIJAN'],
        ['Actor1CountryCode', 'AZE'],
        ['Actor2Name', 'IRAN'],
        ['Actor2CountryCode', 'IRN'],
        ['EventRootCode', '18'],
        ['QuadClass', '4'],
        ['GoldsteinScale', goldstein],
        ['NumArticles', '5'],
        ['ActionGeo_Type', '4'],
        ['ActionGeo_FullName', 'Tehran, Tehran, Iran'],
        ['ActionGeo_CountryCode', 'IR'],
        ['ActionGeo_Lat', '35.7'],
        ['ActionGeo_Long', '51.4'],
        ['SOURCEURL', `https://example.org/news/${id}`],
      ]);
      return GDELT_COLUMNS.map((name) => cells.get(name) ?? '').join('\t');
    };
    const input = join(dir, '20230127.export.CSV');
    writeFileSync(
      input,
      [row(1, '20230127', '-10'), row(2, '20230128', '-9'), row(3, '20230129', '-7')].join('\n'),
    );
    const out = join(dir, 'gdelt.geojson');
    const r = run('import', '--from', 'gdelt', '--relations', input, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 relation event derived from Goldstein scores');
    const check = validateDataset(readFileSync(out, 'utf8'));
    expect(check.ok && [check.dataset.incidents.length, check.dataset.relations.length]).toEqual([
      3, 1,
    ]);
    expect(check.ok && check.dataset.relations[0]).toMatchObject({ stance: 'hostility' });
  });

  it('exits 2 for bad arguments', () => {
    expect(run('import', 'static/template.csv').status).toBe(2);
    expect(run('import', '--out', 'x.geojson').status).toBe(2);
    expect(run('import', '--from', 'acled-2', 'a.csv', '--out', 'x').status).toBe(2);
  });

  it('makes npm run validate point a CSV to the import', () => {
    const r = run('validate', 'static/template.csv');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'this is a CSV or other table, not GeoJSON: import it with npm run import -- static/template.csv --out',
    );
  });
});
