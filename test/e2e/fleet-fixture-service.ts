import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import {
  FLEET_STATUSES,
  fleetTerminalDetailSchema,
  fleetViewSchema,
  type FleetStatus,
  type FleetTerminal,
  type FleetView,
} from '../../shared/fleet';
import { fixtureHistory, fixtureTerminals } from './fleet-fixture';

const PAGE_DIR = resolve('dist/fleet');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * Stands in for the fleet service on loopback: the built page from dist/fleet/ and the two API
 * routes over a fixed fleet, answering only the right bearer token. Every answer goes through the
 * real schema first. `terminals` may be changed between refreshes; `requests` records what the page sent.
 */
export class FleetFixtureService {
  terminals: FleetTerminal[];
  readonly requests: { url: string; authorization: string | undefined }[] = [];
  private readonly server = createServer((req, res) => this.handle(req, res));

  private constructor(
    readonly token: string,
    readonly now: number,
  ) {
    this.terminals = fixtureTerminals(now);
  }

  static async start(token: string): Promise<FleetFixtureService> {
    if (!existsSync(join(PAGE_DIR, 'index.html'))) throw new Error('dist/fleet/ is not built: run npm run build:fleet');
    const service = new FleetFixtureService(token, Date.now());
    await new Promise<void>((done) => service.server.listen(0, '127.0.0.1', done));
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The service going away: open connections are cut, so the page's next fetch fails outright. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    this.server.closeAllConnections();
    await closed;
  }

  view(merchant: string | null, limit: number): FleetView {
    const byStatus = Object.fromEntries(FLEET_STATUSES.map((s) => [s, 0])) as Record<FleetStatus, number>;
    for (const t of this.terminals) byStatus[t.status] += 1;
    const worstFirst = [...this.terminals].sort((a, b) => b.trouble - a.trouble);
    const merchants = [...new Set(worstFirst.map((t) => t.merchantId))];
    return fleetViewSchema.parse({
      at: new Date().toISOString(),
      totals: { terminals: this.terminals.length, byStatus, unseenOrders: this.terminals.reduce((n, t) => n + t.unseenOrders, 0) },
      merchants,
      // Served in the fixture's own order, not worst first, so the test sees the page sort.
      terminals: this.terminals.filter((t) => merchant === null || t.merchantId === merchant).slice(0, limit),
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname.startsWith('/api/')) {
      this.requests.push({ url: url.pathname + url.search, authorization: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${this.token}`) return this.json(res, 401, { error: 'unauthorized' });
      if (url.pathname === '/api/fleet') {
        const limit = Number(url.searchParams.get('limit') ?? '100');
        return this.json(res, 200, this.view(url.searchParams.get('merchant'), limit));
      }
      const prefix = '/api/fleet/terminal/';
      const key = url.pathname.startsWith(prefix) ? decodeURIComponent(url.pathname.slice(prefix.length)) : '';
      const terminal = this.terminals.find((t) => t.key === key);
      if (!terminal) return this.json(res, 404, { error: 'unknown terminal' });
      return this.json(res, 200, fleetTerminalDetailSchema.parse({ terminal, history: fixtureHistory(this.now, key) }));
    }
    const file = normalize(join(PAGE_DIR, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(PAGE_DIR) || !existsSync(file) || !statSync(file).isFile()) return this.json(res, 404, { error: 'not found' });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }
}
