/**
 * A small static server for the built app, used by the browser tests, the snapshot tool and
 * the benchmark: `dist/` at `/`, and an extra folder (test fixtures, generated datasets) at
 * `/fixtures/`. Written out rather than using `vite preview` so callers control headers and
 * can serve failing URLs on purpose (`/status/404`).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Starts the server on a free port and returns its origin and a stop function. `mounts`
 * serves more folders, each at `/<name>/` (the render tests' cases at `/render/`).
 */
export async function startServer(
  root: string,
  fixtures: string,
  mounts: Record<string, string> = {},
): Promise<{ origin: string; close: () => Promise<void> }> {
  const folders: [string, string][] = [
    ['/fixtures/', fixtures],
    ...Object.entries(mounts).map(([name, dir]): [string, string] => [`/${name}/`, dir]),
  ];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/status/404') {
      response.writeHead(404).end('not found');
      return;
    }
    const mount = folders.find(([prefix]) => url.pathname.startsWith(prefix));
    const [base, path] = mount
      ? [mount[1], url.pathname.slice(mount[0].length)]
      : [root, url.pathname === '/' ? 'index.html' : url.pathname.slice(1)];
    const file = resolve(base, normalize(decodeURIComponent(path)));
    if (!file.startsWith(resolve(base)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Absolute path of a file or folder in the repository. */
export function repoPath(...parts: string[]): string {
  return join(resolve(import.meta.dirname, '../..'), ...parts);
}
