import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
  status: number;
  body?: unknown;
}

/**
 * A real HTTP order-detail API on loopback whose answers per order are scripted, to play
 * replica lag (404, then an older version, then the right one) or an outage.
 */
export class OrderDetailServer {
  private readonly scripts = new Map<string, ScriptedResponse[]>();
  readonly calls = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<OrderDetailServer> {
    const holder: { instance?: OrderDetailServer } = {};
    const server = createServer((request, response) => holder.instance?.answer(request.url ?? '', response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.instance = new OrderDetailServer(server, `http://127.0.0.1:${port}`);
    return holder.instance;
  }

  /** Answers for one order, in turn; the last one repeats. */
  script(orderId: string, responses: ScriptedResponse[]): void {
    this.scripts.set(orderId, [...responses]);
  }

  private answer(path: string, response: ServerResponse): void {
    const match = /^\/orders\/([^/?]+)$/.exec(path);
    const orderId = match ? decodeURIComponent(match[1] ?? '') : '';
    this.calls.set(orderId, (this.calls.get(orderId) ?? 0) + 1);
    const script = this.scripts.get(orderId) ?? [{ status: 404 }];
    const next = script.length > 1 ? (script.shift() as ScriptedResponse) : (script[0] as ScriptedResponse);
    response.writeHead(next.status, { 'content-type': 'application/json' });
    response.end(next.body === undefined ? '{}' : JSON.stringify(next.body));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
