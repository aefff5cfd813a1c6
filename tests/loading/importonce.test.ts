/**
 * An import in the worker validates its dataset once: the mapping's own pass gives the
 * dataset that is shown, with the articles a standard source's rows cite already in it.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../src/cli/serve.ts';
import type { Dataset } from '../../src/core/model/schema.ts';
import { startImport, type ImportPreview } from '../../src/loading/importer.ts';
import type { LoadMessage } from '../../src/loading/worker.ts';

const validations = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../src/core/validation/validate.ts', async (original) => {
  const real = await original<typeof import('../../src/core/validation/validate.ts')>();
  return {
    ...real,
    validateDataset: (input: unknown) => {
      validations.count++;
      return real.validateDataset(input);
    },
  };
});

const fixture = (...path: string[]) => readFileSync(repoPath('tests', 'fixtures', ...path), 'utf8');

/** Imports a file as the worker does when the page confirms the proposed choice. */
async function importFile(text: string, name: string, asSource: boolean): Promise<Dataset> {
  const posted: LoadMessage[] = [];
  const post = (m: LoadMessage) => posted.push(m);
  const job = startImport(text, name, false, post)!;
  const { preview } = posted.find((m) => m.type === 'table') as { preview: ImportPreview };
  let shown: Dataset | undefined;
  await job.answer(
    { type: 'import', choice: { mapping: preview.proposed, asSource } },
    post,
    (dataset) => (shown = dataset),
  );
  if (!shown) throw new Error(`not imported: ${JSON.stringify(posted.at(-1))}`);
  return shown;
}

describe('importing in the worker', () => {
  beforeEach(() => {
    validations.count = 0;
  });

  it('validates a CSV’s dataset once, in the mapping, and shows what it validated', async () => {
    const dataset = await importFile(
      fixture('browser', 'import-events.csv'),
      'import-events.csv',
      false,
    );
    expect(validations.count).toBe(1);
    expect(dataset.incidents.map((i) => i.title)).toContain('Clash in Lima');
  });

  it('validates a standard source once, with every article its rows cite', async () => {
    const dataset = await importFile(
      fixture('in', 'sources', 'acled-current.csv'),
      'acled.csv',
      true,
    );
    expect(validations.count).toBe(1);
    expect(dataset.incidents.find((i) => i.id === 'TMX1001')?.sources).toEqual([
      { publisher: 'Wire Service A' },
      { publisher: 'Daily Paper B' },
    ]);
  });

  it('still reports what only the whole dataset shows, a repeated id, at its row', async () => {
    const text = [
      'id,When,Lat,Lng,Headline,Event type,Nation,Link',
      'a,2023-01-02,10,10,One,attack,FRA,https://example.org/1',
      'a,2023-01-03,11,11,Two,attack,FRA,https://example.org/2',
      'b,2023-01-04,12,12,Three,attack,FRA,https://example.org/3',
    ].join('\n');
    const posted: LoadMessage[] = [];
    const post = (m: LoadMessage) => posted.push(m);
    const job = startImport(text, 'dup.csv', false, post)!;
    const { preview } = posted.find((m) => m.type === 'table') as { preview: ImportPreview };
    const choice = { mapping: preview.proposed, asSource: false };
    const checked = await job.check(choice, false);
    validations.count = 0;
    let shown: Dataset | undefined;
    await job.answer({ type: 'import', choice }, post, (dataset) => (shown = dataset));
    // The check of the whole table was the import's: confirming it validated nothing again.
    expect(validations.count).toBe(0);
    expect(shown?.incidents.map((i) => i.id)).toEqual(['a', 'b']);
    const notices = (posted.find((m) => m.type === 'imported') as { notices: string[] }).notices;
    expect(notices).toEqual(['dup.csv: 1 of 3 rows were skipped.', ...checked.problems]);
    expect(checked.problems).toEqual([expect.stringMatching(/^dup\.csv line 3: id "a" is also/)]);
  });
});
