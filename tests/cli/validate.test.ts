import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the validator CLI as `npm run validate` would, and captures what it says. */
function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/validate.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run validate', () => {
  it('prints "valid" and the summary for a valid file, exiting 0', () => {
    const { status, stdout, stderr } = runCli('tests/fixtures/valid/minimal.geojson');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        'tests/fixtures/valid/minimal.geojson: valid',
        '  title: Minimal example',
        '  2 incidents, 2 relation events',
        '  dates: 2023-01-01 to 2023-03-29',
        '  incidents by category: attack 1, protest 1',
        '  relations by stance: cooperation 1, hostility 1',
        '  countries (3): AZE, IRN, ISR',
        '  country pairs: 2',
        '',
      ].join('\n'),
    );
  });

  it('validates a GeoParquet file like its GeoJSON original', () => {
    const parquet = runCli('tests/fixtures/valid/minimal.parquet');
    const geojson = runCli('tests/fixtures/valid/minimal.geojson');
    expect(parquet.status).toBe(0);
    expect(parquet.stdout).toBe(geojson.stdout.replace('minimal.geojson', 'minimal.parquet'));
  });

  it('lists every problem of an invalid file, exiting 1', () => {
    const { status, stdout } = runCli('tests/fixtures/invalid/three-problems.geojson');
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('tests/fixtures/invalid/three-problems.geojson: 3 problems');
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines[1]).toContain('feature 0 (id "tehran-attack"): properties.date "2023-02-30"');
    expect(lines[2]).toContain('feature 0 (id "tehran-attack"): properties.countries[0] "IRA"');
    expect(lines[3]).toContain(
      'feature 0 (id "tehran-attack"): properties.sources[0].url "javascript:alert(1)"',
    );
  });

  it('gives the line and column of a JSON syntax error', () => {
    const { status, stdout } = runCli('tests/fixtures/invalid/syntax-error.geojson');
    expect(status).toBe(1);
    expect(stdout).toContain('tests/fixtures/invalid/syntax-error.geojson: 1 problem\n');
    expect(stdout).toContain('  line 5, column 1: the JSON is broken at "}"');
  });

  it('says in one line that a missing file cannot be read, and still checks the others', () => {
    const { status, stdout, stderr } = runCli(
      'tests/fixtures/valid/no-such-file.geojson',
      'tests/fixtures/valid/minimal.geojson',
    );
    expect(status).toBe(1);
    expect(stderr).toBe(
      'tests/fixtures/valid/no-such-file.geojson: cannot read file: no such file\n',
    );
    expect(stdout).toContain('tests/fixtures/valid/minimal.geojson: valid');
  });

  it('exits 2 with the usage when no file is given', () => {
    const { status, stdout, stderr } = runCli();
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^usage: npm run validate -- FILE/);
  });
});
