import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/core/validation/validate.ts';

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

  it('exits 2 for bad arguments', () => {
    expect(run('import', 'static/template.csv').status).toBe(2);
    expect(run('import', '--out', 'x.geojson').status).toBe(2);
    expect(run('import', '--from', 'acled', 'a.csv', '--out', 'x').status).toBe(2);
  });

  it('makes npm run validate point a CSV to the import', () => {
    const r = run('validate', 'static/template.csv');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'this is a CSV or other table, not GeoJSON: import it with npm run import -- static/template.csv --out',
    );
  });
});
