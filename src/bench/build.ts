/**
 * The bench build, `dist-bench/`: the app built with `vite build --mode bench`, which adds
 * the benchmark's hooks (`page.ts`) that the production build in `dist/` leaves out. The
 * benchmark and its browser test build it when it is missing or older than its sources.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../cli/serve.ts';

/** Where the bench build goes (gitignored, like `dist/`). */
export const BENCH_DIST = repoPath('dist-bench');

/**
 * What the build reads: the sources, the static files and the built-in dataset, the
 * configuration and the locked dependencies. The basemap under `static/basemap/` and the
 * country table are left out: `npm run basemap`, part of every build, rewrites them from
 * `src/cli/build-basemap.ts` (a source) and locked packages, so after `npm run build` they
 * would always look newer than `dist-bench/`.
 */
const INPUTS = ['src', 'static', 'geojson', 'vite.config.ts', 'package.json', 'package-lock.json'];
const GENERATED = new Set([
  repoPath('static', 'basemap'),
  repoPath('src', 'core', 'model', 'countries.json'),
]);

/** The latest modification time of a file or of any file under a folder, in ms. */
function newest(path: string): number {
  if (GENERATED.has(path) || !existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

/**
 * Why `dist-bench/` must be (re)built, or null when it is current: missing, or older than a
 * file it is built from. Times are file times, so a checkout or an edit makes it stale;
 * checking out older files never leaves it looking current, since git writes files it
 * changes with the current time.
 */
export function benchBuildOutdated(): string | null {
  const index = join(BENCH_DIST, 'index.html');
  if (!existsSync(index)) return `${BENCH_DIST} is missing`;
  const built = statSync(index).mtimeMs;
  const changed = INPUTS.find((input) => newest(repoPath(input)) > built);
  return changed ? `${changed} changed since ${BENCH_DIST} was built` : null;
}

/**
 * Runs `npm run build:bench` (the basemap, then `vite build --mode bench`), its output sent
 * to `log` line by line so a caller's standard output stays its own. Rejects when it fails.
 */
export function buildBench(log: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', '--silent', 'build:bench'], {
      cwd: repoPath(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const forward = (chunk: Buffer) => {
      const lines = (tail + chunk.toString()).split('\n');
      tail = lines.pop() ?? '';
      lines.forEach(log);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', fail);
    child.on('close', (code) => {
      if (tail) log(tail);
      if (code === 0) done();
      else fail(new Error(`npm run build:bench failed (exit ${code})`));
    });
  });
}
