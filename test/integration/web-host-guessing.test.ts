import { afterEach, describe, expect, it } from 'vitest';
import { PinAttempts } from '../../electron/core/app/pin-attempts';
import { PAIRING_WINDOW_MS, WRONG_CODES_PER_HOST } from '../../electron/core/host/pairing-budget';
import { pairingSchema, type PairedScreen, type RequestName, type Result } from '../../shared/app-api';
import { createTopics, testConfig } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { ManualClock } from '../support/manual-clock';
import { hostTerminal, pairNewScreen, ScreenSocket, tryCode, type HostedTerminal } from '../support/web-host-clients';

const PIN = '864209';
const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

async function hosted(options: Parameters<typeof hostTerminal>[1] = {}): Promise<HostedTerminal> {
  const config = testConfig(testBootstrap(), { diagnosticsPin: PIN });
  await createTopics(testKafka(), config, 1);
  const terminal = await hostTerminal(config, options);
  running.push(terminal.stop);
  return terminal;
}

/** Every operation that takes the PIN, as a guesser would use them: the limit is the terminal's, whichever is asked. */
const PIN_OPERATIONS: [RequestName, (pin: string) => unknown][] = [
  ['pairedScreens', (pin) => ({ pin })],
  ['rotateScreenAccess', (pin) => ({ pin })],
  ['replayOrders', (pin) => ({ pin, since: '2026-11-22T11:00:00.000Z' })],
  ['revokeScreen', (pin) => ({ pin, id: 'A'.repeat(22) })],
];

const evaluated = (result: Result<unknown>): boolean => !result.ok && result.error.startsWith('wrong PIN');

