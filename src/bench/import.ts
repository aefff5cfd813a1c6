/**
 * `npx tsx src/bench/import.ts [MB]`: the cost of importing a large CSV in the loading worker.
 *
 * Writes a CSV of synthetic incidents (`syntheticFeatures`, as `write-synthetic.ts` does for
 * GeoJSON) with headers that are not ours (`event_date`, `lat`, `lng`, `headline` …) and a
 * notes column, until it reaches the size asked (100 MB by default, about 300,000 rows as an
 * ACLED export of that size has), then times what the worker does with it: reading the table
 * (`readTableInput`), proposing a mapping, and applying it (`ImportJob.result`), best of three
 * runs (`npx tsx src/bench/import.ts 100 1` for one). The worker runs the same functions; the page only receives the preview, the check and
 * the prepared dataset in chunks.
 */
import { performance } from 'node:perf_hooks';
import { ImportJob, readTableInput } from '../loading/importer.ts';
import { syntheticFeatures } from './synthetic.ts';

interface SyntheticFeature {
  geometry: { coordinates: [number, number] };
  properties: Record<string, unknown>;
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A CSV of synthetic incidents of about `bytes` bytes, and its row count. */
export function syntheticCsv(bytes: number): { text: string; rows: number } {
  const lines = ['event_id,event_date,lat,lng,headline,event_type,country_code,link,notes,deaths'];
  let size = lines[0]!.length;
  let rows = 0;
  const notes =
    'Synthetic notes standing in for an ACLED row: who, where, what happened, "quoted", and the sources named in words, as long as a real note.';
  for (const f of syntheticFeatures({
    incidents: 10_000_000,
    pairs: 0,
    seed: 7,
  }) as Iterable<SyntheticFeature>) {
    const p = f.properties;
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const line = [
      String(p.id),
      String(p.date),
      String(lat),
      String(lon),
      String(p.title),
      String(p.category),
      (p.countries as string[]).join(';'),
      (p.sources as { url: string }[])[0]!.url,
      notes,
      p.fatalities === undefined ? '' : String(p.fatalities),
    ]
      .map(quote)
      .join(',');
    lines.push(line);
    size += line.length + 1;
    rows++;
    if (size >= bytes) break;
  }
  return { text: `${lines.join('\n')}\n`, rows };
}

const megabytes = Number(process.argv[2] ?? 100);
const { text, rows } = syntheticCsv(megabytes * 1024 * 1024);
const bytes = new TextEncoder().encode(text).buffer;
console.log(
  `CSV: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${rows.toLocaleString('en-GB')} rows`,
);
const runs: { read: number; apply: number }[] = [];
const RUNS = Number(process.argv[3] ?? 3);
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const table = readTableInput(bytes, 'bench.csv');
  const t1 = performance.now();
  const job = new ImportJob(table);
  const preview = job.preview();
  const result = await job.result({ mapping: preview.proposed, asSource: false });
  const t2 = performance.now();
  runs.push({ read: t1 - t0, apply: t2 - t1 });
  console.log(
    `run ${run + 1}: read ${Math.round(t1 - t0)} ms, propose + apply ${Math.round(t2 - t1)} ms; ` +
      `${result.incidents.toLocaleString('en-GB')} incidents, ${result.problems.length} problems`,
  );
}
const best = runs.reduce((a, b) => (a.read + a.apply <= b.read + b.apply ? a : b));
console.log(
  `best: read ${Math.round(best.read)} ms + propose/apply ${Math.round(best.apply)} ms = ${Math.round(best.read + best.apply)} ms`,
);
