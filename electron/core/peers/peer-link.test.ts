import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import type { KitchenEvent } from '../../../shared/kitchen-events';
import { PEER_PATHS, type KitchenPeerView } from '../../../shared/peer-protocol';
import { TEST_DISCOVERY, testConfig, waitFor } from '../../../test/support/core-harness';
import { kitchenEvent, placedOrder } from '../../../test/support/events';
import type { OrderEvent } from '../../../shared/order-events';
import { freePort } from '../../../test/support/free-port';
import { ManualClock } from '../../../test/support/manual-clock';
import { tempStorage } from '../../../test/support/temp-storage';
import { applyEvent } from '../ingest/apply-event';
import { processRecord } from '../ingest/record-processor';
import { orderEvent, orderSnapshot } from '../../../test/support/events';
import { KitchenActions } from '../kitchen/kitchen-actions';
import { systemClock, type Clock } from '../lib/clock';
import type { Storage } from '../store/storage';
import { PeerDiscovery } from './peer-discovery';
import { PeerLink, peerLinkRefusal } from './peer-link';
import { PEER_CODE_ATTEMPTS } from './peer-pairing';
import { pairingProof, proofHolds, type ProvenFields } from './pairing-proof';

interface Member {
  link: PeerLink;
  storage: Storage;
  actions: KitchenActions;
  terminalId: string;
}

const running: Member[] = [];
afterEach(async () => {
  await Promise.all(
    running.splice(0).map(async ({ link, storage }) => {
      await link.stop();
      storage.close();
    }),
  );
});

/** A terminal's peer link on a real database holding order o1, listening on a free loopback port. */
const ORDERS_TOPIC = 'peers-test.orders';

async function member(
  terminalId: string,
  stations: string[],
  clock: Clock = systemClock,
  port = 0,
  withOrder = true,
  tls?: { selfSigned: true } | { certFile: string; keyFile: string },
): Promise<Member> {
  const merchantId = 'm-1';
  const config = testConfig('127.0.0.1:1', {
    env: 'peers-test',
    terminalId,
    merchantId,
    stations,
    peers: { port, ...(tls ? { tls } : {}) },
  });
  const storage = tempStorage();
  if (withOrder) storage.transact((tx) => tx.orders.save(applyEvent(undefined, placedOrder('o1', { merchantId }))));
  const peers = config.peers;
  if (!peers) throw new Error('the test configuration has peers');
  const link = new PeerLink(
    { ...config, peers },
    { storage, clock, log: () => undefined, onChange: () => undefined, kafkaOffline: () => true },
  );
  await link.start();
  const actions = new KitchenActions(storage, { merchantId, terminalId, stations }, () => clock.now());
  const joined = { link, storage, actions, terminalId };
  running.push(joined);
  return joined;
}

async function paired(a: Member, b: Member): Promise<void> {
  const { code, url } = a.link.issueCode();
  if (!url) throw new Error('the link listens');
  await b.link.pair(url, code);
}

