import type { KdsConfig } from '../../../shared/config';
import { isLoopback } from '../../../shared/loopback';
import type { KitchenPeerView } from '../../../shared/peer-protocol';
import { join } from 'node:path';
import type { Clock } from '../lib/clock';
import { loadTlsPair, type TlsPair } from '../lib/tls-pair';
import type { Log } from '../lib/log';
import { VOID_KEPT_MS } from '../store/order-repository';
import type { Storage } from '../store/storage';
import { MAX_KNOWN_ORDERS } from '../../../shared/peer-protocol';
import { applyPeerEvents } from './apply-peer-events';
import { applyPeerOrders } from './apply-peer-orders';
import { PeerDiscovery, type FoundPeer } from './peer-discovery';
import { PeerFile, type PairedPeer } from './peer-file';
import { relayOrders } from './relay-orders';
import { PeerPairing } from './peer-pairing';
import { PeerServer, type PeerServerOptions } from './peer-server';
import { PeerSync } from './peer-sync';

/** The peer link's configuration refused before anything runs: plain HTTP beyond loopback must be chosen knowingly. */
export function peerLinkRefusal(peers: NonNullable<KdsConfig['peers']>): string | undefined {
  if (isLoopback(peers.host) || peers.tls || peers.allowPlaintext) return undefined;
  return `peers.host is ${peers.host}, reachable from the network: set peers.tls (certFile and keyFile, or selfSigned: true) so nobody on the kitchen's network can read or forge the kitchen's actions (or, knowingly, peers.allowPlaintext)`;
}

/** The names a self-signed peer certificate carries: its host and the host of peers.url. */
function peerNames(peers: NonNullable<KdsConfig['peers']>): string[] {
  return [peers.host, ...(peers.url ? [new URL(peers.url).hostname.replace(/^\[|\]$/g, '')] : [])].filter(
    (name) => !['0.0.0.0', '::'].includes(name),
  );
}

export interface PeerLinkOptions {
  storage: Storage;
  clock: Clock;
  log: Log;
  /** A peer's reachability or the list of peers changed. */
  onChange: () => void;
  /** Kafka does not answer now (the broker probe's verdict). */
  kafkaOffline: () => boolean;
}

/**
 * A terminal's kitchen peers (docs/DESIGN.md §3): its server for pairing and peers' events, its
 * senders of its own events, and the pairing code it shows.
 */
export class PeerLink {
  private readonly pairing: PeerPairing;
  private server: PeerServer | undefined;
  private readonly serverOptions: Omit<PeerServerOptions, 'tls'>;
  private tls: TlsPair | undefined;
  private readonly sync: PeerSync;
  private listeningUrl: string | undefined;
  private discovery: PeerDiscovery | undefined;
  /** Read at start: a damaged file stops the peer link (the fault says why), never the kitchen. */
  private file: PeerFile | undefined;

  constructor(
    private readonly config: KdsConfig & { peers: NonNullable<KdsConfig['peers']> },
    private readonly options: PeerLinkOptions,
  ) {
    const { merchantId, terminalId } = config;
    const { storage, clock, log } = options;
    this.pairing = new PeerPairing(() => clock.now());
    const peers = () => this.file?.list() ?? [];
    const save = (peer: PairedPeer) => {
      if (!this.file) throw new Error('the peer link has not started');
      this.file.save(peer);
    };
    this.sync = new PeerSync({
      merchantId,
      terminalId,
      storage,
      peers,
      save,
      ownCertificate: () => this.tls?.cert ?? null,
      clock,
      log,
      onChange: options.onChange,
      kafkaOffline: options.kafkaOffline,
      knownOrders: () =>
        storage.orders
          .onScreenIds(new Date(clock.now() - VOID_KEPT_MS).toISOString())
          .slice(0, MAX_KNOWN_ORDERS)
          .map((orderId) => ({ orderId, version: storage.orders.get(orderId)?.appliedVersion ?? 0 })),
      applyOrders: (relayed) =>
        applyPeerOrders(storage, { merchantId, terminalId, ordersTopic: config.topics.orders }, relayed, clock.now()),
    });
    this.serverOptions = {
      host: config.peers.host,
      port: config.peers.port,
      merchantId,
      terminalId,
      pairing: this.pairing,
      peers,
      paired: (peer) => {
        this.sync.adopt(peer);
        options.onChange();
      },
      receive: (sender, events) => {
        const answer = applyPeerEvents(storage, sender, events, clock.now());
        this.sync.heardFrom(sender.terminalId, answer.applied);
        return answer;
      },
      relay: (sender, request) => {
        this.sync.heardFrom(sender.terminalId, 0);
        return relayOrders(storage, request, clock.now());
      },
      clock,
      log,
    };
  }

  /** Where the other terminals reach this one: peers.url, else the address it listens on. */
  get url(): string | undefined {
    return this.config.peers.url ?? this.listeningUrl;
  }

  async start(): Promise<void> {
    this.file = new PeerFile(this.config.dataDir);
    this.tls = await loadTlsPair('peers.tls', this.config.peers.tls, join(this.config.dataDir, 'peer-tls'), peerNames(this.config.peers));
    this.server = new PeerServer({ ...this.serverOptions, tls: this.tls });
    this.listeningUrl = await this.server.start();
    this.sync.start();
    const { discovery } = this.config.peers;
    if (discovery.enabled && this.url) {
      this.discovery = new PeerDiscovery(
        { merchantId: this.config.merchantId, terminalId: this.config.terminalId },
        discovery,
        this.options.log,
      );
      this.discovery.start(this.url, Number(new URL(this.url).port));
    }
  }

  async stop(): Promise<void> {
    await this.discovery?.stop();
    this.discovery = undefined;
    await this.sync.stop();
    await this.server?.stop();
  }

  /** This terminal made events: its peers are sent them now. */
  wake(): void {
    this.sync.wake();
  }

  issueCode(): { code: string; expiresAt: string; url: string | null } {
    const { code, expiresAt } = this.pairing.issue();
    return { code, expiresAt: new Date(expiresAt).toISOString(), url: this.url ?? null };
  }

  async pair(url: string, code: string): Promise<KitchenPeerView> {
    const own = this.url;
    if (!own) throw new Error('the peer link is not listening yet');
    const peer = await this.sync.pair(url, code, own);
    this.options.onChange();
    const view = this.views().find((candidate) => candidate.terminalId === peer.terminalId);
    if (!view) throw new Error(`peer ${peer.terminalId} was paired but is not listed`);
    return view;
  }

  unpair(terminalId: string): boolean {
    const forgotten = this.file?.remove(terminalId) ?? false;
    this.options.storage.transact((tx) => tx.peers.forget(terminalId));
    this.sync.refresh();
    this.options.onChange();
    return forgotten;
  }

  views(): KitchenPeerView[] {
    return this.sync.views();
  }

  summary(): { paired: number; reachable: number } {
    return this.sync.summary();
  }

  /** Terminals of the kitchen announcing themselves on the LAN that are not paired with this one. */
  found(): FoundPeer[] {
    const paired = new Set(this.views().map((peer) => peer.terminalId));
    return (this.discovery?.list() ?? []).filter((peer) => !paired.has(peer.terminalId));
  }
}
