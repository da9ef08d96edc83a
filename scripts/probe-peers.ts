import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { dispatchRequest } from '../electron/core/app/api-dispatch';
import { startTerminal, type Terminal } from '../electron/core/app/terminal';
import type { KitchenEvent } from '../shared/kitchen-events';
import { PEER_PATHS } from '../shared/peer-protocol';
import { pairingProof, type ProvenFields } from '../electron/core/peers/pairing-proof';
import { testConfig } from '../test/support/core-harness';
import { freePort } from '../test/support/free-port';
import { loopDelayMonitor } from './lib/loop-delay';

/**
 * `npm run probe:peers -- [--flood N]`: a kitchen terminal's peer link attacked from the LAN the
 * way a hostile or broken device would — unpaired, guessing codes, forging and replaying events,
 * oversized, garbage and flooding — while a paired peer keeps sending; prints what was refused,
 * what got through and whether the terminal stayed alive (RELIABILITY.md keeps the figures).
 * Kafka is unreachable on purpose: the LAN is the only path, as in an outage.
 */
const { values } = parseArgs({ options: { flood: { type: 'string', default: '5000' } }, strict: true });
const floodRequests = Number(values.flood);
if (!Number.isInteger(floodRequests) || floodRequests < 1) {
  console.error('usage: npm run probe:peers -- [--flood N]   (N: requests in the flood, a whole number above 0)');
  process.exit(2);
}

const PIN = '2468';
const deadKafka = `127.0.0.1:${await freePort()}`;
const quiet = () => undefined;
const start = (terminalId: string, stations: string[]): Terminal =>
  startTerminal(testConfig(deadKafka, { env: 'probe', terminalId, stations, diagnosticsPin: PIN, peers: { port: 0 } }), { log: quiet });
const expo = start('expo-1', []);
const grill = start('grill-1', ['grill']);

async function call<T>(terminal: Terminal, name: 'peerPairingCode' | 'pairPeer' | 'status', input?: unknown): Promise<T> {
  const result = await dispatchRequest(terminal.api, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error}`);
  return result.value as T;
}

async function post(url: string, body: string, token?: string): Promise<number | 'dropped'> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'dropped';
  }
}

function tally(statuses: (number | 'dropped')[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${status} ×${count}`).join(', ');
}

/** A rogue device's pairing request (plain HTTP: no certificate binds the proof). */
const rogueFields = (): ProvenFields => ({
  merchantId: 'm-1',
  terminalId: 'rogue',
  url: 'http://127.0.0.1:9',
  token: randomBytes(32).toString('base64url'),
  certificate: null,
});
const rogueRequest = async (code: string) => {
  const fields = rogueFields();
  return { ...fields, proof: await pairingProof(code, '', fields) };
};

let serial = 0;
const bump = (terminalId: string): KitchenEvent => ({
  eventId: `probe-${process.pid}-${(serial += 1)}`,
  type: 'TICKET_BUMPED',
  orderId: `order-${serial % 50}`,
  merchantId: 'm-1',
  terminalId,
  station: 'grill',
  occurredAt: new Date().toISOString(),
});

