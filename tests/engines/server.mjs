// Serves a built bundle on loopback for the engine tests. Each page's HTML gets one script
// before everything else, `__errors.js`, which records every error the page raises or logs
// into `window.__errors`, and can take a feature away (`?without=`): WebKit's WebDriver cannot run a script before the page's own, so
// the page loads it itself. It is a file of the page's origin, which the page's policy
// allows. (A page changed so is not the bundle its service worker lists: the offline test
// asks for the page as built with `inject: false`.)
import { createServer } from 'node:http';
import { appendHtml, one, parsePage, serializePage } from '../../bundle/html.mjs';
import { staticFiles } from '../e2e/serve.mjs';

const ERRORS = `// A test may take a feature away, to see the page's fallback (?without=DurationFormat,
// ?without=wakeLock; the page ignores parameters it does not know).
const without = new URLSearchParams(location.search).getAll('without');
// Defined away rather than deleted: SpiderMonkey would resolve a deleted Intl class again.
if (without.includes('DurationFormat')) Object.defineProperty(Intl, 'DurationFormat', { value: undefined, configurable: true });
if (without.includes('wakeLock')) delete Navigator.prototype.wakeLock;
window.__errors = [];
addEventListener('error', (e) => __errors.push('pageerror: ' + (e.message || e.target?.src || e.type)), true);
addEventListener('unhandledrejection', (e) => __errors.push('unhandled rejection: ' + e.reason));
const consoleError = console.error;
console.error = (...args) => { __errors.push('console.error: ' + args.join(' ')); consoleError.apply(console, args); };
`;

/** The page `body` with the error listener first in its head. */
function withListener(body) {
  const document = parsePage(body.toString('utf8'));
  const head = one(document, 'head');
  appendHtml(head, '<script src="__errors.js"></script>');
  // First in the head: before the page's own scripts.
  head.childNodes.unshift(head.childNodes.pop());
  return serializePage(document);
}

/**
 * Starts a server for `dir` on a free port; `inject`: add the error listener to pages. Its
 * `status.body`, when set, is what /status.json answers (the room's status file), so a test
 * can publish while a page is open.
 */
export function serve(dir, { inject = true } = {}) {
  const files = staticFiles(dir, { transform: (file, body) => (inject && file.endsWith('.html') ? withListener(body) : body) });
  const status = { body: null };
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (inject && path.endsWith('/__errors.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(ERRORS);
      return;
    }
    if (path === '/status.json' && status.body !== null) {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(status.body);
      return;
    }
    return files(request, response);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      done({
        url: `http://127.0.0.1:${server.address().port}/`,
        status,
        stop: () => new Promise((closed) => { server.closeAllConnections(); server.close(() => closed()); }),
      });
    });
  });
}
