// A server for the tests of following the room (room.spec.ts) and its benchmark
// (bench/room.mjs): the release bundle, and a status.json the caller changes as it goes,
// with an ETag (a 304 when unchanged), an error status, or a connection cut short. It keeps
// every answer for the file, with the bytes each cost both ways.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { staticFiles } from './serve.mjs';

export class RoomServer {
  /** What status.json answers: `{ body, status = 200, type = 'application/json', cut = false }`. */
  reply = { body: JSON.stringify({ version: 0, delay: { minutes: 0 }, notices: [] }) };
  /** The HTTP status of every answer for the file, in order. */
  asked = [];
  /** The bytes of every exchange for the file: `{ sent, received }`. */
  traffic = [];
  url = '';

  constructor(dir) {
    this.files = staticFiles(dir);
    this.server = createServer((request, response) => this.handle(request, response));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}/`;
    return this;
  }

  /** Serves another bundle from now on: a new deployment. */
  deploy(dir) {
    this.files = staticFiles(dir);
  }

  stop() {
    this.server.closeAllConnections();
    this.server.close();
  }

  handle(request, response) {
    if (new URL(request.url, this.url).pathname !== '/status.json') {
      void this.files(request, response);
      return;
    }
    const { body = '', status = 200, type = 'application/json', cut = false } = this.reply;
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const answered = status === 200 && request.headers['if-none-match'] === etag ? 304 : status;
    this.asked.push(answered);
    const received = `${request.method} ${request.url} HTTP/1.1\r\n`.length +
      request.rawHeaders.reduce((n, part) => n + part.length + 2, 2);
    const socket = response.socket;
    const before = socket.bytesWritten;
    response.once('finish', () => this.traffic.push({ sent: socket.bytesWritten - before, received }));
    if (cut) {
      // Promises the whole body, sends half, and hangs up.
      response.writeHead(200, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
      response.write(body.slice(0, body.length / 2));
      setTimeout(() => response.destroy(), 50);
      return;
    }
    response.writeHead(answered, { 'content-type': type, etag, 'cache-control': 'no-cache' });
    response.end(answered === 304 ? undefined : body);
  }
}