const delay = loopDelayMonitor(10);
/** Every request here comes from 127.0.0.1, one address with one budget (20/s): between phases it refills. */
const refill = () => new Promise((resolve) => setTimeout(resolve, 2_100));
const spaced = () => new Promise((resolve) => setTimeout(resolve, 60));
try {
  // Wait for both peer links to listen, then pair grill with expo the way support does.
  let shown: { code: string; url: string | null } = { code: '', url: null };
  for (let tries = 0; tries < 100 && !shown.url; tries += 1) {
    shown = await call(expo, 'peerPairingCode', { pin: PIN });
    if (!shown.url) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = shown.url ?? '';
  await call(grill, 'pairPeer', { url, code: shown.code, pin: PIN });
  const events = `${url}${PEER_PATHS.events}`;
  const pairUrl = `${url}${PEER_PATHS.pair}`;
  delay.enable();
  const lines: string[] = [];

  const unpaired = await Promise.all(
    Array.from({ length: 200 }, () => post(events, JSON.stringify({ events: [bump('grill-1')] }), randomBytes(32).toString('base64url'))),
  );
  lines.push(`unpaired tokens (200 at once): ${tally(unpaired)}`);
  await refill();

  // A rogue device that saw the code on screen: its wrong guesses withdraw the code after a few.
  const { code } = await call<{ code: string }>(expo, 'peerPairingCode', { pin: PIN });
  const guesses: (number | 'dropped')[] = [];
  // Without the code a proof is a guess: random ones stand for guessed codes (each real one costs its maker an scrypt).
  for (let guess = 0; guess < 1_000; guess += 1)
    guesses.push(await post(pairUrl, JSON.stringify({ ...rogueFields(), proof: randomBytes(32).toString('hex') })));
  await refill();
  const withRight = await post(pairUrl, JSON.stringify(await rogueRequest(code)));
  lines.push(
    `pairing requests with guessed proofs (${guesses.length}, one after another): ${tally(guesses)}; the right code afterwards: ${withRight}`,
  );
  await refill();

  // A paired device (the rogue paired with a fresh code, as a stolen terminal would be) forging and replaying.
  const fresh = await call<{ code: string }>(expo, 'peerPairingCode', { pin: PIN });
  const pairing = await fetch(pairUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await rogueRequest(fresh.code)),
  });
  const rogueToken = ((await pairing.json()) as { token: string }).token;
  const forged = (await (
    await fetch(events, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${rogueToken}` },
      body: JSON.stringify({ events: Array.from({ length: 100 }, () => bump('grill-1')) }),
    })
  ).json()) as { applied: number; refused: unknown[] };
  lines.push(`forged events naming another terminal (100): applied ${forged.applied}, refused ${forged.refused.length}`);
  const replayed = bump('rogue');
  let replayApplied = 0;
  let replayDuplicates = 0;
  for (let copy = 0; copy < 50; copy += 1) {
    await spaced();
    const answer = await fetch(events, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${rogueToken}` },
      body: JSON.stringify({ events: [replayed] }),
    });
    const body = (await answer.json()) as { applied?: number; duplicates?: number };
    replayApplied += body.applied ?? 0;
    replayDuplicates += body.duplicates ?? 0;
  }
  lines.push(`one event replayed 50 times: applied ${replayApplied}, counted duplicate ${replayDuplicates}`);
  await refill();

  const oversized = await Promise.all(
    [300_000, 10_000_000].map((size) => post(events, `{"events":[],"pad":"${'x'.repeat(size)}"}`, rogueToken)),
  );
  const garbage = await Promise.all(Array.from({ length: 200 }, () => post(events, randomBytes(512).toString('latin1'), rogueToken)));
  lines.push(`oversized bodies (300 KB, 10 MB): ${tally(oversized)}; garbage bodies (200 at once): ${tally(garbage)}`);
  await refill();

  // The flood (from the loopback address every request here shares, so its budget is the flood's).
  const floodStarted = Date.now();
  const flood: (number | 'dropped')[] = [];
  const concurrency = 200;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < floodRequests) {
        next += 1;
        flood.push(await post(events, JSON.stringify({ events: [bump('rogue')] }), rogueToken));
      }
    }),
  );
  const floodSeconds = (Date.now() - floodStarted) / 1000;
  lines.push(`flood (${floodRequests} requests, ${concurrency} at once, ${floodSeconds.toFixed(1)} s): ${tally(flood)}`);

  // Afterwards: the terminal answers its own API and a paired peer's request is served again.
  await refill();
  const after = await post(events, JSON.stringify({ events: [bump('rogue')] }), rogueToken);
  const status = await dispatchRequest(expo.api, 'status', undefined);
  delay.disable();
  lines.push(
    `afterwards: a paired peer's request ${after}, the terminal's status ${status.ok ? 'answered' : 'FAILED'}; host-thread delay p99 ${delay.percentileMs(99).toFixed(1)} ms, max ${delay.maxMs().toFixed(1)} ms`,
  );
  for (const line of lines) console.log(line);
  const refusedAll =
    unpaired.every((answer) => answer === 401 || answer === 429) &&
    forged.applied === 0 &&
    replayApplied === 1 &&
    withRight === 403 &&
    status.ok &&
    after === 200;
  if (!refusedAll) {
    console.error('probe: a protection did not hold (see above)');
    process.exitCode = 1;
  }
} finally {
  await Promise.all([expo.stop(), grill.stop()]);
}
