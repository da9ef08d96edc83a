import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_EVENTS, appApi, clientMessageSchema, isRequestName, type AppApi, type ServerMessage } from '../../../shared/app-api';
import { dispatchRequest } from '../app/api-dispatch';
import { readStatic } from './static-files';

export interface WebHostOptions {
  host: string;
  port: number;
  /** Required when bound to anything but loopback: a second screen on the LAN must present it. */
  token?: string;
  rendererDir: string;
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Operations without input may also be read over HTTP, as `GET /api/<name>` (for operations staff and tools). */
const readableOverHttp = (name: string): boolean => isRequestName(name) && appApi.requests[name].input.safeParse(undefined).success;

/**
 * The web transport of the app API, derived from its table: HTTP serves the renderer build and
 * `GET /api/<operation>` for operations without input; a WebSocket carries every operation
 * (`request` → `response`) and every pushed event.
 */
export class WebHost {
  private server: Server | undefined;
  private sockets: WebSocketServer | undefined;

  constructor(
    private readonly api: AppApi,
    private readonly options: WebHostOptions,
  ) {
    if (!isLoopback(options.host) && !options.token) {
      throw new Error(
        `the web host binds to ${options.host}, which is reachable from the network: set a token (web.token) so only your screens can connect`,
      );
    }
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    server.on('upgrade', (request, socket, head) => {
      if (!this.authorised(request) || !request.url?.startsWith('/ws')) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => this.connect(ws));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    this.sockets = sockets;
    const { port } = server.address() as AddressInfo;
    return `http://${this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host}:${port}/`;
  }

  async stop(): Promise<void> {
    for (const client of this.sockets?.clients ?? []) client.terminate();
    this.sockets?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private authorised(request: IncomingMessage): boolean {
    if (!this.options.token) return true;
    const url = new URL(request.url ?? '/', 'http://host');
    return url.searchParams.get('token') === this.options.token || request.headers.authorization === `Bearer ${this.options.token}`;
  }

  private connect(socket: WebSocket): void {
    const unsubscribe = API_EVENTS.map((name) => this.api.on(name, (payload) => send(socket, { kind: 'event', name, payload })));
    socket.on('close', () => unsubscribe.forEach((off) => off()));
    socket.on('message', (data) => {
      let parsed;
      try {
        parsed = clientMessageSchema.safeParse(JSON.parse(String(data)));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        send(socket, { kind: 'response', id: -1, result: { ok: false, error: 'message is not valid JSON of the app API' } });
        return;
      }
      const { id, name, input } = parsed.data;
      void dispatchRequest(this.api, name, input).then((result) => send(socket, { kind: 'response', id, result }));
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path.startsWith('/api/')) {
      if (!this.authorised(request)) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"token required"}');
        return;
      }
      const name = path.slice('/api/'.length);
      if (!readableOverHttp(name)) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such endpoint"}');
        return;
      }
      const result = await dispatchRequest(this.api, name, undefined);
      const body = result.ok ? JSON.stringify(result.value) : JSON.stringify({ error: result.error });
      response.writeHead(result.ok ? 200 : 500, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
      return;
    }
    const file = await readStatic(this.options.rendererDir, path);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }
}
