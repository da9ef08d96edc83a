import { connect } from 'node:net';
import WebSocket from 'ws';
import { pick, seededRandom } from '../simulator/random';

/** What a fuzz run tried and what came back. */
export interface FuzzStats {
  http: number;
  frames: number;
  commands: number;
  /** Bad commands answered with an error envelope (every one must be). */
  commandErrors: number;
  /** Bad commands that got anything else. */
  commandSurprises: string[];
}

const TARGETS = [
  '/',
  '/%E0%A4%A',
  '/%',
  '/%00',
  '/..%2f..%2fetc%2fpasswd',
  '/api/snapshot',
  '/api/%ZZ',
  '/api/execute',
  '//',
  '/ws',
  '/ws/board',
  '/board',
  '/api/guestBoard',
  '/assets/../../x',
  '/session',
  '/?token=%',
];
const HOSTS = ['attacker.example', '', 'localhost:1', '127.0.0.1', '[::1', 'x'.repeat(3000)];
const METHODS = ['GET', 'POST', 'HEAD', 'DELETE', 'GARBAGE', '\u0000'];

function randomText(random: () => number, max: number): string {
  const length = Math.floor(random() * max);
  let text = '';
  for (let i = 0; i < length; i += 1) text += String.fromCharCode(Math.floor(random() * 0xffff));
  return text;
}

/** One raw HTTP request, well- or ill-formed, over a plain socket; resolves when the host answers or closes. */
function rawRequest(port: number, payload: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (): void => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(2_000, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', done);
    socket.on('connect', () => socket.end(payload));
  });
}

function httpPayload(random: () => number, port: number, authorization: string): string | Buffer {
  const kind = Math.floor(random() * 5);
  const target = pick(random, TARGETS);
  if (kind === 0) return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
  // Half of these with the screen's token, so they reach the handlers behind the access check.
  const credentials = random() < 0.5 ? `Authorization: ${authorization}\r\n` : '';
  if (kind === 1) return `${pick(random, METHODS)} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${credentials}\r\n`;
  if (kind === 2) return `GET ${target} HTTP/1.1\r\nHost: ${pick(random, HOSTS)}\r\nOrigin: http://evil.example\r\n\r\n`;
  if (kind === 3)
    return `GET ${random() < 0.5 ? '/ws' : '/ws/board'} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomText(random, 10)}\r\n${credentials}\r\n`;
  return `GET ${target}${randomText(random, 40)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${credentials}${randomText(random, 60)}: x\r\n\r\n`;
}

/** A command that must be refused: random names, random inputs, wrong shapes. */
function badCommand(random: () => number, id: number): unknown {
  const kind = Math.floor(random() * 6);
  if (kind === 0) return { kind: 'request', id, name: randomText(random, 20), input: {} };
  if (kind === 1)
    return { kind: 'request', id, name: 'execute', input: { type: randomText(random, 12), orderId: randomText(random, 300) } };
  if (kind === 2) return { kind: 'request', id, name: 'execute', input: { type: 'BUMP', orderId: 42 } };
  if (kind === 3) return { kind: 'request', id, name: 'acknowledgeNotices', input: { uptoId: -random() } };
  if (kind === 4) return { kind: 'request', id, name: 'replayOrders', input: { since: 'yesterday', pin: randomText(random, 30) } };
  return { kind: 'request', id, name: 'execute', input: { type: 'ITEM_DONE', orderId: 'no-such-order', lineId: 'l1' } };
}

/**
 * Throws malformed and random HTTP requests, WebSocket frames and refused commands at a running
 * web host (loopback only). The caller checks that the host is alive and unchanged afterwards.
 */
export async function fuzzWebHost(url: string, count: number, seed: number, token: string): Promise<FuzzStats> {
  const authorization = `Bearer ${token}`;
  const random = seededRandom(seed);
  const port = Number(new URL(url).port);
  const stats: FuzzStats = { http: 0, frames: 0, commands: 0, commandErrors: 0, commandSurprises: [] };
  const wsUrl = `ws://127.0.0.1:${port}/ws`;
  let socket = await open(wsUrl, authorization);
  const answers = new Map<number, (result: unknown) => void>();
  const listen = (ws: WebSocket): void => {
    ws.on('message', (data) => {
      try {
        const message = JSON.parse(String(data)) as { kind: string; id: number; result: unknown };
        if (message.kind === 'response') answers.get(message.id)?.(message.result);
      } catch {
        // Events and anything else: not ours to check here.
      }
    });
    ws.on('error', () => undefined);
  };
  listen(socket);
  for (let i = 0; i < count; i += 1) {
    const lane = i % 3;
    if (lane === 0) {
      await rawRequest(port, httpPayload(random, port, authorization));
      stats.http += 1;
    } else if (lane === 1) {
      if (socket.readyState !== WebSocket.OPEN) {
        socket = await open(wsUrl, authorization);
        listen(socket);
      }
      const kind = Math.floor(random() * 4);
      // Invalid UTF-8 and frames over the size limit make the host close that connection: wait for it.
      const closing = kind <= 1 ? closed(socket) : Promise.resolve();
      if (kind === 0) socket.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false });
      else if (kind === 1) socket.send(Buffer.alloc(70 * 1024, 0x61));
      else if (kind === 2) socket.send(randomText(random, 100));
      else socket.send(Buffer.from(Array.from({ length: 50 }, () => Math.floor(random() * 256))), { binary: true });
      stats.frames += 1;
      await closing;
    } else {
      if (socket.readyState !== WebSocket.OPEN) {
        socket = await open(wsUrl, authorization);
        listen(socket);
      }
      const id = 1_000_000 + i;
      const answered = new Promise<unknown>((resolve) => {
        answers.set(id, resolve);
        setTimeout(() => resolve('no answer'), 2_000).unref();
      });
      socket.send(JSON.stringify(badCommand(random, id)));
      const result = await answered;
      answers.delete(id);
      stats.commands += 1;
      if (typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false) stats.commandErrors += 1;
      else if (result === 'no answer' && socket.readyState !== WebSocket.OPEN)
        stats.commands -= 1; // the socket closed under it (rate limit or a bad frame before)
      else stats.commandSurprises.push(JSON.stringify(result).slice(0, 200));
      // Stay under the per-connection rate limit most of the time.
      if (i % 30 === 2) await new Promise((resolve) => setTimeout(resolve, 60));
    }
  }
  socket.close();
  return stats;
}

function closed(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    setTimeout(resolve, 2_000).unref();
  });
}

function open(url: string, authorization: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
