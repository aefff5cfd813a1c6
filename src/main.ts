/**
 * Starts the app: reads the link, loads the dataset (the built-in one unless `?data=` names
 * another), mounts the full app or, with `?embed=1`, the embed, and installs
 * `window.tensionMap` (in the bench build, with the benchmark's hooks of `bench/page.ts`).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { createAutomation, type MapController, type TensionMapApi } from './embed/automation.ts';
import { mapStateContext } from './state/context.ts';
import EmbedApp from './ui/EmbedApp.svelte';
import { connectToHost } from './embed/host.svelte.ts';
import { loadInitialData } from './loading/load.ts';
import { MapState } from './state/state.svelte.ts';
import { syncLocation } from './state/urlsync.svelte.ts';
import { parseOrigins } from './core/commands/messages.ts';
import { parseUrlState } from './core/commands/urlstate.ts';

declare global {
  interface Window {
    tensionMap: TensionMapApi;
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const { state: link, problems } = parseUrlState(location.search, location.href);
  const state = new MapState();
  state.notices = problems;
  state.styleUrl = link.style;
  state.applyUrlState(link);

  let resolveController: (controller: MapController) => void = () => {};
  let rejectController: (reason: string) => void = () => {};
  const controller = new Promise<MapController>((resolve, reject) => {
    resolveController = resolve;
    rejectController = (reason) => reject(new Error(reason));
  });
  const api = createAutomation(state, controller);
  if (import.meta.env.MODE === 'bench') {
    // The benchmark's hooks, in the bench build only: Vite makes the condition constant, so
    // the production build drops this branch and the module. `ready` waits for them, since
    // the harness reads the hooks once the map is ready.
    const hooks = import('./bench/page.ts').then(({ addBenchHooks }) =>
      addBenchHooks(api, state, controller),
    );
    api.ready = Promise.all([api.ready, hooks]).then(() => undefined);
  }
  window.tensionMap = api;

  const target = document.getElementById('app')!;
  const context = mapStateContext(state);
  const assetBase = new URL(import.meta.env.BASE_URL, location.href).href.replace(/\/$/, '');
  if (params.get('embed') === '1') {
    document.documentElement.classList.add('embedded');
    const fill = params.get('fill') === '1';
    mount(EmbedApp, {
      target,
      props: { assetBase, fill, onready: resolveController, onfail: rejectController },
      context,
    });
    const root = target.firstElementChild;
    if (window.parent !== window && root instanceof HTMLElement) {
      connectToHost(state, api, root, {
        id: params.get('id') ?? 'tension-map',
        origins: parseOrigins(params.get('origins')),
      });
    }
  } else {
    mount(App, {
      target,
      props: { assetBase, onready: resolveController, onfail: rejectController },
      context,
    });
  }
  syncLocation(state);
  await loadInitialData(state, link.data);
}

void start();
