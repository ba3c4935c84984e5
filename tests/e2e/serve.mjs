// A minimal static file server for the release bundle, with the MIME types browsers need
// (wasm must be application/wasm for streaming compilation). Loopback only.
// Usage: node tests/e2e/serve.mjs [dir] [port] [prefix]   (port 0: any free port, printed)
// With a prefix such as /nownext/, the bundle is served under it, as on a static host's
// sub-path, and nothing outside it exists. tests/engines/server.mjs serves through the same
// handler, `staticFiles`.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { types } from './types.mjs';

/**
 * A request handler that serves the folder `dir` under `prefix`. `transform(file, body)` may
 * change what a file is served as.
 */
export function staticFiles(dir, { prefix = '/', transform = (_file, body) => body } = {}) {
  const root = resolve(dir);
  return async (request, response) => {
    const full = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    if (!full.startsWith(prefix)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const path = `/${full.slice(prefix.length)}`;
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = transform(file, await readFile(file));
      response.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
}

// Run as a command, not imported.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(process.argv[2] ?? 'dist');
  const port = Number(process.argv[3] ?? 4173);
  const prefix = process.argv[4] ?? '/';
  const server = createServer(staticFiles(root, { prefix }))
    .listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${server.address().port}${prefix}`));
}
