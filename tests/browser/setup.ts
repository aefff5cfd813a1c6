/**
 * Global setup of the browser tests: builds the app when `dist/` is missing, serves it, and
 * hands the origin to the tests. `npm test` always builds first, so this build only runs
 * when the browser project is started on its own.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { repoPath, startServer } from '../../src/cli/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(repoPath('dist', 'index.html'))) {
    await build({ configFile: repoPath('vite.config.ts'), logLevel: 'warn' });
  }
  const server = await startServer(repoPath('dist'), repoPath('tests', 'fixtures'), {
    render: repoPath('tests', 'browser', 'render'),
  });
  project.provide('origin', server.origin);
  return server.close;
}
