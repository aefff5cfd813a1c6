/**
 * The code an editor pastes into an article to embed the map: an iframe, an iframe that
 * follows its content's height, or the `<tension-map>` element.
 */
import { formatView } from './command.ts';
import { formatUrlState, type UrlState } from './urlstate.ts';

/** What an embed shows and where the app lives. */
export interface EmbedRequest {
  /** Where the app is served, without a trailing slash: `https://maps.example.org`. */
  appUrl: string;
  state: UrlState;
  /** Names the iframe, so its height messages find it. */
  id: string;
  /** The dataset's title, for the iframe's accessible name. */
  title: string;
  /** Starting height in pixels, before the content reports its own. */
  height?: number;
}

/** The snippets offered in the Embed dialog. */
export interface EmbedSnippets {
  iframe: string;
  responsive: string;
  element: string;
}

/** Escapes text for a double-quoted HTML attribute: the title comes from data. */
export function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * The script that sizes iframes from their `datawrapper-height` messages. Pages that
 * already embed Datawrapper charts have an equivalent and need nothing more.
 */
export const RESIZE_SCRIPT = `<script>
window.addEventListener('message', function (e) { var h = e.data && e.data['datawrapper-height'];
  for (var id in h || {}) { var f = document.getElementById(id); if (f && f.contentWindow === e.source) f.style.height = h[id] + 'px'; } });
</script>`;

/** Builds the three embed snippets for a state. */
export function embedSnippets(request: EmbedRequest): EmbedSnippets {
  const { appUrl, state, id, title } = request;
  const height = request.height ?? 560;
  const query = new URLSearchParams(formatUrlState(state));
  query.set('embed', '1');
  query.set('id', id);
  const src = `${appUrl}/?${query.toString().replaceAll('%2C', ',')}`;
  const iframe =
    `<iframe id="${escapeAttribute(id)}" src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
    `width="100%" height="${height}" style="border:0" loading="lazy" allow="fullscreen"></iframe>`;
  // The element takes the link's parameters as attributes, but not its basemap `style`,
  // which as an attribute would be the element's CSS.
  const attributes = [...new URLSearchParams(formatUrlState({ ...state, style: undefined }))].map(
    ([name, value]) => `${name}="${escapeAttribute(value)}"`,
  );
  const element =
    `<script type="module" src="${escapeAttribute(appUrl)}/tension-map.js"></script>\n` +
    `<tension-map ${attributes.join(' ')} style="display:block;height:${height}px"></tension-map>`;
  return { iframe, responsive: `${iframe}\n${RESIZE_SCRIPT}`, element };
}
