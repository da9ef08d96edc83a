import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isLoopback } from '../../../shared/loopback';
import { API_EVENTS, appApi, clientMessageSchema, isRequestName, type AppApi, type ServerMessage } from '../../../shared/app-api';
import { dispatchRequest } from '../app/api-dispatch';
import { asScreen } from '../app/calling-screen';
import type { AccessHolder, ScreenAccess } from '../app/screen-access';
import { systemClock, type Clock } from '../lib/clock';
import type { Log } from '../lib/log';
import { loggable } from '../lib/log-text';
import { RequestBudget } from '../lib/request-budget';
import { RefusalLog } from './refusal-log';
import { reachableName, RequestGuard, requestPath, sourceAddress } from './request-guard';
import { ScreenSessions } from './screen-session';
import { readStatic } from './static-files';
import type { WebTls } from './web-tls';

export interface WebHostOptions {
  host: string;
  port: number;
  /** Who may connect: screens presenting the terminal's access token (a pairing code gives it to a browser once). */
  access: ScreenAccess;
  /** HTTPS; required when bound beyond loopback unless `allowPlaintext` says otherwise. */
  tls?: WebTls;
  allowPlaintext?: boolean;
  /** Other `host:port` names this host is reached by (a DNS name on the kitchen LAN). */
  allowedHosts?: readonly string[];
  rendererDir: string;
  log?: Log;
  /** Time for the pairing budget, the refusal log and closing revoked sockets (tests drive it by hand). */
  clock?: Clock;
}

/** Requests a screen may send per second (and in a burst) before it is told to slow down. */
const REQUESTS_PER_SECOND = 20;
const REQUEST_BURST = 40;
/** A screen that does not read its socket is dropped past this much unsent data; it resyncs when it reconnects. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/**
 * A revoked socket is sent close 4001 and cut if it has not answered within this. Nothing it sends
 * meanwhile is done (every message is checked against its access), but a client that ignores the
 * close must not keep a connection for the 30 s the WebSocket library would wait.
 */
