import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { glslMinify } from './src/cli/glsl.ts';
import { wholeJson } from './src/cli/wholejson.ts';
import { contentSecurityPolicy, dataHostsFrom } from './src/core/security/csp.ts';

const repo = fileURLToPath(new URL('.', import.meta.url));

/** Puts the app's Content-Security-Policy into the built index.html (not in dev: HMR needs more). */
const csp: Plugin = {
  name: 'tension-map-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: contentSecurityPolicy(dataHostsFrom(process.env.TENSION_MAP_DATA_HOSTS)),
      },
      injectTo: 'head-prepend',
    },
  ],
};

/**
 * Collects the modules an entry (the file whose id ends with `entry`) runs as it starts:
 * everything it imports statically, directly or not, what it imports on demand left out.
 * Read once the module graph is complete, before the chunks are made.
 */
function staticModules(entry: string): { plugin: Plugin; has: (id: string) => boolean } {
  const modules = new Set<string>();
  const plugin: Plugin = {
    name: `tension-map-static-modules:${entry}`,
    apply: 'build',
    buildEnd() {
      const queue = [...this.getModuleIds()].filter((id) => id.endsWith(entry));
      while (queue.length > 0) {
        const id = queue.pop()!;
        if (modules.has(id)) continue;
        modules.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  return { plugin, has: (id) => modules.has(id) };
}

const firstView = staticModules('/src/index.html');

/**
 * `vite build --mode element` builds the script embed: one file, `dist/tension-map.js`,
 * defining <tension-map>. Component styles are injected into each element's shadow root
 * instead of a page-wide stylesheet, and asset URLs are relative to the script, so it works
 * from any page that loads it.
 */
const element = {
  base: './',
  publicDir: false as const,
  plugins: [
    svelte({ configFile: false, compilerOptions: { runes: true, css: 'injected' } }),
    glslMinify(),
    wholeJson(),
  ],
  build: {
    outDir: '../dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: fileURLToPath(new URL('src/element.ts', import.meta.url)),
      output: {
        entryFileNames: 'tension-map.js',
        chunkFileNames: 'assets/element-[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
};

export default defineConfig(({ mode }) => ({
  root: 'src',
  publicDir: '../static',
  plugins: [
    svelte({ configFile: false, compilerOptions: { runes: true } }),
    csp,
    glslMinify(),
    wholeJson(),
    firstView.plugin,
  ],
  // The loading worker as an ES module, so what it imports on demand (the Parquet reader)
  // stays a chunk of its own instead of being inlined into the worker every page starts.
  worker: { format: 'es' as const },
  // MapLibre's worker is loaded by URL; pre-bundling it breaks the worker import.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    // `vite build --mode bench` is the benchmark's build: the app plus the hooks of
    // `src/bench/page.ts`, kept out of `dist/` so nothing published carries them.
    outDir: mode === 'bench' ? '../dist-bench' : '../dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      // The bench build adds the deck.gl peer page (`src/bench/deckgl.html`), so deck.gl is
      // bundled into `dist-bench/` only.
      ...(mode === 'bench'
        ? {
            input: {
              main: fileURLToPath(new URL('src/index.html', import.meta.url)),
              deckgl: fileURLToPath(new URL('src/bench/deckgl.html', import.meta.url)),
            },
          }
        : {}),
      output: {
        // MapLibre in a chunk of its own, so the size budget (tests/cli/budget.test.ts) and
        // the benchmark can tell the app's bytes from the library's, and an app change does
        // not invalidate the cached library. Everything else the first view runs goes in one
        // chunk: split by which on-demand chunks share each module, it made ten small files
        // whose imports, exports and separate compression cost 2.5 KB gzipped.
        // The bench build leaves the first view's modules where the bundler puts them: its
        // deck.gl page shares some of them, and one chunk for all would run the app's
        // entry on that page too.
        codeSplitting: {
          groups: [
            { name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 2 },
            ...(mode === 'bench'
              ? []
              : [{ name: 'app', test: (id: string) => firstView.has(id), priority: 1 }]),
          ],
        },
      },
    },
  },
  server: { fs: { allow: [repo] } },
  ...(mode === 'element' ? element : {}),
  test: {
    root: repo,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: repo,
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/**/*.svelte.test.ts'],
          environment: 'node',
          // Property tests run thousands of cases: on a shared, busy machine they take seconds.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'runes',
          root: repo,
          include: ['tests/**/*.svelte.test.ts'],
          environment: './tests/client-environment.ts',
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
          // A poll waits for the page, which on a shared two-core machine can take seconds
          // to draw: the default second made tests fail for slowness, not for a bug.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
}));
