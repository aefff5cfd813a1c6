/**
 * The production build carries no benchmark code: the hooks of `src/bench/page.ts`, the
 * naive comparison of `src/bench/naive.ts` and the deck.gl peer page (`src/bench/deckgl.ts`,
 * with deck.gl and luma.gl) belong to the bench build (`dist-bench/`) only. Every file of
 * `dist/` is searched, source maps included, for the hooks' names, the naive module's layer
 * ids and file name (its path in a source map), the peer's global and deck.gl's layer and
 * extension names, and for files named after any of these modules.
 *
 * This reads `dist/` and builds nothing; `npm test` builds before it runs the tests.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../src/cli/serve.ts';

/** Text that only benchmark code contains. */
const TRACES = [
  'naiveSetDate',
  'showNaively',
  'tm-naive',
  'naive.ts',
  'deckPeer',
  'ScatterplotLayer',
  'DataFilterExtension',
  'luma.gl',
];

/** Every file under `dir` that holds a trace or is named after a benchmark module. */
function benchTraces(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path);
    if (/(^|[/-])(naive|page|deckgl)[-.]/.test(name)) found.push(`${name}: a benchmark chunk`);
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
      writeFileSync(
        join(dir, 'vendor-abc.js'),
        'class x{static extensionName="DataFilterExtension"}',
      );
      writeFileSync(join(dir, 'deckgl.html'), '');
      expect(benchTraces(dir).sort()).toEqual([
        'deckgl.html: a benchmark chunk',
        'index-abc.js: naiveSetDate',
        'naive-abc.js: a benchmark chunk',
        'vendor-abc.js: DataFilterExtension',
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it.runIf(existsSync(repoPath('dist', 'index.html')))('has none in dist/', () => {
    expect(benchTraces(repoPath('dist'))).toEqual([]);
  });
});
