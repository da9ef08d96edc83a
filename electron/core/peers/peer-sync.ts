import { randomBytes } from 'node:crypto';
import type { KitchenPeerView, PeerEventsAnswer } from '../../../shared/peer-protocol';
import {
  MAX_PEER_BATCH,
  PEER_PATHS,
  peerEventsAnswerSchema,
  peerOrdersAnswerSchema,
  peerPairAnswerSchema,
  type PeerOrdersRequest,
  type PeerPairRequest,
} from '../../../shared/peer-protocol';
import { describeZodError } from '../../../shared/order-events';
import { backoffDelay } from '../lib/backoff';
import type { Clock } from '../lib/clock';
import type { Log } from '../lib/log';
import { loggable } from '../lib/log-text';
import { SupervisedLoop } from '../lib/supervised-loop';
import type { Storage } from '../store/storage';
import type { PairedPeer } from './peer-file';
import { certificateOf, postJson } from './peer-http';
import { tokenDigest } from './peer-pairing';
import { pairingProof } from './pairing-proof';

/** With nothing to send, a peer is still asked this often: its answer is what "reachable" means. */
export const PEER_HEARTBEAT_MS = 2_000;
/** A peer that has not answered for this long is shown unreachable. */
export const PEER_SILENT_MS = 5_000;
const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 5_000;
/** While Kafka is unreachable, each peer is asked this often for orders this terminal lacks. */
export const ORDERS_PULL_MS = 10_000;

interface PeerState {
  loop: SupervisedLoop;
  failures: number;
  lastContactAt: number | null;
  lastError: string | null;
  sent: number;
  received: number;
  /** When this terminal last asked the peer for orders it lacks; null: not since it started. */
  ordersPulledAt: number | null;
}

export interface PeerSyncOptions {
  merchantId: string;
  terminalId: string;
  storage: Storage;
  /** The paired peers now (kitchen-peers.json). */
  peers: () => readonly PairedPeer[];
  /** Keeps a peer this terminal paired with. */
  save: (peer: PairedPeer) => void;
  /** This terminal's peer-link certificate (PEM) when it serves HTTPS: sent when pairing, for the peer to pin. */
  ownCertificate: () => string | null;
  clock: Clock;
  log: Log;
  /** A peer's reachability changed: the status shows it. */
  onChange: () => void;
  /** The open orders this terminal has, at their versions: a peer sends what comes after. */
  knownOrders: () => PeerOrdersRequest['known'];
  /** Order events a peer relayed, applied through the sequencer. */
  applyOrders: (relayed: { events: readonly unknown[]; kitchen: readonly unknown[] }) => PeerEventsAnswer;
  /** Kafka does not answer now: peers are asked for orders again and again, not only once. */
  kafkaOffline: () => boolean;
}

/**
 * Sends this terminal's own cook actions to each paired peer, in the order they were made, from
 * what that peer confirmed last (kept in the database: a restart or a cut resends, the peer
 * counts a second copy as a duplicate). One loop per peer: a peer that does not answer never
 * holds up another.
 */
export class PeerSync {
  private readonly states = new Map<string, PeerState>();
  private running = false;

  constructor(private readonly options: PeerSyncOptions) {}

  start(): void {
    this.running = true;
    this.refresh();
  }

  async stop(): Promise<void> {
    this.running = false;
    const states = [...this.states.values()];
    this.states.clear();
    await Promise.all(states.map((state) => state.loop.stop()));
  }

  /** Own events were made: every peer is sent them now. */
  wake(): void {
    for (const state of this.states.values()) state.loop.wake();
  }

  /** A request from a peer counts as contact with it. */
  heardFrom(terminalId: string, received: number): void {
    const state = this.states.get(terminalId);
    if (!state) return;
    const wasReachable = this.reachable(state);
    state.lastContactAt = this.options.clock.now();
    state.received += received;
    if (!wasReachable) {
      state.loop.retryNow();
      this.options.onChange();
    }
  }