describe('guessing through the web host', () => {
  it("wrong PINs from ten sockets of a stolen screen: its PIN is suspended, never the others'; staff on another screen unpair it at once", async () => {
    let now = Date.parse('2026-11-22T12:00:00.000Z');
    const started = now;
    const terminal = await hosted({ pinAttempts: (log) => new PinAttempts(() => now, log) });
    const thiefCookie = await pairNewScreen(terminal, 'stolen tablet');
    const staffCookie = await pairNewScreen(terminal, 'expo');
    const staff = await ScreenSocket.opened(terminal.url, { cookie: staffCookie });
    const sockets = () => Promise.all(Array.from({ length: 10 }, () => ScreenSocket.opened(terminal.url, { cookie: thiefCookie })));
    const evaluatedAt: number[] = [];
    const guess = async (socket: ScreenSocket, i: number): Promise<Result<unknown>> => {
      const operation = PIN_OPERATIONS[i % PIN_OPERATIONS.length];
      if (!operation) throw new Error('no operation');
      const [name, input] = operation;
      const result = await socket.request(name, input(String(100_000 + i)));
      if (evaluated(result)) evaluatedAt.push(now - started);
      return result;
    };

    // 300 guesses at once, 30 on each of ten sockets (within each socket's own request budget).
    const flood = await sockets();
    const answers = await Promise.all(flood.flatMap((socket, s) => Array.from({ length: 30 }, (_, i) => guess(socket, s * 30 + i))));
    expect(answers.filter(evaluated)).toHaveLength(4);
    expect(
      answers.filter((result) => !result.ok && /^too many wrong PINs from this screen: try again in \d+ s$/.test(result.error)),
    ).toHaveLength(296);
    expect(await flood[0]?.request('pairedScreens', { pin: PIN }), 'its right PIN is not even evaluated while suspended').toEqual({
      ok: false,
      error: 'too many wrong PINs from this screen: try again in 60 s',
    });

    // Staff, on another screen, are checked at once: they see it suspended, and unpair it.
    const listed = await staff.request('pairedScreens', { pin: PIN });
    if (!listed.ok) throw new Error(listed.error);
    const screens = listed.value as PairedScreen[];
    const thief = screens.find((screen) => screen.label.startsWith('stolen tablet'));
    expect(thief?.pinSuspendedUntil).toBe(new Date(started + 60_000).toISOString());
    expect(screens.find((screen) => screen.label.startsWith('expo'))?.pinSuspendedUntil).toBeUndefined();
    expect(terminal.logs.filter((line) => line.includes('its PIN actions are suspended'))).toHaveLength(1);

    // Meanwhile the thief goes on: one guess per socket every 15 s for the rest of ten minutes.
    const steady = await sockets();
    for (let at = 15_000; at < 10 * 60_000; at += 15_000) {
      now = started + at;
      await Promise.all(steady.map((socket, s) => guess(socket, at + s)));
      expect(await staff.request('pairedScreens', { pin: PIN }), `staff's PIN at ${at / 1000} s`).toMatchObject({ ok: true });
    }
    expect(evaluatedAt, 'evaluated guesses over ten minutes (ms after the first)').toEqual([0, 0, 0, 0, 60_000, 180_000, 420_000]);
    const mostInAMinute = Math.max(...evaluatedAt.map((at) => evaluatedAt.filter((other) => other >= at && other < at + 60_000).length));
    expect(mostInAMinute).toBe(4);
    expect(
      terminal.logs.filter((line) => line.includes('wrong PIN')),
      'one log line per evaluated guess, none per refusal',
    ).toHaveLength(7);

    if (!thief) throw new Error('not listed');
    // From another connection of the staff's screen: the checks above spent this one's burst of 40
    // requests (20 a second) as fast as the machine answers them.
    const unpairing = await ScreenSocket.opened(terminal.url, { cookie: staffCookie });
    expect(await unpairing.request('revokeScreen', { id: thief.id, pin: PIN })).toMatchObject({ ok: true });
    expect((await steady[0]?.closed)?.code).toBe(4001);
    console.info(
      `PIN guesses evaluated from one screen: ${mostInAMinute} in the busiest minute, ${evaluatedAt.length} in the first ten minutes (of 690 sent); staff checked every 15 s meanwhile`,
    );
  });

  it('a flood of wrong codes from one address: a code shown on a paired screen still pairs another device, window after window', async () => {
    const clock = new ManualClock();
    const terminal = await hosted({ clock });
    const expo = await ScreenSocket.opened(terminal.url, { cookie: await pairNewScreen(terminal) });
    const attacker = { localAddress: '127.0.0.2' };
    const flood = async (count: number): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < count; i += 1) statuses.push((await tryCode(terminal.url, String(10_000_000 + i), attacker)).status);
      return statuses;
    };

    for (let window = 0; window < 3; window += 1) {
      const before = await flood(100);
      expect(new Set(before), `window ${window}: no code open, nothing to guess: refused, and nothing counted`).toEqual(new Set([403]));
      const shown = await expo.request('pairScreen', {});
      if (!shown.ok) throw new Error(shown.error);
      const during = await flood(100);
      const tablet = await tryCode(terminal.url, pairingSchema.parse(shown.value).code, { localAddress: '127.0.0.3', userAgent: 'tablet' });
      expect(tablet.status, `window ${window}: the tablet pairs during the flood`).toBe(200);
      expect(
        during.filter((status) => status === 403),
        'wrong codes evaluated from the attacker per 10 minutes',
      ).toHaveLength(10);
      expect(during.filter((status) => status === 429)).toHaveLength(90);
      await clock.advance(PAIRING_WINDOW_MS);
    }
    const refusalLines = terminal.logs.filter((line) => line.includes('refused'));
    expect(refusalLines.length, 'refusals are logged in aggregate: 600 refused requests over 30 minutes').toBeLessThanOrEqual(6);
  });

  it('from many addresses, wrong codes stay bounded by the host-wide ceiling (100 per 10 minutes) while a code is open', async () => {
    const clock = new ManualClock();
    const terminal = await hosted({ clock });
    const open = await terminal.terminal.api.pairScreen({});
    if (!open.ok) throw new Error(open.error);
    const statuses: number[] = [];
    for (let round = 0; round < 12; round += 1)
      for (let source = 10; source < 30; source += 1)
        statuses.push(
          (await tryCode(terminal.url, String(20_000_000 + round * 100 + source), { localAddress: `127.0.0.${source}` })).status,
        );
    expect(statuses.filter((status) => status === 403)).toHaveLength(WRONG_CODES_PER_HOST);
    expect(statuses.filter((status) => status === 429)).toHaveLength(240 - WRONG_CODES_PER_HOST);
  });

  it('wrong codes from ten addresses before any code is open count for nothing: the code staff then show still pairs', async () => {
    const clock = new ManualClock();
    const terminal = await hosted({ clock });
    const expo = await ScreenSocket.opened(terminal.url, { cookie: await pairNewScreen(terminal) });
    const statuses: number[] = [];
    for (let round = 0; round < 20; round += 1)
      for (let source = 10; source < 20; source += 1)
        statuses.push(
          (await tryCode(terminal.url, String(30_000_000 + round * 100 + source), { localAddress: `127.0.0.${source}` })).status,
        );
    expect(new Set(statuses), '200 wrong codes, none open: each refused as wrong, none counted').toEqual(new Set([403]));
    const shown = await expo.request('pairScreen', {});
    if (!shown.ok) throw new Error(shown.error);
    const tablet = await tryCode(terminal.url, pairingSchema.parse(shown.value).code, { localAddress: '127.0.0.3', userAgent: 'tablet' });
    expect(tablet.status).toBe(200);
    expect((await expo.request('pairScreen', {})).ok).toBe(true);
    const later = await tryCode(terminal.url, '00000000', { localAddress: '127.0.0.10' });
    expect(later.status, 'the flooding address kept its own tries too: its wrong code is evaluated').toBe(403);
  });
});
