import { randomUUID } from 'node:crypto';
import { MERCHANT_HEADER } from '../../shared/order-events';
import { orderLifecycle, type SimRecord } from '../simulator/order-simulator';
import { pick } from '../simulator/random';

export const FUZZ_KINDS = [
  'bad-json',
  'random-bytes',
  'wrong-types',
  'huge-string',
  'deep-nesting',
  'invalid-utf8',
  'negative-version',
  'huge-version',
  'unknown-type',
  'wrong-merchant',
  'no-header',
] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

/**
 * Records a hostile or broken producer sends, for `merchantId`'s terminal: each must be
 * dead-lettered, skipped or read tolerantly — never crash the core, never stall a partition,
 * never touch a real order (every one names an order of its own, `fuzz-…`).
 */
export function fuzzedRecord(random: () => number, merchantId: string): SimRecord & { fuzz: FuzzKind } {
  const fuzz = pick(random, FUZZ_KINDS);
  const orderId = `fuzz-${randomUUID().slice(0, 12)}`;
  // A wrong merchant says so in its value only: the header claims this terminal's merchant.
  const headers: Record<string, string> = fuzz === 'no-header' ? {} : { [MERCHANT_HEADER]: merchantId };
  // A well-formed ORDER_PLACED of an order of its own, then broken in one way.
  const placed = orderLifecycle(random, orderId, merchantId, 1, new Date())[0];
  const event = (extra: Record<string, unknown>): string => JSON.stringify({ ...placed, ...extra });
  const record = (value: string, bytes?: Buffer): SimRecord & { fuzz: FuzzKind } => ({
    key: orderId,
    value,
    headers,
    fuzz,
    ...(bytes ? { bytes } : {}),
  });
  switch (fuzz) {
    case 'bad-json':
      return record(event({}).slice(0, Math.floor(random() * 80)));
    case 'random-bytes': {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256)));
      return record('', bytes);
    }
    case 'wrong-types':
      return record(
        JSON.stringify({ eventId: 42, type: ['ORDER_PLACED'], orderId: { id: orderId }, merchantId, version: '1', occurredAt: false }),
      );
    case 'huge-string':
      return record(event({ order: { ...placed?.order, notes: 'n'.repeat(100_000 + Math.floor(random() * 200_000)) } }));
    case 'deep-nesting':
      return record(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    case 'invalid-utf8': {
      const text = Buffer.from(event({}), 'utf8');
      const bytes = Buffer.concat([text.subarray(0, 40), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), text.subarray(40)]);
      return record('', bytes);
    }
    case 'negative-version':
      return record(event({ version: -1 - Math.floor(random() * 1000) }));
    case 'huge-version':
      return record(event({ version: Number.MAX_SAFE_INTEGER + 2 }));
    case 'unknown-type':
      return record(event({ type: `ORDER_${randomUUID().slice(0, 6).toUpperCase()}` }));
    case 'wrong-merchant':
      return record(event({ merchantId: `${merchantId}-other` }));
    case 'no-header':
      return record(event({ version: 0 }));
  }
}