  /** The stored peers changed (paired, unpaired): one loop per peer. */
  refresh(): void {
    if (!this.running) return;
    const stored = new Set(this.options.peers().map((peer) => peer.terminalId));
    for (const [terminalId, state] of this.states)
      if (!stored.has(terminalId)) {
        void state.loop.stop();
        this.states.delete(terminalId);
      }
    for (const terminalId of stored) if (!this.states.has(terminalId)) this.states.set(terminalId, this.newState(terminalId));
  }

  views(): KitchenPeerView[] {
    return this.options.peers().map((peer) => {
      const state = this.states.get(peer.terminalId);
      const lastContactAt = state?.lastContactAt ?? null;
      return {
        terminalId: peer.terminalId,
        url: peer.url,
        pairedAt: peer.pairedAt,
        lastContactAt: lastContactAt === null ? null : new Date(lastContactAt).toISOString(),
        reachable: state ? this.reachable(state) : false,
        sent: state?.sent ?? 0,
        received: state?.received ?? 0,
        waiting: this.options.storage.peers.waitingAfter(this.options.storage.peers.cursor(peer.terminalId)),
      };
    });
  }

  /**
   * Pairs with the terminal at `url` by the code it shows: this terminal sends the token that
   * terminal will present here, and keeps the one it answers with. One code, both directions.
   */
  async pair(url: string, code: string, ownUrl: string): Promise<PairedPeer> {
    const base = url.replace(/\/+$/, '');
    const token = randomBytes(32).toString('base64url');
    let raw: unknown;
    let pinned: string | null;
    try {
      // Over HTTPS: the certificate it presents now is the one the proof names and the one trusted after.
      const seen = base.startsWith('https:') ? await certificateOf(base) : null;
      pinned = seen?.pem ?? null;
      const fields = {
        merchantId: this.options.merchantId,
        terminalId: this.options.terminalId,
        url: ownUrl,
        token,
        certificate: this.options.ownCertificate(),
      };
      const request: PeerPairRequest = { ...fields, proof: await pairingProof(code, seen?.fingerprint ?? '', fields) };
      raw = await postJson(`${base}${PEER_PATHS.pair}`, request, { certificate: pinned ?? undefined });
    } catch (error) {
      throw new Error(`pairing with ${base} failed: ${(error as Error).message}`, { cause: error });
    }
    const answer = peerPairAnswerSchema.safeParse(raw);
    if (!answer.success) throw new Error(`pairing with ${base}: not a peer's answer (${describeZodError(answer.error)})`);
    const peer: PairedPeer = {
      terminalId: answer.data.terminalId,
      url: base,
      callToken: answer.data.token,
      acceptDigest: tokenDigest(token),
      pairedAt: new Date(this.options.clock.now()).toISOString(),
      certificate: pinned,
    };
    this.adopt(peer);
    return peer;
  }

  /**
   * Keeps a peer paired either way (this terminal asked, or the other did): it is sent what this
   * terminal does from now on, not its history, by a loop of its own.
   */
  adopt(peer: PairedPeer): void {
    this.options.storage.transact((tx) => tx.peers.acknowledge(peer.terminalId, tx.peers.lastSeq()));
    this.options.save(peer);
    this.refresh();
  }

  /** Paired and answering peers, for the status bar (no database read: it is asked on every status). */
  summary(): { paired: number; reachable: number } {
    const paired = this.options.peers();
    const reachable = paired.filter((peer) => {
      const state = this.states.get(peer.terminalId);
      return state !== undefined && this.reachable(state);
    }).length;
    return { paired: paired.length, reachable };
  }