const post = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('kitchen peers: pairing and cook actions over the LAN', () => {
  it('one code pairs both ways, and a bump on grill is on expo at once — applied once, never republished by expo', async () => {
    const expo = await member('expo-1', []);
    const grill = await member('grill-1', ['grill']);
    await paired(expo, grill);
    expect(grill.link.views().map((peer) => peer.terminalId)).toEqual(['expo-1']);
    expect(expo.link.views().map((peer) => peer.terminalId)).toEqual(['grill-1']);

    const started = Date.now();
    expect(grill.actions.execute({ type: 'BUMP', orderId: 'o1' }).ok).toBe(true);
    grill.link.wake();
    await waitFor('the bump on expo', () => expo.storage.kitchen.state('o1').scopes.get('grill')?.bumped, 5_000, 10);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Expo's own outbox stays empty: grill publishes its bump to Kafka, exactly once.
    expect(expo.storage.outbox.status().pending).toBe(0);
    expect(grill.storage.outbox.status().pending).toBe(1);

    // And back: expo's recall reaches grill over the same pairing.
    expect(expo.actions.execute({ type: 'RECALL_LAST' }).ok).toBe(false); // expo bumped nothing itself
    expect(expo.actions.execute({ type: 'BUMP', orderId: 'o1' }).ok).toBe(true);
    expo.link.wake();
    await waitFor('expo bump on grill', () => grill.storage.kitchen.state('o1').scopes.get('')?.bumped, 5_000, 10);
    const confirmed = (views: KitchenPeerView[]) => views[0]?.waiting === 0 && views[0].reachable;
    await waitFor('both peers confirmed', () => confirmed(grill.link.views()) && confirmed(expo.link.views()), 5_000, 10);
  });

  it('a peer that was away is sent what it missed, in order, when it answers again', { timeout: 30_000 }, async () => {
    const expo = await member('expo-1', [], systemClock, await freePort());
    const grill = await member('grill-1', ['grill']);
    await paired(expo, grill);
    await expo.link.stop();
    for (const type of ['START', 'BUMP'] as const) expect(grill.actions.execute({ type, orderId: 'o1' }).ok).toBe(true);
    expect(grill.actions.execute({ type: 'RECALL_LAST' }).ok).toBe(true);
    grill.link.wake();
    await waitFor('grill to see expo away', () => grill.link.views()[0]?.waiting === 3 && grill.link.views()[0], 5_000, 10);
    expect(expo.storage.kitchen.state('o1').scopes.get('grill')).toBeUndefined();
    await expo.link.start();
    await waitFor('what grill did, on expo', () => grill.link.views()[0]?.waiting === 0, 15_000, 20);
    const progress = expo.storage.kitchen.state('o1').scopes.get('grill');
    expect(progress?.startedAt).not.toBeNull();
    expect(progress?.bumped).toBe(false); // the recall came last
  });
});

/** Order events read "from Kafka" by a terminal: through the ingest path, so its receipts hold their places. */
function readFromKafka(storage: Storage, events: OrderEvent[]): void {
  storage.transact((tx) =>
    events.forEach((event, offset) => {
      const record = { topic: ORDERS_TOPIC, partition: 2, offset: String(100 + offset), value: Buffer.from(JSON.stringify(event)) };
      processRecord(tx, record, { merchantId: 'm-1', maxRecordBytes: 1_000_000, canEnrich: false, retryBaseDelayMs: 50 }, Date.now());
    }),
  );
}

