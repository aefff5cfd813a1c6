/**
 * `npx tsx src/bench/import.ts [MB]`: the cost of importing a large CSV in the loading worker.
 *
 * Writes a CSV of synthetic incidents (`syntheticFeatures`, as `write-synthetic.ts` does for
 * GeoJSON) with headers that are not ours (`event_date`, `lat`, `lng`, `headline` …) and a
 * notes column, until it reaches the size asked (100 MB by default, about 300,000 rows as an
 * ACLED export of that size has), then times what the worker does with it: reading the table
 * (`readTableInput`), proposing a mapping and checking it on the first `CHECK_ROWS` rows (what
 * the dialog waits for), and applying it to every row (`ImportJob.result`, what Import waits
 * for before the dataset is prepared), best of three runs (`npx tsx src/bench/import.ts 100 1`
 * for one). The worker runs the same functions; the page only receives the preview, the
 * checks and the prepared dataset in chunks. `import-browser.ts` times the whole import in
 * the app, main thread included.
 */
import { performance } from 'node:perf_hooks';
import { CHECK_ROWS, ImportJob, readTableInput } from '../loading/importer.ts';
import { syntheticCsv } from './synthetic.ts';

const megabytes = Number(process.argv[2] ?? 100);
const { text, rows } = syntheticCsv(megabytes * 1024 * 1024);
const bytes = new TextEncoder().encode(text).buffer;
console.log(
  `CSV: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${rows.toLocaleString('en-GB')} rows`,
);
const runs: { read: number; check: number; apply: number }[] = [];
const RUNS = Number(process.argv[3] ?? 3);
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const table = readTableInput(bytes, 'bench.csv');
  const t1 = performance.now();
  const job = new ImportJob(table);
  const choice = { mapping: job.preview().proposed, asSource: false };
  await job.check(choice, false);
  const t2 = performance.now();
  const result = await job.result(choice);
  const t3 = performance.now();
  runs.push({ read: t1 - t0, check: t2 - t1, apply: t3 - t2 });
  console.log(
    `run ${run + 1}: read ${Math.round(t1 - t0)} ms, propose + check the first ${CHECK_ROWS.toLocaleString('en-GB')} rows ${Math.round(t2 - t1)} ms, ` +
      `apply to every row ${Math.round(t3 - t2)} ms; ` +
      `${result.incidents.toLocaleString('en-GB')} incidents, ${result.problems.length} problems`,
  );
}
const total = (r: (typeof runs)[number]) => r.read + r.check + r.apply;
const best = runs.reduce((a, b) => (total(a) <= total(b) ? a : b));
console.log(
  `best: read ${Math.round(best.read)} ms + propose/check ${Math.round(best.check)} ms + apply ${Math.round(best.apply)} ms = ${Math.round(total(best))} ms`,
);
