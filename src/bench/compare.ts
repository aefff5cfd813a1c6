/**
 * Builds against each other: `npx tsx src/bench/compare.ts [--data FILE] [--rounds 2]
 * [--steps 12] NAME=DIST ...` times the slider step and the repaint of each build, in one
 * Chromium, in rounds that take the builds in turn (each round beginning one build later), so
 * machine load that comes and goes falls on all of them alike. What `npm run bench` cannot do
 * across runs on a shared machine: say whether a change of code, not of the machine, moved
 * the figures.
 *
 * Method: each build is served on its own port with the benchmark's synthetic data under
 * `/fixtures/`, and opened at the whole world on the dataset's last day. Per round and build,
 * `--steps` steps to the 15th of each month in turn (the first two are warm-up and not
 * counted), each step followed by a repaint; before each timed call the count badges have
 * settled, the heap is collected and the GPU is idle (a one-pixel read-back), and each call
 * is timed until a read-back returns, so the GPU's drawing is counted. The step is the bench
 * build's `stepDate` where the build has it (until the marks are drawn, the badges following
 * later), else `setDate` (builds from before the badges); the repaint is `repaint`, which the
 * bench build (and, before 3 December, the production build) adds to `window.tensionMap`.
 * Prints each round and the medians over all rounds.
 *
 * Building an older commit to compare (the same `node_modules`, when its lockfile agrees):
 *
 *   git worktree add --detach /tmp/old 808174c && ln -s $PWD/node_modules /tmp/old/
 *   (cd /tmp/old && npm run build)          # before 3 Dec: hooks in the production build
 *   npm run build:bench
 *   npx tsx src/bench/compare.ts old=/tmp/old/dist now=dist-bench
 */
import { parseArgs } from 'node:util';
import { launchBenchBrowser } from './browser.ts';
import { repoPath, startServer } from '../cli/serve.ts';

/** Step and repaint times of one build, in milliseconds, in the order measured. */
interface Times {
  step: number[];
  repaint: number[];
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Steps and repaints in the page, timed there so no round trip to Node is counted. */
const TIME_IN_PAGE = (dates: string[]) => `(async () => {
  const api = window.tensionMap;
  const settle = async () => { if (typeof api.settled === 'function') await api.settled(); };
  const step = typeof api.stepDate === 'function' ? api.stepDate : api.setDate;
  const gl = document.querySelector('canvas.maplibregl-canvas').getContext('webgl2');
  const pixel = new Uint8Array(4);
  const idle = async () => {
    await settle();
    if (typeof window.gc === 'function') window.gc();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  };
  const timed = async (call) => {
    await idle();
    const start = performance.now();
    await call();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    return performance.now() - start;
  };
  const times = { step: [], repaint: [] };
  for (const date of ${JSON.stringify(dates)}) {
    times.step.push(await timed(() => step(date)));
    times.repaint.push(await timed(() => api.repaint()));
  }
  return times;
})()`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: 'synthetic-10000i-1000p-s20230127-v1.geojson' },
    rounds: { type: 'string', default: '2' },
    steps: { type: 'string', default: '12' },
  },
});
const builds = positionals.map((arg) => {
  const [name, dist] = arg.split('=');
  if (!name || !dist) throw new Error(`"${arg}" is not NAME=DIST`);
  return { name, dist };
});
if (builds.length === 0) throw new Error('give at least one build as NAME=DIST');
const dates = Array.from(
  { length: Number(values.steps) },
  (_, i) => `2023-${String((i % 12) + 1).padStart(2, '0')}-15`,
);
const WARMUP = 2;

const browser = await launchBenchBrowser();
const results = new Map<string, Times>(builds.map(({ name }) => [name, { step: [], repaint: [] }]));
for (let round = 1; round <= Number(values.rounds); round++) {
  // Each round starts one build later, so no build always runs first or last.
  const turn = [
    ...builds.slice((round - 1) % builds.length),
    ...builds.slice(0, (round - 1) % builds.length),
  ];
  for (const { name, dist } of turn) {
    const server = await startServer(dist, repoPath('bench', 'data'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(
      `${server.origin}/?data=/fixtures/${values.data}&view=0,20,1.5&date=2023-12-31`,
    );
    // Polled rather than `waitForFunction`, which the page's CSP (no eval) refuses.
    while (!(await page.evaluate<boolean>("'tensionMap' in window")))
      await page.waitForTimeout(200);
    await page.evaluate('window.tensionMap.ready');
    const times = await page.evaluate<Times>(TIME_IN_PAGE(dates));
    const all = results.get(name)!;
    all.step.push(...times.step.slice(WARMUP));
    all.repaint.push(...times.repaint.slice(WARMUP));
    console.log(
      `round ${round}, ${name}: step ${median(times.step.slice(WARMUP)).toFixed(0)} ms, ` +
        `repaint ${median(times.repaint.slice(WARMUP)).toFixed(0)} ms`,
    );
    await page.close();
    await server.close();
  }
}
await browser.close();
for (const [name, times] of results) {
  console.log(
    `${name}: step ${median(times.step).toFixed(0)} ms, repaint ${median(times.repaint).toFixed(0)} ms ` +
      `(medians of ${times.step.length})`,
  );
}