describe('kitchen peers: HTTPS, each pinning the certificate it paired with', () => {
  it(
    'pairs over HTTPS with self-signed certificates and sends a bump; a terminal answering later with another certificate gets nothing',
    { timeout: 30_000 },
    async () => {
      const port = await freePort();
      const expo = await member('expo-1', [], systemClock, port, true, { selfSigned: true });
      const grill = await member('grill-1', ['grill'], systemClock, 0, true, { selfSigned: true });
      expect(expo.link.url).toBe(`https://127.0.0.1:${port}`);
      await paired(expo, grill);
      expect(grill.actions.execute({ type: 'BUMP', orderId: 'o1' }).ok).toBe(true);
      grill.link.wake();
      await waitFor('the bump on expo over HTTPS', () => expo.storage.kitchen.state('o1').scopes.get('grill')?.bumped, 5_000, 10);

      // Expo's address now answers with another certificate (another machine, or one in the middle).
      await expo.link.stop();
      const impostor = await member('expo-1', [], systemClock, port, true, { selfSigned: true });
      expect(grill.actions.execute({ type: 'RECALL_LAST' }).ok).toBe(true);
      grill.link.wake();
      await waitFor(
        'grill to find expo unreachable',
        () => grill.link.views()[0]?.reachable === false && grill.link.views()[0]?.waiting === 1,
        10_000,
        20,
      );
      expect(impostor.storage.kitchen.state('o1').scopes.get('grill')).toBeUndefined();
    },
  );

  it("a certificate of the kitchen's own CA (not self-signed) is pinned and trusted alone as well", { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kds-peer-ca-'));
    const ca = await generate([{ name: 'commonName', value: 'kitchen CA' }], {
      keyType: 'ec',
      curve: 'P-256',
      extensions: [{ name: 'basicConstraints', cA: true }],
    });
    const leaf = await generate([{ name: 'commonName', value: 'expo' }], {
      keyType: 'ec',
      curve: 'P-256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    writeFileSync(join(dir, 'cert.pem'), leaf.cert);
    writeFileSync(join(dir, 'key.pem'), leaf.private);
    const expo = await member('expo-1', [], systemClock, 0, true, { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') });
    const grill = await member('grill-1', ['grill']);
    await paired(expo, grill);
    expect(grill.actions.execute({ type: 'BUMP', orderId: 'o1' }).ok).toBe(true);
    grill.link.wake();
    await waitFor(
      'the bump on expo over HTTPS with a CA-issued certificate',
      () => expo.storage.kitchen.state('o1').scopes.get('grill')?.bumped,
      5_000,
      10,
    );
  });

  it('a proof made for the certificate a terminal in the middle presented does not hold for the real one', async () => {
    const fields = { merchantId: 'm-1', terminalId: 'grill-1', url: 'https://127.0.0.1:1', token: 'T'.repeat(43), certificate: null };
    const proof = await pairingProof('12345678', 'AA:BB', fields);
    expect(await proofHolds(proof, '12345678', 'AA:BB', fields)).toBe(true);
    expect(await proofHolds(proof, '12345678', 'CC:DD', fields)).toBe(false);
    expect(await proofHolds(proof, '12345679', 'AA:BB', fields)).toBe(false);
    expect(await proofHolds(proof, '12345678', 'AA:BB', { ...fields, url: 'https://10.0.0.9:1' })).toBe(false);
  });
});

describe('kitchen peers: orders over the LAN', () => {
  it('a terminal restarted with an emptied database gets every open order from its peer, at its versions, through the sequencer', async () => {
    const expo = await member('expo-1', [], systemClock, 0, false);
    const recent = new Date(Date.now() - 5 * 60_000).toISOString();
    readFromKafka(expo.storage, [
      placedOrder('o7', { occurredAt: recent }),
      orderEvent('o7', 2, 'ORDER_UPDATED', { occurredAt: recent, order: orderSnapshot({ displayNumber: 'O7', notes: 'no onions' }) }),
      placedOrder('o8', { occurredAt: recent }),
      orderEvent('o8', 2, 'ORDER_CANCELLED', { occurredAt: recent, reason: 'customer left' }),
      placedOrder('o9', { occurredAt: recent }),
      orderEvent('o9', 2, 'ORDER_COMPLETED', { occurredAt: recent }),
    ]);
    // What cooks did on o7 before fry lost its database: grill's bump, and fry's own start (not yet on Kafka).
    const grillBump = kitchenEvent('TICKET_BUMPED', { orderId: 'o7', station: 'grill', terminalId: 'grill-1', orderVersion: 2 });
    const fryStart = kitchenEvent('TICKET_STARTED', { orderId: 'o7', station: 'fry', terminalId: 'fry-1' });
    expo.storage.transact((tx) => [grillBump, fryStart].forEach((event) => tx.audit.kitchen(event, Date.now()) && tx.kitchen.apply(event)));
    const fry = await member('fry-1', ['fry'], systemClock, 0, false);
    await paired(expo, fry);
    await waitFor(
      'the orders on fry',
      () => fry.storage.orders.get('o7')?.appliedVersion === 2 && fry.storage.orders.get('o8'),
      10_000,
      10,
    );
    const o7 = fry.storage.orders.get('o7');
    expect(o7?.snapshot?.notes).toBe('no onions');
    expect(o7?.placedAt).toBe(recent); // the ticket's age comes with it
    expect(fry.storage.orders.get('o8')).toMatchObject({ status: 'CANCELLED', cancelReason: 'customer left' });
    expect(fry.storage.orders.get('o9')).toBeUndefined(); // done: not on any screen, not relayed
    // Its receipts name Kafka's places, and its offsets are untouched: Kafka re-reads and finds duplicates.
    expect(
      fry.storage.audit.receipts('o7', 0).map((receipt) => [receipt.version, receipt.topic, receipt.partition, receipt.offset]),
    ).toEqual([
      [1, ORDERS_TOPIC, 2, '100'],
      [2, ORDERS_TOPIC, 2, '101'],
    ]);
    expect(fry.storage.offsets.all(ORDERS_TOPIC)).toEqual([]);
    // The kitchen's state came with the orders, bump version included; fry's own lost start is queued for Kafka again.
    await waitFor('the kitchen state on fry', () => fry.storage.kitchen.state('o7').scopes.get('fry'), 10_000, 10);
    expect(fry.storage.kitchen.state('o7').scopes.get('grill')).toMatchObject({ bumped: true, bumpedVersion: 2 });
    expect(fry.storage.outbox.head(10).map((entry) => entry.eventId)).toEqual([fryStart.eventId]);
    readFromKafka(fry.storage, [placedOrder('o7', { occurredAt: recent })]);
    expect(fry.storage.orders.get('o7')?.eventsApplied).toBe(2);
  });
});

/** A pairing request as a terminal builds it: proof of the code over plain HTTP (no certificate to bind). */
async function pairRequest(code: string, overrides: Partial<ProvenFields> = {}) {
  const fields: ProvenFields = {
    merchantId: 'm-1',
    terminalId: 'rogue',
    url: 'http://127.0.0.1:1',
    token: 'C'.repeat(43),
    certificate: null,
    ...overrides,
  };
  return { ...fields, proof: await pairingProof(code, '', fields) };
}

describe('kitchen peers: what the peer server refuses (docs/SECURITY.md)', () => {
  async function pairedPair(clock: Clock) {
    const expo = await member('expo-1', [], clock);
    const grill = await member('grill-1', ['grill'], clock);
    const { code, url } = expo.link.issueCode();
    const token = 'A'.repeat(43);
    const answer = await post(`${url}${PEER_PATHS.pair}`, await pairRequest(code, { terminalId: 'grill-1', token }));
    expect(answer.status).toBe(200);
    return { expo, grill, url: url ?? '', token: String(answer.body.token) };
  }
  const bump = (extra: Partial<KitchenEvent> = {}) => kitchenEvent('TICKET_BUMPED', { station: 'grill', terminalId: 'grill-1', ...extra });

  it('an unpaired machine, a wrong token and a guessed code are refused; a few wrong codes withdraw the code', async () => {
    const clock = new ManualClock(Date.now());
    const expo = await member('expo-1', [], clock);
    const url = expo.link.issueCode().url ?? '';
    const events = `${url}${PEER_PATHS.events}`;
    expect((await post(events, { events: [bump()] })).status).toBe(401);
    expect((await post(events, { events: [bump()] }, 'B'.repeat(43))).status).toBe(401);
    expect(expo.storage.kitchen.state('o1').scopes.size).toBe(0);

    const { code } = expo.link.issueCode();
    const wrong = code === '00000000' ? '00000001' : '00000000';
    for (let attempt = 0; attempt < PEER_CODE_ATTEMPTS; attempt += 1)
      expect((await post(`${url}${PEER_PATHS.pair}`, await pairRequest(wrong))).status).toBe(403);
    const late = await post(`${url}${PEER_PATHS.pair}`, await pairRequest(code));
    expect(late).toEqual({ status: 403, body: { error: 'wrong or expired peer pairing code: ask for a new one on the other terminal' } });
    expect(expo.link.views()).toEqual([]);

    // Another kitchen's terminal with the right code is refused too.
    const fresh = expo.link.issueCode().code;
    expect((await post(`${url}${PEER_PATHS.pair}`, await pairRequest(fresh, { merchantId: 'm-2' }))).status).toBe(403);
    // The code itself, sent instead of a proof, is no pairing request.
    const request = await pairRequest(expo.link.issueCode().code);
    expect((await post(`${url}${PEER_PATHS.pair}`, { ...request, proof: undefined, code: fresh })).status).toBe(400);
  });

  it('forged, foreign, Kafka-only and replayed events are refused or counted once; garbage and oversized bodies are refused', async () => {
    const clock = new ManualClock(Date.now());
    const { expo, url, token } = await pairedPair(clock);
    const events = `${url}${PEER_PATHS.events}`;
    const own = bump();
    const answer = await post(
      events,
      {
        events: [
          own,
          bump({ terminalId: 'fry-1' }),
          bump({ merchantId: 'm-2' }),
          kitchenEvent('ORDER_ACCEPTED', { terminalId: 'grill-1', prepMinutes: 10 }),
          { nonsense: true },
        ],
      },
      token,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.applied).toBe(1);
    expect(
      (answer.body.refused as { index: number; reason: string }[]).map((refusal) => [refusal.index, refusal.reason.split(':')[0]]),
    ).toEqual([
      [1, 'terminal grill-1 sent an event of terminal fry-1'],
      [2, "merchant m-2 is not this kitchen's"],
      [3, 'ORDER_ACCEPTED is not sent between peers'],
      [4, 'not a kitchen event'],
    ]);
    expect(await post(events, { events: [own] }, token)).toEqual({ status: 200, body: { applied: 0, duplicates: 1, refused: [] } });
    expect(expo.storage.kitchen.state('o1').scopes.get('grill')?.bumped).toBe(true);

    expect((await post(events, 'not json{', token)).status).toBe(400);
    expect((await post(events, { events: Array.from({ length: 101 }, () => own) }, token)).status).toBe(400);
    expect((await post(events, { events: [own], padding: 'x'.repeat(300_000) }, token)).status).toBe(413);
    expect((await fetch(events)).status).toBe(405);
    expect((await post(`${url}/api/status`, {}, token)).status).toBe(404);
  });

  it('a flood of 120 requests at once is dropped or answered 429 past the budget, and the peer is served again a second later', async () => {
    const clock = new ManualClock(Date.now());
    const { expo, url, token } = await pairedPair(clock);
    const events = `${url}${PEER_PATHS.events}`;
    // 120 at once: past 32 connections the server drops them; past its budget it answers 429.
    const flood = Array.from({ length: 120 }, () =>
      post(events, { events: [bump()] }, token).then(
        (answer) => answer.status,
        () => 'dropped' as const,
      ),
    );
    const statuses = await Promise.all(flood);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(40);
    expect(statuses.filter((status) => status === 429 || status === 'dropped').length).toBeGreaterThanOrEqual(80);
    await clock.advance(1_000);
    const after = await post(events, { events: [bump()] }, token);
    expect(after).toMatchObject({ status: 200, body: { applied: 1 } });
    expect(expo.storage.kitchen.state('o1').scopes.get('grill')?.bumped).toBe(true);
  });
});

describe('kitchen peers: found on the LAN with mDNS (loopback in tests)', () => {
  it(
    "each terminal finds the kitchen's others and their addresses, never itself nor another kitchen; a paired one is no longer offered",
    { timeout: 20_000 },
    async () => {
      const expo = await member('expo-1', []);
      const grill = await member('grill-1', ['grill']);
      const otherKitchen = new PeerDiscovery({ merchantId: 'm-2', terminalId: 'fry-9' }, TEST_DISCOVERY, () => undefined);
      otherKitchen.start('http://127.0.0.1:9', 9);
      try {
        const grillUrl = grill.link.url;
        await waitFor(
          'expo to find grill',
          () => expo.link.found().some((peer) => peer.terminalId === 'grill-1' && peer.url === grillUrl),
          10_000,
          50,
        );
        await waitFor('grill to find expo', () => grill.link.found().some((peer) => peer.terminalId === 'expo-1'), 10_000, 50);
        expect(expo.link.found().map((peer) => peer.terminalId)).not.toContain('expo-1');
        expect(expo.link.found().map((peer) => peer.terminalId)).not.toContain('fry-9');
        await paired(expo, grill);
        expect(grill.link.found().map((peer) => peer.terminalId)).not.toContain('expo-1');
      } finally {
        await otherKitchen.stop();
      }
    },
  );
});

describe('kitchen peers: configuration refused with a clear message', () => {
  it('a link on every address names the address peers use; beyond loopback it needs TLS or knowingly plain HTTP', () => {
    expect(() => testConfig('127.0.0.1:1', { peers: { host: '0.0.0.0' } })).toThrow(
      'peers.host listens on every address: give peers.url, the address the other terminals use',
    );
    const onLan = testConfig('127.0.0.1:1', { peers: { host: '10.0.0.12' } }).peers;
    if (!onLan) throw new Error('peers configured');
    expect(peerLinkRefusal(onLan)).toMatch(/^peers.host is 10.0.0.12, reachable from the network: set peers.tls/);
    expect(peerLinkRefusal({ ...onLan, tls: { selfSigned: true } })).toBeUndefined();
    expect(peerLinkRefusal({ ...onLan, allowPlaintext: true })).toBeUndefined();
    expect(peerLinkRefusal({ ...onLan, host: '127.0.0.1' })).toBeUndefined();
  });
});
