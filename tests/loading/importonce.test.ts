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
});
