import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describeZodError } from '../../../shared/order-events';
import {
  MAX_PEER_BODY_BYTES,
  PEER_PATHS,
  peerEventBatchSchema,
  peerOrdersRequestSchema,
  peerPairRequestSchema,
  type PeerOrdersRequest,
  type RelayedOrderEvent,
  type PeerEventsAnswer,
  type PeerPairAnswer,
} from '../../../shared/peer-protocol';
import type { Clock } from '../lib/clock';
import type { Log } from '../lib/log';
import { loggable } from '../lib/log-text';
import { RequestBudget } from '../lib/request-budget';
import type { PeerSender } from './apply-peer-events';
import type { TlsPair } from '../lib/tls-pair';
import type { PairedPeer } from './peer-file';
import { proofHolds } from './pairing-proof';
import { sameDigest, tokenDigest, type PeerPairing } from './peer-pairing';

/** Requests one address may send per second (and in a burst): a peer sends a batch a second or so. */
const REQUESTS_PER_SECOND = 20;
const REQUEST_BURST = 40;
/** Addresses whose budget is remembered; a flood from many addresses forgets the oldest. */
const MAX_TRACKED_ADDRESSES = 256;
/** A request that has not sent its headers and body by then is cut (a slow client holds no socket). */
const REQUEST_TIMEOUT_MS = 5_000;
const MAX_CONNECTIONS = 32;

export interface PeerServerOptions {
  host: string;
  port: number;
  /** HTTPS with this pair; its fingerprint salts every pairing proof. */
  tls?: TlsPair;
  merchantId: string;
  terminalId: string;
  pairing: PeerPairing;
  /** The paired peers now (read for every request: an unpairing takes effect at once). */
  peers: () => readonly PairedPeer[];
  /** A peer paired with this terminal's code: stored by the caller. */
  paired: (peer: PairedPeer) => void;
  /** A paired peer's events: applied by the caller. */
  receive: (sender: PeerSender, events: readonly unknown[]) => PeerEventsAnswer;
  /** The order events a paired peer lacks, from this terminal's receipts. */
  relay: (sender: PeerSender, request: PeerOrdersRequest) => { events: RelayedOrderEvent[]; kitchen: unknown[] };
  clock: Clock;
  log: Log;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body as JSON, refused past MAX_PEER_BODY_BYTES without reading the rest. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_PEER_BODY_BYTES) throw new Refusal(413, `a peer request is at most ${MAX_PEER_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PEER_BODY_BYTES) throw new Refusal(413, `a peer request is at most ${MAX_PEER_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, 'the body is not JSON');
  }
}

/**
 * The peer link's server (docs/DESIGN.md §3, "Kitchen peers"): `POST /peer/pair` with this
 * terminal's pairing code, `POST /peer/events` and `POST /peer/orders` with a paired peer's token. Nothing else is
 * served; every refusal is an HTTP status with one line, and no request can stop the terminal.
 */
export class PeerServer {
  private server: Server | undefined;
  private readonly budgets = new Map<string, RequestBudget>();

  constructor(private readonly options: PeerServerOptions) {}

  async start(): Promise<string> {
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      this.handle(request, response).catch((error: unknown) => this.answerError(response, error));
    };
    const limits = { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS };
    const tls = this.options.tls;
    const server: Server = tls
      ? createSecureServer({ ...limits, cert: tls.cert, key: tls.key }, onRequest)
      : createServer(limits, onRequest);
    server.maxConnections = MAX_CONNECTIONS;
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    return `${tls ? 'https' : 'http'}://${this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host}:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private budgetOf(address: string): RequestBudget {
    let budget = this.budgets.get(address);
    if (!budget) {
      if (this.budgets.size >= MAX_TRACKED_ADDRESSES) this.budgets.delete(this.budgets.keys().next().value ?? '');
      budget = new RequestBudget(REQUESTS_PER_SECOND, REQUEST_BURST, () => this.options.clock.now());
      this.budgets.set(address, budget);
    }
    return budget;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.budgetOf(request.socket.remoteAddress ?? '?').take()) throw new Refusal(429, 'too many requests: slow down');
    const path = (request.url ?? '').split('?')[0];
    if (path !== PEER_PATHS.pair && path !== PEER_PATHS.events && path !== PEER_PATHS.orders) throw new Refusal(404, 'not found');
    if (request.method !== 'POST') throw new Refusal(405, 'POST only');
    if (path === PEER_PATHS.pair) {
      this.answer(response, 200, await this.pair(await readJson(request)));
      return;
    }
    // The token is checked before the body is read: an unpaired machine's body is never parsed.
    const sender = this.sender(request);
    if (path === PEER_PATHS.orders) {
      const asked = peerOrdersRequestSchema.safeParse(await readJson(request));
      if (!asked.success) throw new Refusal(400, `not an orders request: ${describeZodError(asked.error)}`);
      this.answer(response, 200, this.options.relay(sender, asked.data));
      return;
    }
    const batch = peerEventBatchSchema.safeParse(await readJson(request));
    if (!batch.success) throw new Refusal(400, `not a batch of kitchen events: ${describeZodError(batch.error)}`);
    this.answer(response, 200, this.options.receive(sender, batch.data.events));
  }

  private async pair(body: unknown): Promise<PeerPairAnswer> {
    const parsed = peerPairRequestSchema.safeParse(body);
    if (!parsed.success) throw new Refusal(400, `not a pairing request: ${describeZodError(parsed.error)}`);
    const request = parsed.data;
    const fingerprint = this.options.tls?.fingerprint ?? '';
    if (!(await this.options.pairing.redeem((code) => proofHolds(request.proof, code, fingerprint, request))))
      throw new Refusal(403, 'wrong or expired peer pairing code: ask for a new one on the other terminal');
    if (request.merchantId !== this.options.merchantId) throw new Refusal(403, 'that terminal belongs to another kitchen');
    if (request.terminalId === this.options.terminalId) throw new Refusal(400, 'a terminal cannot pair with itself');
    if (request.url.startsWith('https:') !== (request.certificate !== null))
      throw new Refusal(400, 'a peer serving HTTPS sends its certificate, and only then');
    const token = randomBytes(32).toString('base64url');
    this.options.paired({
      terminalId: request.terminalId,
      url: request.url,
      callToken: request.token,
      acceptDigest: tokenDigest(token),
      pairedAt: new Date(this.options.clock.now()).toISOString(),
      certificate: request.certificate,
    });
    this.options.log('info', `kitchen peer ${request.terminalId} paired (${loggable(request.url)})`);
    return { terminalId: this.options.terminalId, token };
  }

  private sender(request: IncomingMessage): PeerSender {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    const digest = tokenDigest(token);
    const peer = token === '' ? undefined : this.options.peers().find((candidate) => sameDigest(candidate.acceptDigest, digest));
    if (!peer) throw new Refusal(401, 'not a paired peer of this kitchen');
    return { merchantId: this.options.merchantId, terminalId: peer.terminalId };
  }

  private answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  }

  private answerError(response: ServerResponse, error: unknown): void {
    const refusal = error instanceof Refusal ? error : undefined;
    if (!refusal) this.options.log('error', `peer link: ${loggable((error as Error).message)}`);
    if (!response.headersSent) {
      // A refused body is not read on: the connection closes rather than draining a flood.
      response.writeHead(refusal?.status ?? 500, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ error: refusal?.message ?? 'the peer request failed' }));
    } else response.end();
  }
}
