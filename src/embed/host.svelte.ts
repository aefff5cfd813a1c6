/**
 * The iframe side of the step API: commands from the host page in, `ready`, `state` and
 * `height` messages out. Heights are also posted in Datawrapper's `datawrapper-height`
 * form, so CMS integrations that already resize Datawrapper iframes resize ours.
 */
import {
  HEIGHT,
  isAllowedOrigin,
  parseSetMessage,
  READY,
  STATE,
} from '../core/commands/messages.ts';
import type { PublicState, TensionMapApi } from './automation.ts';
import type { MapState } from '../state/state.svelte.ts';

/** How an embedded map talks to its host page. */
export interface HostOptions {
  /** Names this map in outgoing messages, so a page with several embeds can tell them apart. */
  id: string;
  /** Origins allowed to send commands; empty allows any. */
  origins: string[];
}

/**
 * Connects an embedded map to the window that framed it. Malformed or foreign commands are
 * ignored with a console warning, never thrown into either page. Returns a disconnect
 * function.
 */
export function connectToHost(
  state: MapState,
  api: TensionMapApi,
  root: HTMLElement,
  { id, origins }: HostOptions,
): () => void {
  const host = window.parent;
  const post = (message: unknown) => {
    for (const origin of origins.length ? origins : ['*']) host.postMessage(message, origin);
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== host) return;
    const parsed = parseSetMessage(event.data);
    if (!parsed) return;
    if (!isAllowedOrigin(event.origin, origins)) {
      console.warn(
        `tension-map: ignored a command from ${event.origin}, which is not an allowed origin`,
      );
    } else if (!parsed.ok) {
      console.warn(`tension-map: ignored a malformed command: ${parsed.reason}`);
    } else {
      state.apply(parsed.value);
    }
  };
  window.addEventListener('message', onMessage);

  let lastHeight = 0;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: HEIGHT, id, height });
    post({ 'datawrapper-height': { [id]: height } });
  });
  observer.observe(root);

  void api.ready.then(() => post({ type: READY, id, state: api.getState() }));
  const stopWatching = watchRenderedState(state, api, (current) =>
    post({ type: STATE, id, state: current }),
  );

  return () => {
    window.removeEventListener('message', onMessage);
    observer.disconnect();
    stopWatching();
  };
}

/**
 * Calls `report` with the public state after each change of date, mode, view, selection or
 * dataset, once the map has drawn it, so a host can wait for a step to land. Changes made
 * while a render is pending are reported once, after the last. Returns a stop function.
 */
export function watchRenderedState(
  state: MapState,
  api: TensionMapApi,
  report: (state: PublicState) => void,
): () => void {
  let ready = false;
  let generation = 0;
  const stop = $effect.root(() => {
    $effect(() => {
      void state.filter;
      void state.view;
      void state.selectedId;
      void state.dataset;
      const current = ++generation;
      if (!ready) return;
      void api.settled().then(() => {
        if (current === generation) report(api.getState());
      });
    });
  });
  void api.ready.then(() => (ready = true));
  return stop;
}