  /** Asks the peer for the order events this terminal lacks and applies them (peers/apply-peer-orders.ts). */
  private async pullOrders(peer: PairedPeer, state: PeerState): Promise<void> {
    const raw = await postJson(
      `${peer.url}${PEER_PATHS.orders}`,
      { known: this.options.knownOrders() },
      { token: peer.callToken, certificate: peer.certificate ?? undefined },
    );
    const parsed = peerOrdersAnswerSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`not a peer's orders (${describeZodError(parsed.error)})`);
    state.ordersPulledAt = this.options.clock.now();
    if (parsed.data.events.length + parsed.data.kitchen.length === 0) return;
    const answer = this.options.applyOrders(parsed.data);
    state.received += answer.applied;
    if (answer.applied > 0)
      this.options.log('info', `kitchen peer ${peer.terminalId}: ${answer.applied} order event(s) this terminal lacked, applied`);
    if (answer.refused.length > 0)
      this.options.log(
        'warn',
        `kitchen peer ${peer.terminalId}: ${answer.refused.length} relayed order event(s) refused: ${loggable(answer.refused[0]?.reason ?? '')}`,
      );
  }

  private reachable(state: PeerState): boolean {
    return state.lastContactAt !== null && this.options.clock.now() - state.lastContactAt <= PEER_SILENT_MS;
  }

  private newState(terminalId: string): PeerState {
    const state: PeerState = {
      failures: 0,
      lastContactAt: null,
      lastError: null,
      sent: 0,
      received: 0,
      ordersPulledAt: null,
      loop: new SupervisedLoop({
        name: `kitchen peer ${terminalId}`,
        tick: () => this.tick(terminalId, state),
        onError: (name, error) => this.options.log('warn', `${name}: ${loggable(error.message)}`),
        clock: this.options.clock,
      }),
    };
    state.loop.start();
    return state;
  }

  private async tick(terminalId: string, state: PeerState): Promise<number | 'idle'> {
    const peer = this.options.peers().find((candidate) => candidate.terminalId === terminalId);
    if (!peer) return 'idle';
    const batch = this.options.storage.peers.ownAfter(this.options.storage.peers.cursor(terminalId), MAX_PEER_BATCH);
    const wasReachable = this.reachable(state);
    let answer: PeerEventsAnswer;
    try {
      const raw = await postJson(
        `${peer.url}${PEER_PATHS.events}`,
        { events: batch.map((entry) => JSON.parse(entry.json) as unknown) },
        { token: peer.callToken, certificate: peer.certificate ?? undefined },
      );
      const parsed = peerEventsAnswerSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`not a peer's answer (${describeZodError(parsed.error)})`);
      answer = parsed.data;
    } catch (error) {
      state.failures += 1;
      const message = (error as Error).message;
      if (state.lastError !== message)
        this.options.log('warn', `kitchen peer ${terminalId} at ${loggable(peer.url)}: ${loggable(message)}`);
      state.lastError = message;
      if (wasReachable !== this.reachable(state)) this.options.onChange();
      return backoffDelay(state.failures, RETRY_BASE_MS, RETRY_CAP_MS);
    }
    if (answer.refused.length > 0)
      this.options.log(
        'warn',
        `kitchen peer ${terminalId} refused ${answer.refused.length} event(s): ${loggable(answer.refused[0]?.reason ?? '')}`,
      );
    const last = batch.at(-1);
    if (last) this.options.storage.transact((tx) => tx.peers.acknowledge(terminalId, last.seq));
    state.sent += answer.applied + answer.duplicates;
    state.failures = 0;
    state.lastError = null;
    state.lastContactAt = this.options.clock.now();
    if (!wasReachable) this.options.onChange();
    const now = this.options.clock.now();
    if (state.ordersPulledAt === null || (this.options.kafkaOffline() && now - state.ordersPulledAt >= ORDERS_PULL_MS)) {
      try {
        await this.pullOrders(peer, state);
      } catch (error) {
        // Asked again at the next pull; the cooks' actions keep flowing meanwhile.
        state.ordersPulledAt = now;
        this.options.log('warn', `kitchen peer ${terminalId}: orders could not be read from it: ${loggable((error as Error).message)}`);
      }
    }
    return batch.length === MAX_PEER_BATCH ? 0 : PEER_HEARTBEAT_MS;
  }
}
