import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import type { PinAttempts } from '../../electron/core/app/pin-attempts';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import type { Clock } from '../../electron/core/lib/clock';
import { WebHost } from '../../electron/core/host/web-host';
import type { RequestName, Result, ServerMessage } from '../../shared/app-api';
import type { KdsConfig } from '../../shared/config';

export interface HostedTerminal {
  terminal: Terminal;
  url: string;
  /** Every log line of the terminal and its host. */
  logs: string[];
  stop: () => Promise<void>;
}

/** A terminal in this process behind a real web host on 127.0.0.1, every log line kept. */
export async function hostTerminal(
  config: KdsConfig,
  options: { clock?: Clock; pinAttempts?: (log: (level: string, message: string) => void) => PinAttempts; rendererDir?: string } = {},
): Promise<HostedTerminal> {
  const logs: string[] = [];
  const log = (level: string, message: string): void => void logs.push(`${level} ${message}`);
  const terminal = startTerminal(config, { log, pinAttempts: options.pinAttempts?.(log) });
  const host = new WebHost(terminal.api, {
    host: '127.0.0.1',
    port: 0,
    access: terminal.access,
    rendererDir: options.rendererDir ?? resolve('dist/renderer'),
    log,
    clock: options.clock,
  });
  const url = await host.start();
  return {
    terminal,
    url,
    logs,
    stop: async () => {
      await host.stop();
      await terminal.stop();
    },
  };
}

export interface HttpAnswer {
  status: number;
  body: string;
  setCookie: string | undefined;
}

/** An HTTP request from a chosen loopback address (127.0.0.0/8 all reaches this machine: distinct sources for per-address limits). */
export function httpFrom(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((done, fail) => {
    const request = httpRequest(
      new URL(options.path ?? '/', url),
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          done({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: response.headers['set-cookie']?.[0],
          }),
        );
      },
    );
    request.once('error', fail);
    request.end(options.body);
  });
}

/** Tries a pairing code as the pairing screen does. */
export const tryCode = (url: string, code: string, from: { localAddress?: string; userAgent?: string } = {}): Promise<HttpAnswer> =>
  httpFrom(url, {
    method: 'POST',
    path: '/session',
    headers: { 'content-type': 'application/json', ...(from.userAgent ? { 'user-agent': from.userAgent } : {}) },
    body: JSON.stringify({ code }),
    localAddress: from.localAddress,
  });

/** The `cookie` header a browser sends after a successful pairing answer. */
export function cookieOf(answer: HttpAnswer): string {
  if (answer.status !== 200 || !answer.setCookie) throw new Error(`pairing refused: ${answer.status} ${answer.body}`);
  return answer.setCookie.split(';')[0] ?? '';
}

/** Pairs one more screen with a fresh code: its cookie header. */
export async function pairNewScreen(hosted: HostedTerminal, userAgent = 'test screen'): Promise<string> {
  const pairing = await hosted.terminal.api.pairScreen({});
  if (!pairing.ok) throw new Error(pairing.error);
  return cookieOf(await tryCode(hosted.url, pairing.value.code, { userAgent }));
}

/** A well-behaved screen's WebSocket (the `ws` package answers closes as browsers do). */
export class ScreenSocket {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  /** Close code and the time it arrived. */
  readonly closed: Promise<{ code: number; at: number }>;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((done) => socket.once('close', (code) => done({ code, at: performance.now() })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.kind !== 'response') return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  /** Opens, or answers the HTTP status that refused the upgrade. */
  static open(url: string, headers: Record<string, string>): Promise<ScreenSocket | number> {
    return new Promise((done) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}ws`, { headers });
      socket.once('open', () => done(new ScreenSocket(socket)));
      socket.once('unexpected-response', (_request, response) => done(response.statusCode ?? 0));
    });
  }

  static async opened(url: string, headers: Record<string, string>): Promise<ScreenSocket> {
    const opened = await ScreenSocket.open(url, headers);
    if (typeof opened === 'number') throw new Error(`the socket was refused: ${opened}`);
    return opened;
  }

  request(name: RequestName, input?: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.pending.set(id, done);
      this.socket.send(JSON.stringify({ kind: 'request', id, name, input }));
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

const CLOSE_FRAME = 0x8;

/**
 * A WebSocket client written by hand that never answers a close: it keeps sending after the
 * host has closed it, as a hostile or broken client would. Frames it receives are kept.
 */
export class StubbornSocket {
  readonly frames: { opcode: number; payload: Buffer; at: number }[] = [];
  /** When the host cut the TCP connection. */
  readonly ended: Promise<number>;
  private readonly frameListeners = new Set<(frame: { opcode: number; payload: Buffer }) => void>();
  private buffer = Buffer.alloc(0);

  private constructor(private readonly tcp: Socket) {
    this.ended = new Promise((done) => tcp.once('close', () => done(performance.now())));
    tcp.on('error', () => undefined);
  }

  static open(url: string, headers: Record<string, string>): Promise<StubbornSocket> {
    const { hostname, port } = new URL(url);
    return new Promise((done, fail) => {
      const tcp = connect({ host: hostname, port: Number(port) });
      const socket = new StubbornSocket(tcp);
      let head = Buffer.alloc(0);
      const onHandshake = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        tcp.off('data', onHandshake);
        const status = head.subarray(0, end).toString('latin1').split(' ')[1];
        if (status !== '101') return fail(new Error(`upgrade refused: ${status}`));
        tcp.on('data', (data: Buffer) => socket.receive(data));
        socket.receive(head.subarray(end + 4));
        done(socket);
      };
      tcp.on('data', onHandshake);
      tcp.once('error', fail);
      const lines = [
        'GET /ws HTTP/1.1',
        `Host: ${hostname}:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      tcp.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }

  onFrame(listener: (frame: { opcode: number; payload: Buffer }) => void): void {
    this.frameListeners.add(listener);
  }

  /** The host's close code, once it sent its close frame. */
  get closeCode(): number | undefined {
    const frame = this.frames.find((f) => f.opcode === CLOSE_FRAME);
    return frame && frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined;
  }

  /** Responses (text frames) received. */
  texts(): ServerMessage[] {
    return this.frames.filter((f) => f.opcode === 0x1).map((f) => JSON.parse(f.payload.toString('utf8')) as ServerMessage);
  }

  /** Sends a request as a masked text frame (as every client must), whatever the connection's state. */
  request(id: number, name: string, input?: unknown): void {
    if (this.tcp.destroyed) return;
    const payload = Buffer.from(JSON.stringify({ kind: 'request', id, name, input }));
    const mask = randomBytes(4);
    const header =
      payload.length < 126
        ? Buffer.from([0x81, 0x80 | payload.length])
        : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
    this.tcp.write(Buffer.concat([header, mask, masked]));
  }

  destroy(): void {
    this.tcp.destroy();
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = (this.buffer[0] ?? 0) & 0x0f;
      let length = (this.buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const frame = { opcode, payload: this.buffer.subarray(offset, offset + length) };
      this.buffer = this.buffer.subarray(offset + length);
      this.frames.push({ ...frame, at: performance.now() });
      this.frameListeners.forEach((listener) => listener(frame));
    }
  }
}
