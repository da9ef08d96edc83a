import { mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PAIRED_SCREENS_FILE } from '../../electron/core/app/paired-screens';
import { CLOSE_ANSWER_MS } from '../../electron/core/host/web-host';
import { pairedScreenSchema, pairingSchema } from '../../shared/app-api';
import { createTopics, testConfig } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import {
  cookieOf,
  hostTerminal,
  httpFrom,
  pairNewScreen,
  ScreenSocket,
  StubbornSocket,
  tryCode,
  type HostedTerminal,
} from '../support/web-host-clients';

const PIN = '864209';
const ANDROID_TABLET = 'Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const EXPO_SCREEN = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

async function hosted(): Promise<HostedTerminal> {
  const config = testConfig(testBootstrap(), { diagnosticsPin: PIN });
  await createTopics(testKafka(), config, 1);
  const terminal = await hostTerminal(config);
  running.push(terminal.stop);
  return terminal;
}

const apiStatus = (url: string, cookie: string) => httpFrom(url, { path: '/api/status', headers: { cookie } });

describe('revoking screen access through the web host', () => {
  it('after "Unpair all screens" answers, a socket that ignores its close gets nothing done and is cut within a second', async () => {
    const terminal = await hosted();
    const expo = await ScreenSocket.opened(terminal.url, { cookie: await pairNewScreen(terminal, EXPO_SCREEN) });
    const stubborn = await StubbornSocket.open(terminal.url, { cookie: await pairNewScreen(terminal, ANDROID_TABLET) });

    // Before the rotation its requests run (the probe below would show it).
    const answered = new Promise<void>((done) =>
      stubborn.onFrame(() => stubborn.texts().some((m) => m.kind === 'response' && m.id === 1) && done()),
    );
    stubborn.request(1, 'status');
    await answered;

    // It keeps sending: right after the rotation's answer, and again when it gets the close it ignores.
    // Each probe asks for a pairing code, which would withdraw the fresh code the rotation answered with.
    let nextProbe = 100;
    const probe = (): void => {
      for (let i = 0; i < 20; i += 1) stubborn.request(nextProbe++, 'pairScreen', {});
    };
    stubborn.onFrame((frame) => frame.opcode === 0x8 && probe());
    const rotation = await expo.request('rotateScreenAccess', { pin: PIN });
    const answeredAt = performance.now();
    probe();
    if (!rotation.ok) throw new Error(rotation.error);

    const latencyMs = (await stubborn.ended) - answeredAt;
    expect(stubborn.closeCode).toBe(4001);
    expect(latencyMs, 'cut when it has not answered its close').toBeLessThan(CLOSE_ANSWER_MS + 1_000);
    expect(nextProbe, 'it did keep sending').toBeGreaterThanOrEqual(140);
    expect(
      stubborn.texts().filter((message) => message.kind === 'response' && message.id >= 100),
      'nothing answered',
    ).toEqual([]);
    expect((await tryCode(terminal.url, pairingSchema.parse(rotation.value).code)).status, 'no probe withdrew the fresh code').toBe(200);
    expect((await expo.closed).code, 'rotation revokes every screen').toBe(4001);
    console.info(`revocation: a socket that ignores its close was cut ${Math.round(latencyMs)} ms after the rotation's answer`);
  });

  it('one screen unpaired alone: refused at once (401, its socket closed 4001), while the other keeps working', async () => {
    const terminal = await hosted();
    const tabletCookie = await pairNewScreen(terminal, ANDROID_TABLET);
    const expoCookie = await pairNewScreen(terminal, EXPO_SCREEN);
    const tablet = await ScreenSocket.opened(terminal.url, { cookie: tabletCookie });
    const expo = await ScreenSocket.opened(terminal.url, { cookie: expoCookie });

    expect(await expo.request('pairedScreens', { pin: '000000' })).toEqual({ ok: false, error: 'wrong PIN' });
    const listed = await expo.request('pairedScreens', { pin: PIN });
    if (!listed.ok) throw new Error(listed.error);
    const screens = pairedScreenSchema.array().parse(listed.value);
    expect(screens.map((screen) => screen.label)).toEqual(['Chrome on Android, 127.0.0.1', 'Firefox on Linux, 127.0.0.1']);
    expect(
      screens.every((screen) => screen.lastConnectedAt !== null),
      'each socket counts as a connection',
    ).toBe(true);
    const [lost, kept] = screens;
    if (!lost || !kept) throw new Error('two screens expected');

    const revoked = await expo.request('revokeScreen', { id: lost.id, pin: PIN });
    const answeredAt = performance.now();
    expect(revoked).toEqual({ ok: true, value: [kept] });
    const closed = await tablet.closed;
    expect(closed.code).toBe(4001);
    expect(closed.at - answeredAt).toBeLessThan(CLOSE_ANSWER_MS);
    console.info(`revocation: the unpaired screen's socket was closed ${Math.round(closed.at - answeredAt)} ms after the answer`);
    expect((await apiStatus(terminal.url, tabletCookie)).status).toBe(401);
    expect(await ScreenSocket.open(terminal.url, { cookie: tabletCookie })).toBe(401);
    const session = await httpFrom(terminal.url, { path: '/session', headers: { cookie: tabletCookie } });
    expect(session.status).toBe(401);
    expect(JSON.parse(session.body)).toEqual({ paired: false, problem: expect.stringMatching(/no longer paired/) });

    expect((await expo.request('status')).ok, 'the other screen keeps working').toBe(true);
    expect((await apiStatus(terminal.url, expoCookie)).status).toBe(200);
    expect(await expo.request('revokeScreen', { id: lost.id, pin: PIN })).toEqual({
      ok: false,
      error: expect.stringMatching(/no such paired screen/),
    });
    expect(terminal.logs).toContain('warn a screen was unpaired from diagnostics');
  });

  it('spares a stolen screen paired with codes it showed (no PIN needed) go with it when it is unpaired, theirs too; the list says who paired whom', async () => {
    const terminal = await hosted();
    const expo = await ScreenSocket.opened(terminal.url, { cookie: await pairNewScreen(terminal, EXPO_SCREEN) });
    const stolenCookie = await pairNewScreen(terminal, ANDROID_TABLET);
    const stolen = await ScreenSocket.opened(terminal.url, { cookie: stolenCookie });
    const mint = async (by: ScreenSocket, userAgent: string): Promise<string> => {
      const shown = await by.request('pairScreen', {});
      if (!shown.ok) throw new Error(shown.error);
      return cookieOf(await tryCode(terminal.url, pairingSchema.parse(shown.value).code, { userAgent }));
    };
    const spare = await mint(stolen, 'spare');
    const spareOfSpare = await mint(await ScreenSocket.opened(terminal.url, { cookie: spare }), 'spare of the spare');
    const tablet = await mint(expo, 'new tablet');
    const spareSocket = await ScreenSocket.opened(terminal.url, { cookie: spareOfSpare });

    const listed = await expo.request('pairedScreens', { pin: PIN });
    if (!listed.ok) throw new Error(listed.error);
    const screens = pairedScreenSchema.array().parse(listed.value);
    const idOf = (label: string): string | undefined => screens.find((screen) => screen.label.startsWith(label))?.id;
    expect(
      screens.map((screen) => [
        screen.label.split(',')[0],
        screens.find((other) => other.id === screen.pairedBy)?.label.split(',')[0] ?? null,
      ]),
    ).toEqual([
      ['Firefox on Linux', null],
      ['Chrome on Android', null],
      ['spare', 'Chrome on Android'],
      ['spare of the spare', 'spare'],
      ['new tablet', 'Firefox on Linux'],
    ]);
    const pending = await stolen.request('pairScreen', {});
    if (!pending.ok) throw new Error(pending.error);

    const revoked = await expo.request('revokeScreen', { id: idOf('Chrome on Android'), pin: PIN });
    if (!revoked.ok) throw new Error(revoked.error);
    expect(pedigree(revoked.value)).toEqual(['Firefox on Linux', 'new tablet']);
    for (const gone of [stolenCookie, spare, spareOfSpare]) expect((await apiStatus(terminal.url, gone)).status).toBe(401);
    expect((await spareSocket.closed).code).toBe(4001);
    expect((await tryCode(terminal.url, pairingSchema.parse(pending.value).code)).status, 'a code it showed is withdrawn').toBe(403);
    expect((await apiStatus(terminal.url, tablet)).status, 'a screen the expo paired stays').toBe(200);
  });

  it('an unpairing that cannot be written is answered as an error and changes nothing: the screen stays paired, on disk and here', async () => {
    const terminal = await hosted();
    const expo = await ScreenSocket.opened(terminal.url, { cookie: await pairNewScreen(terminal, EXPO_SCREEN) });
    const tabletCookie = await pairNewScreen(terminal, ANDROID_TABLET);
    const listed = await expo.request('pairedScreens', { pin: PIN });
    if (!listed.ok) throw new Error(listed.error);
    const tabletId = pairedScreenSchema
      .array()
      .parse(listed.value)
      .find((screen) => screen.label.startsWith('Chrome'))?.id;
    // The list is written beside itself and renamed over: a folder in the way makes the write fail.
    const inTheWay = join(terminal.terminal.config.dataDir, `${PAIRED_SCREENS_FILE}.new`);
    mkdirSync(inTheWay);
    const refused = await expo.request('revokeScreen', { id: tabletId, pin: PIN });
    expect(refused).toEqual({
      ok: false,
      error: 'the screen was not unpaired: the list of paired screens could not be written (see the log); nothing changed',
    });
    expect((await apiStatus(terminal.url, tabletCookie)).status, 'still paired here').toBe(200);
    expect(readFileSync(join(terminal.terminal.config.dataDir, PAIRED_SCREENS_FILE), 'utf8'), 'and on disk').toContain(tabletId);
    rmdirSync(inTheWay);
    expect((await expo.request('revokeScreen', { id: tabletId, pin: PIN })).ok).toBe(true);
    expect((await apiStatus(terminal.url, tabletCookie)).status).toBe(401);
    expect(readFileSync(join(terminal.terminal.config.dataDir, PAIRED_SCREENS_FILE), 'utf8')).not.toContain(tabletId);
  });
});

function pedigree(value: unknown): string[] {
  return pairedScreenSchema
    .array()
    .parse(value)
    .map((screen) => screen.label.split(',')[0] ?? '');
}
