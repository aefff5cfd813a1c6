import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const repo = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'src',
  publicDir: '../static',
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  // MapLibre's worker is loaded by URL; pre-bundling it breaks the worker import.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { fs: { allow: [repo] } },
  test: {
    root: repo,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: repo,
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          root: repo,
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
