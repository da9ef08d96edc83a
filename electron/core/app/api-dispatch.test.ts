import { describe, expect, it } from 'vitest';
import type { AppApiHandlers } from '../../../shared/app-api';
import { dispatchRequest, runHandler } from './api-dispatch';

function handlers(): { api: AppApiHandlers; executed: unknown[] } {
  const executed: unknown[] = [];
  const api = {
    snapshot: () => {
      throw new Error('database is locked');
    },
    status: () => ({ ok: true, value: {} }),
    execute: (command: unknown) => {
      executed.push(command);
      return { ok: true, value: { orderId: 'o1', eventIds: ['e1'] } };
    },
  } as unknown as AppApiHandlers;
  return { api, executed };
}

describe('app API dispatch: the one way in for every transport', () => {
  it('runs a known operation with its validated input', async () => {
    const { api, executed } = handlers();
    expect(await dispatchRequest(api, 'execute', { type: 'BUMP', orderId: 'o1', extra: 'dropped' })).toEqual({
      ok: true,
      value: { orderId: 'o1', eventIds: ['e1'] },
    });
    expect(executed).toEqual([{ type: 'BUMP', orderId: 'o1' }]);
  });

  it('refuses unknown operations and invalid input with a message naming the field, without calling a handler', async () => {
    const { api, executed } = handlers();
    expect(await dispatchRequest(api, 'dropTables', {})).toEqual({ ok: false, error: 'unknown operation "dropTables"' });
    expect(await dispatchRequest(api, { toString: null }, {})).toMatchObject({ ok: false });
    expect(await dispatchRequest(api, 'execute', { type: 'BUMP' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid command: orderId: /),
    });
    expect(await dispatchRequest(api, 'execute', { type: 'BUMP', orderId: 'x'.repeat(500) })).toMatchObject({ ok: false });
    expect(await dispatchRequest(api, 'status', { unexpected: true })).toMatchObject({
      ok: false,
      error: expect.stringContaining('status'),
    });
    expect(executed).toEqual([]);
  });

  it('turns a throwing handler into an error answer', async () => {
    expect(await dispatchRequest(handlers().api, 'snapshot', undefined)).toEqual({
      ok: false,
      error: 'snapshot failed: database is locked',
    });
  });

  it('past the boundary, runs what it is given without parsing it again (the worker side), a throw still an error answer', async () => {
    const { api, executed } = handlers();
    const validated = { type: 'BUMP', orderId: 'o1' };
    expect(await runHandler(api, 'execute', validated)).toMatchObject({ ok: true });
    expect(executed[0]).toBe(validated);
    expect(await runHandler(api, 'snapshot', undefined)).toEqual({ ok: false, error: 'snapshot failed: database is locked' });
  });
});
