import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderDetailClient } from './order-detail-client';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const order = { displayNumber: 'A1', channel: 'KIOSK', items: [{ lineId: 'l1', name: 'Fries', quantity: 1, station: 'fry' }] };

describe('order-detail client (real local HTTP server)', () => {
  it('a hung API times out as a retryable failure instead of stalling', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const result = await new OrderDetailClient(url, 300).fetch('ord-1', 1);
    expect(result).toEqual({ kind: 'retry', reason: 'order-detail API timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an invalid body is retried with the schema problem named; a valid one is returned', async () => {
    let body: unknown = { version: 2, order: { ...order, items: [] } };
    const url = await serve((request, response) => {
      expect(request.url).toBe('/orders/ord%2F1');
      response.end(JSON.stringify(body));
    });
    const client = new OrderDetailClient(url, 1_000);
    const invalid = await client.fetch('ord/1', 1);
    expect(invalid.kind).toBe('retry');
    expect(invalid.kind === 'retry' && invalid.reason).toContain('order.items');
    body = { version: 2, order };
    const ok = await client.fetch('ord/1', 2);
    expect(ok.kind === 'ok' && ok.detail.order.items[0]?.name).toBe('Fries');
  });

  it('an unreachable API is retryable', async () => {
    const result = await new OrderDetailClient('http://127.0.0.1:9', 1_000).fetch('ord-1', 1);
    expect(result.kind === 'retry' && result.reason).toMatch(/unreachable/);
  });
});
