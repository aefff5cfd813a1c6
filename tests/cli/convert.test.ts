import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateParquet } from '../../src/core/columnar/parquet.ts';
import { validateDataset } from '../../src/core/validation/validate.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tension-convert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the converter as `npm run convert` would, and captures what it says. */
function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/convert.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run convert', () => {
  it('converts GeoJSON to GeoParquet and back without losing anything', async () => {
    const input = 'geojson/caspian-2022-2023.geojson';
    const parquet = join(dir, 'caspian.parquet');
    const back = join(dir, 'caspian.geojson');
    const there = runCli(input, parquet);
    expect(there.stderr).toBe('');
    expect(there.stdout).toBe(`${parquet}: 23 features written as GeoParquet\n`);
    expect(there.status).toBe(0);
    expect(runCli(parquet, back).status).toBe(0);

    const original = validateDataset(readFileSync(join(REPO, input), 'utf8'));
    const bytes = readFileSync(parquet);
    const fromParquet = await validateParquet(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    );
    const roundTrip = validateDataset(readFileSync(back, 'utf8'));
    expect(original.ok).toBe(true);
    expect(fromParquet.ok && fromParquet.dataset).toEqual(original.ok && original.dataset);
    expect(roundTrip.ok && roundTrip.dataset).toEqual(original.ok && original.dataset);
  });

  it('writes nothing for an invalid input, listing its problems, and exits 1', () => {
    const out = join(dir, 'invalid.parquet');
    const { status, stdout } = runCli('tests/fixtures/invalid/three-problems.geojson', out);
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /^tests\/fixtures\/invalid\/three-problems.geojson: 3 problems; nothing written\n {2}feature /,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when the output format cannot be told from its name', () => {
    const { status, stderr } = runCli('geojson/caspian-2022-2023.geojson', join(dir, 'out.txt'));
    expect(status).toBe(2);
    expect(stderr).toContain('end the name with .parquet or .geojson');
  });
});
