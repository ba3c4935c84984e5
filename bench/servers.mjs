// The bench's servers, on loopback ports 4190-4199 (the end-to-end tests use 4173-4176): the
// end-to-end tests' tests/e2e/serve.mjs as it is, which sends files uncompressed, and one that
// sends them brotli-compressed, as a static host compressing ahead of time does (the sizes
// the budget counts).
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { types } from '../tests/e2e/types.mjs';

const taken = new Set();

/** A port of 4190-4199 that nothing listens on and this bench has not handed out. */
async function freePort() {
  for (let port = 4190; port <= 4199; port++) {
    if (taken.has(port)) continue;
    const free = await new Promise((done) => {
      const probe = createServer().once('error', () => done(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port in 4190-4199');
}

/** tests/e2e/serve.mjs serving `dir`, in a child process; resolves once it listens. */
export async function plainServer(dir) {
  const port = await freePort();
  const child = spawn(process.execPath, ['tests/e2e/serve.mjs', dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve.mjs did not start on ${port}`)), 10_000);
    child.stdout.once('data', () => { clearTimeout(timer); done(); });
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`serve.mjs exited with ${code}`)); });
  });
  return { url: `http://127.0.0.1:${port}/`, close: async () => { child.kill(); } };
}

/**
 * Serves `dir` in this process, brotli (quality 11) to clients that accept it, PNG aside. Each file is
 * compressed once per version (path, size, mtime), so a rebuilt dist/ is picked up; the first
 * request for a file pays for its compression, hence the bench's warm-up loads.
 */
export async function brotliServer(dir) {
  const root = resolve(dir);
  const cache = new Map();
  const server = createHttpServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) return response.writeHead(403).end();
    try {
      const { size, mtimeMs } = await stat(file);
      let body = await readFile(file);
      const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' };
      // PNG is compressed already; a host would send it as it is.
      if (extname(file) !== '.png' && /\bbr\b/.test(request.headers['accept-encoding'] ?? '')) {
        const key = `${file} ${size} ${mtimeMs}`;
        if (!cache.has(key)) cache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        body = cache.get(key);
        headers['content-encoding'] = 'br';
      }
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  const port = await freePort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }) };
}