export const CLOSE_ANSWER_MS = 1_000;
/** A guest board is sent the board this long after a ticket change at most (changes in a burst are sent once). */
const BOARD_COALESCE_MS = 100;
/** And looked at this often anyway: a ready number leaves the board by time, with no ticket change. */
const BOARD_REFRESH_MS = 15_000;
/** What a guest board is told when it asks for anything but the board. */
export const BOARD_READ_ONLY = 'this screen is a guest board: it reads the board and nothing else';
const KITCHEN_SOCKET = '/ws';
const BOARD_SOCKET = '/ws/board';
/** The guest board's page: the renderer's one page, which shows the board at this path. */
const BOARD_PAGE = '/board';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.terminate();
    return;
  }
  socket.send(JSON.stringify(message));
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
  private guard: RequestGuard | undefined;
  private readonly sessions: ScreenSessions;
  private readonly refusals: RefusalLog;
  private readonly clock: Clock;
  /** Who each open socket was opened by: checked again for every message and every event. */
  private readonly holders = new Map<WebSocket, AccessHolder>();
  private offRevocation: (() => void) | undefined;

  constructor(
    private readonly api: AppApi,
    private readonly options: WebHostOptions,
  ) {
    if (!isLoopback(options.host) && !options.tls && !options.allowPlaintext) {
      throw new Error(
        `the web host binds to ${options.host}, which is reachable from the network: set web.tls (certFile and keyFile, or selfSigned: true) so nobody on the kitchen's network can read the screens' traffic (or, knowingly, web.allowPlaintext)`,
      );
    }
    this.clock = options.clock ?? systemClock;
    this.refusals = new RefusalLog((message) => this.log('warn', message), this.clock);
    this.sessions = new ScreenSessions(
      options.access,
      options.tls !== undefined,
      () => this.clock.now(),
      (kind, detail) => this.refusals.note(kind, detail),
    );
  }

  async start(): Promise<string> {
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      this.handle(request, response).catch((error: unknown) => this.fail(response, error));
    };
    const tls = this.options.tls;
    const server: Server = tls ? createSecureServer({ cert: tls.cert, key: tls.key }, onRequest) : createServer(onRequest);
    const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    sockets.on('error', (error) => this.log('warn', `web host: ${loggable(error.message)}`));
    // A malformed request, a reset mid-handshake: answer or close that connection, never the process.
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      else socket.destroy();
    });
    server.on('upgrade', (request, socket, head) => {
      socket.on('error', () => socket.destroy());
      const board = requestPath(request.url) === BOARD_SOCKET;
      let refusal = this.refusal(request, board ? BOARD_SOCKET : KITCHEN_SOCKET);
      const holder = this.sessions.holder(request);
      if (!refusal && holder?.scope === 'board' && !board) {
        refusal = '403 Forbidden';
        this.refusals.note(refusal, `a guest board's session asked for the kitchen's socket, from ${sourceAddress(request)}`);
      }
      if (refusal) {
        socket.end(`HTTP/1.1 ${refusal}\r\n\r\n`);
        return;
      }
      if (!holder) {
        socket.destroy();
        return;
      }
      try {
        sockets.handleUpgrade(request, socket, head, (ws) => (board ? this.connectBoard(ws, holder) : this.connect(ws, holder)));
      } catch {
        socket.destroy();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    this.sockets = sockets;
    const { port } = server.address() as AddressInfo;
    this.guard = new RequestGuard(this.options.host, port, { allowedHosts: this.options.allowedHosts });
    const scheme = tls ? 'https' : 'http';
    const url = `${scheme}://${this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host}:${port}/`;
    this.options.access.announceScreenUrl(
      `${scheme}://${reachableName(this.options.host, port, this.options.allowedHosts)}/`,
      tls?.fingerprint ?? null,
    );
    // Told inside the revoking call: from then on the revoked sockets' messages are dropped (each
    // is checked), and they are closed after this turn, so that the answer to a rotation (sent
    // once its handler returns) still reaches the screen that asked, with its fresh code.
    this.offRevocation = this.options.access.onRevocation(() => {
      const revoked = [...this.holders].filter(([, holder]) => !this.options.access.stillValid(holder)).map(([socket]) => socket);
      setImmediate(() => revoked.forEach((socket) => this.disconnect(socket)));
    });
    return url;
  }

  async stop(): Promise<void> {
    this.offRevocation?.();
    this.refusals.flush();
    this.options.access.flush();
    this.options.access.announceScreenUrl(undefined);
    for (const client of this.sockets?.clients ?? []) client.terminate();
    this.sockets?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    (this.options.log ?? ((l, m) => console[l === 'info' ? 'log' : l](`[kds] ${m}`)))(level, message);
  }

  /**
   * Why a request is refused (an HTTP status line), or undefined when it may go on. Refusals are
   * logged (at most two lines a minute) with the request's address, origin and host, never a token.
   */
  private refusal(request: IncomingMessage, exactPath?: string): string | undefined {
    const guard = this.guard;
    const path = requestPath(request.url);
    let refusal: string | undefined;
    if (!guard || path === undefined) refusal = '400 Bad Request';
    else if (!guard.hostAllowed(request) || !guard.originAllowed(request)) refusal = '403 Forbidden';
    else if (exactPath !== undefined && path !== exactPath) refusal = '404 Not Found';
    else if ((exactPath !== undefined || path.startsWith('/api/')) && !this.sessions.holder(request)) refusal = '401 Unauthorized';
    if (refusal)
      this.refusals.note(
        refusal,
        `${request.method ?? '?'} ${String(path).slice(0, 100)} from ${sourceAddress(request)}, host ${String(request.headers.host).slice(0, 100)}, origin ${String(request.headers.origin).slice(0, 100)}`,
      );
    return refusal;
  }

  private fail(response: ServerResponse, error: unknown): void {
    this.log('error', `web host: ${loggable((error as Error).message)}`);
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
    response.end();
  }

  /** Keeps who opened a socket, and answers whether it may still act (checked for every message and event). */
  private admit(socket: WebSocket, holder: AccessHolder): () => boolean {
    const mayAct = (): boolean => this.options.access.stillValid(holder);
    this.holders.set(socket, holder);
    // Revoked between its upgrade and now: the revocation's listener did not see it.
    if (!mayAct()) setImmediate(() => this.disconnect(socket));
    else this.options.access.connected(holder);
    return mayAct;
  }

  private connect(socket: WebSocket, holder: AccessHolder): void {
    const budget = new RequestBudget(REQUESTS_PER_SECOND, REQUEST_BURST);
    const mayAct = this.admit(socket, holder);
    const unsubscribe = API_EVENTS.map((name) =>
      this.api.on(name, (payload) => {
        if (mayAct()) send(socket, { kind: 'event', name, payload });
      }),
    );
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      this.holders.delete(socket);
      unsubscribe.forEach((off) => off());
    });
    socket.on('message', (data) => {
      // A revoked socket gets nothing done, whether or not it has answered its close yet.
      if (!mayAct()) return;
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
      if (!budget.take()) {
        send(socket, { kind: 'response', id, result: { ok: false, error: 'too many requests: slow down' } });
        return;
      }
      // Run as the screen that holds this socket: its wrong PINs are its own, a code it shows is recorded as its.
      void asScreen(this.options.access.caller(holder), () => dispatchRequest(this.api, name, input)).then((result) =>
        send(socket, { kind: 'response', id, result }),
      );
    });
  }

  /**
   * A guest board's socket: it is sent the board (display numbers only) when it opens and whenever
   * it changed, and nothing else — no tickets, no status; whatever it sends is refused. Any paired
   * screen may open one; a board's session may open nothing else.
   */
  private connectBoard(socket: WebSocket, holder: AccessHolder): void {
    const budget = new RequestBudget(REQUESTS_PER_SECOND, REQUEST_BURST);
    const mayRead = this.admit(socket, holder);
    let sent = '';
    let coalescing: unknown;
    let refreshing: unknown;
    const refresh = async (): Promise<void> => {
      if (!mayRead() || socket.readyState !== socket.OPEN) return;
      const result = await asScreen(this.options.access.caller(holder), () => dispatchRequest(this.api, 'guestBoard', undefined));
      if (!result.ok) {
        this.log('warn', `web host: the guest board could not be read: ${loggable(result.error)}`);
        return;
      }
      const board = result.value as { preparing: unknown; ready: unknown };
      const shown = JSON.stringify([board.preparing, board.ready]);
      if (shown === sent) return;
      sent = shown;
      send(socket, { kind: 'board', payload: result.value });
    };
    const soon = (): void => {
      coalescing ??= this.clock.setTimer(() => {
        coalescing = undefined;
        void refresh();
      }, BOARD_COALESCE_MS);
    };
    const everyWhile = (): void => {
      refreshing = this.clock.setTimer(() => {
        soon();
        everyWhile();
      }, BOARD_REFRESH_MS);
    };
    const offDelta = this.api.on('delta', soon);
    everyWhile();
    void refresh();
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      this.holders.delete(socket);
      offDelta();
      if (coalescing !== undefined) this.clock.clearTimer(coalescing);
      if (refreshing !== undefined) this.clock.clearTimer(refreshing);
    });
    socket.on('message', (data) => {
      if (!mayRead() || !budget.take()) return;
      let id = -1;
      try {
        const parsed = clientMessageSchema.safeParse(JSON.parse(String(data)));
        if (parsed.success) id = parsed.data.id;
      } catch {
        // Not JSON: answered like any refused request.
      }
      send(socket, { kind: 'response', id, result: { ok: false, error: BOARD_READ_ONLY } });
    });
  }

  /** Closes a revoked socket, and cuts it if it does not answer the close at once. */
  private disconnect(socket: WebSocket): void {
    if (socket.readyState === socket.CLOSED) return;
    socket.close(4001, 'screen access revoked: pair again');
    const cut = this.clock.setTimer(() => socket.terminate(), CLOSE_ANSWER_MS);
    socket.once('close', () => this.clock.clearTimer(cut));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = this.refusal(request);
    if (refusal) {
      response.writeHead(Number(refusal.slice(0, 3)), { 'content-type': 'text/plain' }).end(refusal.slice(4));
      return;
    }
    const path = requestPath(request.url) ?? '/';
    if (path === '/session') {
      await this.sessions.handle(request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path.startsWith('/api/')) {
      const name = path.slice('/api/'.length);
      if (!readableOverHttp(name)) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such endpoint"}');
        return;
      }
      // Checked by refusal() just above; asked again for who it is (revoked in between: refused).
      const holder = this.sessions.holder(request);
      if (!holder) {
        response.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
        return;
      }
      if (holder.scope === 'board' && name !== 'guestBoard') {
        this.refusals.note('403 Forbidden', `a guest board's session asked for /api/${name}, from ${sourceAddress(request)}`);
        response.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: BOARD_READ_ONLY }));
        return;
      }
      const result = await asScreen(this.options.access.caller(holder), () => dispatchRequest(this.api, name, undefined));
      const body = result.ok ? JSON.stringify(result.value) : JSON.stringify({ error: result.error });
      response.writeHead(result.ok ? 200 : 500, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
      return;
    }
    const file = await readStatic(this.options.rendererDir, path === BOARD_PAGE ? '/index.html' : path);
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
