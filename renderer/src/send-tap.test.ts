import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command, Result } from '../../shared/app-api';
import { startI18n } from './i18n';
import { sendTap, type TapContext } from './send-tap';
import type { RefusalReport } from './tap-refusals';

startI18n('en');

const bump: Command = { type: 'BUMP', orderId: 'ord-1' };

/** A tap context whose answer the test gives, recording what the screen shows. */
function tap(answer: Promise<Result<unknown>> | undefined) {
  const shown: (RefusalReport & { id: number })[] = [];
  const dismissed: number[] = [];
  const context: TapContext = {
    request: () => answer,
    report: (refusal) => shown.push({ ...refusal, id: shown.length + 1 }),
    dismiss: (id) => void dismissed.push(id),
    ticketLabel: (orderId) => (orderId === 'ord-1' ? 'A17' : undefined),
    timeoutMs: 10_000,
  };
  return { shown, dismissed, context };
}

describe('sending a tap', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows nothing when the core does it', async () => {
    const { shown, context } = tap(Promise.resolve({ ok: true, value: { orderId: 'ord-1', eventIds: ['e1'] } }));
    await sendTap(bump, context);
    expect(shown).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("shows the core's refusal in its own words, on the ticket tapped", async () => {
    const { shown, context } = tap(Promise.resolve({ ok: false, error: 'the next course of A17 is not fired yet: fire it, or wait' }));
    await sendTap(bump, context);
    expect(shown).toEqual([
      {
        id: 1,
        orderId: 'ord-1',
        kind: 'refused',
        ticket: 'A17',
        action: 'Bump',
        reason: 'the next course of A17 is not fired yet: fire it, or wait',
      },
    ]);
  });

  it('names the tap by its button, and a tap on no ticket has no order', async () => {
    const { shown, context } = tap(Promise.resolve({ ok: false, error: 'no bumped ticket to recall' }));
    await sendTap({ type: 'RECALL_LAST' }, context);
    await sendTap({ type: 'FIRE_COURSE', orderId: 'ord-9', course: 2 }, context);
    expect(shown.map(({ orderId, ticket, action }) => ({ orderId, ticket, action }))).toEqual([
      { orderId: null, ticket: null, action: 'Recall last' },
      // A ticket the screen does not show is named by its order id.
      { orderId: 'ord-9', ticket: 'ord-9', action: 'Fire course 2' },
    ]);
  });

  it('says a tap was not sent when the screen has no link, or the link is down', async () => {
    const noLink = tap(undefined);
    await sendTap(bump, noLink.context);
    const down = tap(Promise.resolve({ ok: false, error: 'not connected' }));
    await sendTap(bump, down.context);
    expect([...noLink.shown, ...down.shown].map((refusal) => refusal.kind)).toEqual(['not-sent', 'not-sent']);
    expect(down.shown[0]?.reason).toMatch(/not connected to the terminal/);
  });

  it('says no answer came when the connection dropped or the request was rejected (the core may still apply it)', async () => {
    const dropped = tap(Promise.resolve({ ok: false, error: 'connection lost' }));
    await sendTap(bump, dropped.context);
    const rejected = tap(Promise.reject(new Error('IPC handler crashed')));
    await sendTap(bump, rejected.context);
    expect([...dropped.shown, ...rejected.shown].map((refusal) => refusal.kind)).toEqual(['no-answer', 'no-answer']);
    expect(dropped.shown[0]?.reason).toMatch(/^the core did not answer \(connection lost\)/);
    expect(rejected.shown[0]?.reason).toMatch(/IPC handler crashed/);
  });

  it('says no answer came once the time is up, and takes it back when the answer is a late success', async () => {
    let answer: (result: Result<unknown>) => void = () => undefined;
    const { shown, dismissed, context } = tap(new Promise((resolve) => (answer = resolve)));
    const sent = sendTap(bump, context);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toMatchObject([{ kind: 'no-answer', reason: expect.stringMatching(/did not answer within 10 s/) }]);
    answer({ ok: true, value: { orderId: 'ord-1', eventIds: [] } });
    await sent;
    expect(dismissed).toEqual([1]);
  });

  it('replaces "no answer" with the reason when a late refusal comes', async () => {
    let answer: (result: Result<unknown>) => void = () => undefined;
    const { shown, context } = tap(new Promise((resolve) => (answer = resolve)));
    const sent = sendTap(bump, context);
    await vi.advanceTimersByTimeAsync(10_000);
    answer({ ok: false, error: 'unknown order ord-1' });
    await sent;
    expect(shown.map((refusal) => refusal.kind)).toEqual(['no-answer', 'refused']);
  });
});
