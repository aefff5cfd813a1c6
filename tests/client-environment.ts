/**
 * A Vitest environment that is Node, but compiles and resolves modules as for the browser,
 * so `*.svelte.test.ts` files run Svelte's client runtime: effects run and derived values are
 * cached as they are in the app (the server runtime recomputes them on every read).
 */
import type { Environment } from 'vitest/environments';

export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} }),
} satisfies Environment;
