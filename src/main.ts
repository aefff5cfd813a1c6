/**
 * Starts the app: reads the link, loads the dataset (the built-in one unless `?data=` names
 * another), mounts the full app or, with `?embed=1`, the embed, and installs
 * `window.tensionMap` (in the bench build, with the benchmark's hooks of `bench/page.ts`).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/theme.css';
import { parseOrigins } from './core/commands/messages.ts';
import { parseUrlState } from './core/commands/urlstate.ts';
import type { TensionMapApi } from './embed/automation.ts';
import { mountMap } from './embed/mount.ts';
import { syncLocation } from './state/urlsync.svelte.ts';

declare global {
  interface Window {
    tensionMap: TensionMapApi;
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const { state: link, problems } = parseUrlState(location.search, location.href);
  const embed = params.get('embed') === '1';
  if (embed) document.documentElement.classList.add('embedded');
  const map = await mountMap({
    target: document.getElementById('app')!,
    layout: embed ? 'embed' : 'app',
    assetBase: new URL(import.meta.env.BASE_URL, location.href).href.replace(/\/$/, ''),
    fill: params.get('fill') === '1',
    command: link,
  });
  map.state.notices = problems;
  map.state.styleUrl = link.style;
  if (import.meta.env.MODE === 'bench') {
    // The benchmark's hooks, in the bench build only: Vite makes the condition constant, so
    // the production build drops this branch and the module. `ready` waits for them, since
    // the harness reads the hooks once the map is ready.
    const hooks = import('./bench/page.ts').then(({ addBenchHooks }) =>
      addBenchHooks(map.api, map.state, map.controller),
    );
    map.api.ready = Promise.all([map.api.ready, hooks]).then(() => undefined);
  }
  window.tensionMap = map.api;
  if (embed && window.parent !== window && map.root) {
    // Only a framed embed talks to a host page: the full app never downloads this code.
    const { connectToHost } = await import('./embed/host.svelte.ts');
    connectToHost(map.state, map.api, map.root, {
      id: params.get('id') ?? 'tension-map',
      origins: parseOrigins(params.get('origins')),
    });
  }
  syncLocation(map.state);
  await map.load(link.data);
}

void start();
