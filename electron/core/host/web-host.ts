import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientMessageSchema, type ServerMessage } from '../../../shared/app-api';
import type { AppService } from '../app-service';
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

/**
 * The web transport of the app API: HTTP serves the renderer build and two JSON endpoints for
 * operations; a WebSocket carries the snapshot, deltas, status and commands.
 */
export class WebHost {
  private server: Server | undefined;
  private sockets: WebSocketServer | undefined;

  constructor(
    private readonly app: AppService,
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
    send(socket, { kind: 'snapshot', ...this.app.snapshot() });
    const offDelta = this.app.onDelta((delta) => send(socket, { kind: 'delta', ...delta }));
    const offStatus = this.app.onStatus((status) => send(socket, { kind: 'status', status }));
    socket.on('close', () => {
      offDelta();
      offStatus();
    });
    socket.on('message', (data) => {
      let parsed;
      try {
        parsed = clientMessageSchema.safeParse(JSON.parse(String(data)));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        send(socket, { kind: 'result', requestId: -1, result: { ok: false, error: 'message is not valid JSON of the app API' } });
        return;
      }
      const message = parsed.data;
      if (message.kind === 'resync') send(socket, { kind: 'snapshot', ...this.app.snapshot() });
      else send(socket, { kind: 'result', requestId: message.requestId, result: this.app.execute(message.command) });
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
      const body =
        path === '/api/snapshot'
          ? (({ seq, tickets }) => ({ seq, tickets }))(this.app.snapshot())
          : path === '/api/status'
            ? this.app.core.status()
            : undefined;
      if (body === undefined) response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such endpoint"}');
      else response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
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
