/**
 * The production build carries no benchmark code: the hooks of `src/bench/page.ts` and the
 * naive comparison of `src/bench/naive.ts` belong to the bench build (`dist-bench/`) only.
 * Every file of `dist/` is searched, source maps included, for the hooks' names and for the
 * naive module's layer ids and file name (its path in a source map), and for chunks named
 * after either module.
 *
 * This reads `dist/` and builds nothing; `npm test` builds before it runs the tests.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../src/cli/serve.ts';

/** Text that only benchmark code contains. */
const TRACES = ['naiveSetDate', 'showNaively', 'tm-naive', 'naive.ts'];

/** Every file under `dir` that holds a trace or is named after a benchmark module. */
function benchTraces(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path);
    if (/(^|[/-])(naive|page)[-.]/.test(name)) found.push(`${name}: a benchmark chunk`);
    const text = readFileSync(path, 'latin1');
    for (const trace of TRACES) if (text.includes(trace)) found.push(`${name}: ${trace}`);
  }
  return found;
}

describe('the production build has no benchmark code', () => {
  it('finds benchmark code where there is some', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nobench-'));
    try {
      writeFileSync(join(dir, 'index-abc.js'), 'x.naiveSetDate=async()=>{}');
      writeFileSync(join(dir, 'naive-abc.js'), '');
      expect(benchTraces(dir)).toEqual([
        'index-abc.js: naiveSetDate',
        'naive-abc.js: a benchmark chunk',
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it.runIf(existsSync(repoPath('dist', 'index.html')))('has none in dist/', () => {
    expect(benchTraces(repoPath('dist'))).toEqual([]);
  });
});
