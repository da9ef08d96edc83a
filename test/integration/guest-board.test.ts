import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Terminal } from '../../electron/core/app/terminal';
import { BOARD_READ_ONLY } from '../../electron/core/host/web-host';
import { guestBoardSchema, type GuestBoard } from '../../shared/guest-board';
import type { OrderEvent } from '../../shared/order-events';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { startHostedTerminal } from '../support/hosted-terminal';
import { testBootstrap, testKafka } from '../support/kafka';
import { act, grillAndFryOrder, produceOrders } from '../support/kitchen-fixtures';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

async function hostedExpo(): Promise<{ terminal: Terminal; url: string; orders: string }> {
  const config = testConfig(testBootstrap(), { terminalId: 'expo-1' });
  await createTopics(testKafka(), config, 1);
  const { terminal, url, stop } = await startHostedTerminal(config);
  running.push(stop);
  return { terminal, url, orders: config.topics.orders };
}

async function pairedCookie(terminal: Terminal, url: string, scope: 'kitchen' | 'board'): Promise<string> {
  const pairing = await terminal.api.pairScreen({ scope });
  if (!pairing.ok) throw new Error(pairing.error);
  const response = await fetch(`${url}session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: pairing.value.code }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Opens a socket; answers its messages as they come, or the status of a refused upgrade. */
function openSocket(url: string, path: string, cookie: string): Promise<{ socket: WebSocket; messages: unknown[] } | number> {
  return new Promise((done) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}${path}`, { headers: { cookie } });
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    socket.once('open', () => done({ socket, messages }));
    socket.once('unexpected-response', (_request, response) => done(response.statusCode ?? 0));
  });
}

const boardsIn = (messages: unknown[]): GuestBoard[] =>
  messages.flatMap((message) => {
    const { kind, payload } = message as { kind: string; payload: unknown };
    return kind === 'board' ? [guestBoardSchema.parse(payload)] : [];
  });

const withName = (orderId: string): OrderEvent => {
  const placed = grillAndFryOrder(orderId);
  if (!placed.order) throw new Error('the fixture has a snapshot');
  return { ...placed, order: { ...placed.order, customerName: 'Alice Secret' } };
};

describe('the guest order-ready board', () => {
  it(
    'a board session reads the board and nothing else: no snapshot, no status, no kitchen socket, no command',
    { timeout: 60_000 },
    async () => {
      const { terminal, url, orders } = await hostedExpo();
      const board = await pairedCookie(terminal, url, 'board');
      const session = await fetch(`${url}session`, { headers: { cookie: board } });
      expect(await session.json()).toEqual({ paired: true, scope: 'board' });
      for (const name of ['snapshot', 'status', 'deadLetters', 'kitchenLoad']) {
        const refused = await fetch(`${url}api/${name}`, { headers: { cookie: board } });
        expect(refused.status, name).toBe(403);
        expect(await refused.json()).toEqual({ error: BOARD_READ_ONLY });
      }
      expect((await fetch(`${url}api/guestBoard`, { headers: { cookie: board } })).status).toBe(200);
      expect(await openSocket(url, 'ws', board), "the kitchen's socket").toBe(403);
      expect((await fetch(`${url}board`)).status, 'the page itself holds no data').toBe(200);

      await produceOrders(testKafka(), orders, [withName('gb-1')]);
      const opened = await openSocket(url, 'ws/board', board);
      if (typeof opened === 'number') throw new Error(`board socket refused: ${opened}`);
      opened.socket.send(JSON.stringify({ kind: 'request', id: 7, name: 'execute', input: { type: 'BUMP', orderId: 'gb-1' } }));
      opened.socket.send('not json');
      await waitFor('both refused', () => opened.messages.filter((m) => (m as { kind: string }).kind === 'response').length === 2);
      expect(opened.messages.filter((m) => (m as { kind: string }).kind === 'response')).toEqual([
        { kind: 'response', id: 7, result: { ok: false, error: BOARD_READ_ONLY } },
        { kind: 'response', id: -1, result: { ok: false, error: BOARD_READ_ONLY } },
      ]);
      await waitFor('the order on the board', () => boardsIn(opened.messages).at(-1)?.preparing.length === 1);
      const snapshot = await terminal.api.snapshot(undefined);
      if (!snapshot.ok) throw new Error(snapshot.error);
      expect(snapshot.value.tickets.find((ticket) => ticket.orderId === 'gb-1')?.status, 'the refused bump did nothing').toBe('NEW');
      expect(
        opened.messages.some((m) => (m as { kind: string }).kind === 'event'),
        'no ticket or status event ever',
      ).toBe(false);
      expect(JSON.stringify(opened.messages), 'no name, item or channel').not.toMatch(/Alice|Cheeseburger|Fries|DINE_IN/);
      opened.socket.close();
    },
  );

  it(
    "a number moves to Ready within a second of expo's bump, on a board and on a kitchen screen's board; picked up, it leaves",
    { timeout: 60_000 },
    async () => {
      const { terminal, url, orders } = await hostedExpo();
      const boards: { socket: WebSocket; messages: unknown[] }[] = [];
      // One code is open at a time: paired one after the other.
      for (const scope of ['board', 'kitchen'] as const) {
        const opened = await openSocket(url, 'ws/board', await pairedCookie(terminal, url, scope));
        if (typeof opened === 'number') throw new Error(`${scope}: board socket refused: ${opened}`);
        boards.push(opened);
      }
      await produceOrders(testKafka(), orders, [withName('gb-2'), withName('gb-3')]);
      for (const { messages } of boards) await waitFor('both orders preparing', () => boardsIn(messages).at(-1)?.preparing.length === 2);
      const bumped = Date.now();
      await act(terminal, { type: 'BUMP', orderId: 'gb-3' });
      const latencies: number[] = [];
      for (const { messages } of boards) {
        await waitFor('ready', () => boardsIn(messages).at(-1)?.ready.length === 1, 5_000, 5);
        latencies.push(Date.now() - bumped);
        const last = boardsIn(messages).at(-1);
        expect(last?.preparing).toEqual([{ number: 'GB-2' }]);
        expect(last?.ready.map((entry) => entry.number)).toEqual(['GB-3']);
      }
      console.log(`guest board: expo bump → number under Ready on the board in ${latencies.join(' / ')} ms`);
      expect(Math.max(...latencies)).toBeLessThan(1_000);
      await produceOrders(testKafka(), orders, [
        {
          eventId: 'gb-3-done',
          type: 'ORDER_COMPLETED',
          orderId: 'gb-3',
          merchantId: 'm-1',
          version: 2,
          occurredAt: new Date().toISOString(),
        },
      ]);
      for (const { messages } of boards) await waitFor('picked up: gone', () => boardsIn(messages).at(-1)?.ready.length === 0);
      boards.forEach(({ socket }) => socket.close());
    },
  );
});
