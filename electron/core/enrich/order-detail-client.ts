import { describeZodError, orderDetailSchema, type OrderDetail } from '../../../shared/order-events';

export type DetailResult = { kind: 'ok'; detail: OrderDetail } | { kind: 'retry'; reason: string };

/**
 * `GET <baseUrl>/orders/<orderId>`. A 404 or a version older than wanted is replica lag, and
 * any network error, timeout, 5xx or invalid body is transient too: all are retried with backoff.
 */
export class OrderDetailClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async fetch(orderId: string, minVersion: number): Promise<DetailResult> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/orders/${encodeURIComponent(orderId)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      const name = (error as Error).name;
      return {
        kind: 'retry',
        reason:
          name === 'TimeoutError'
            ? `order-detail API timed out after ${this.timeoutMs} ms`
            : `order-detail API unreachable: ${(error as Error).message}`,
      };
    }
    if (response.status === 404) return { kind: 'retry', reason: 'order-detail API has no such order yet (replica lag)' };
    if (!response.ok) return { kind: 'retry', reason: `order-detail API answered HTTP ${response.status}` };
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { kind: 'retry', reason: 'order-detail API answered with invalid JSON' };
    }
    const parsed = orderDetailSchema.safeParse(body);
    if (!parsed.success) return { kind: 'retry', reason: `order-detail API answer invalid: ${describeZodError(parsed.error)}` };
    if (parsed.data.version < minVersion) {
      return { kind: 'retry', reason: `order-detail API is at version ${parsed.data.version}, event needs ${minVersion} (replica lag)` };
    }
    return { kind: 'ok', detail: parsed.data };
  }
}
