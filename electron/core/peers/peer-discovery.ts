import { Bonjour, type Browser, type Service, type ServiceConfig } from 'bonjour-service';
import { z } from 'zod';
import type { Log } from '../lib/log';
import { loggable } from '../lib/log-text';

/** The DNS-SD service type kitchen terminals announce: `_kds-peer._tcp`. */
export const PEER_SERVICE_TYPE = 'kds-peer';

/** Where mDNS listens: the network's own (5353, every interface) unless a test or a site says otherwise. */
export interface DiscoverySettings {
  /** The interface address to announce and listen on (e.g. 127.0.0.1 in tests); absent: every interface. */
  interface?: string;
  port: number;
}

/** A terminal of this kitchen found on the LAN, not necessarily paired. */
export interface FoundPeer {
  terminalId: string;
  url: string;
}

/** What another terminal announces in its TXT record: checked, since anything on the LAN may announce. */
const announcementSchema = z.object({
  merchant: z.string().min(1).max(128),
  terminal: z.string().min(1).max(128),
  url: z.url({ protocol: /^https?$/ }).max(300),
});

/**
 * Finds the kitchen's other terminals on the LAN with mDNS/DNS-SD (bonjour-service) and
 * announces this one, so support picks an address instead of typing it. Only a hint: pairing
 * (with its code) is what makes a peer, so an announcement cannot make this terminal trust
 * anyone. A network that blocks multicast simply finds nothing; addresses can still be typed.
 */
export class PeerDiscovery {
  private bonjour: Bonjour | undefined;
  private browser: Browser | undefined;
  private readonly found = new Map<string, FoundPeer>();

  constructor(
    private readonly own: { merchantId: string; terminalId: string },
    private readonly settings: DiscoverySettings,
    private readonly log: Log,
  ) {}

  start(url: string, port: number): void {
    const multicast = {
      port: this.settings.port,
      ...(this.settings.interface ? { interface: this.settings.interface, bind: '224.0.0.251' } : {}),
    };
    // bonjour-service hands these to multicast-dns; its own type names only the service's fields.
    const bonjour = new Bonjour(multicast as unknown as Partial<ServiceConfig>, (error: Error) =>
      this.log('warn', `kitchen peers: mDNS discovery stopped (${loggable(error.message)}); addresses can still be typed`),
    );
    this.bonjour = bonjour;
    bonjour.publish({
      name: `${this.own.terminalId}.${this.own.merchantId}`.slice(0, 63),
      type: PEER_SERVICE_TYPE,
      port,
      txt: { merchant: this.own.merchantId, terminal: this.own.terminalId, url },
      disableIPv6: true,
    });
    this.browser = bonjour.find({ type: PEER_SERVICE_TYPE });
    this.browser.on('up', (service: Service) => this.noteUp(service));
    this.browser.on('down', (service: Service) => this.noteDown(service));
  }

  stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    this.browser?.stop();
    this.browser = undefined;
    this.found.clear();
    if (!bonjour) return Promise.resolve();
    return new Promise((resolve) => bonjour.unpublishAll(() => bonjour.destroy(() => resolve())));
  }

  /** The kitchen's terminals announcing themselves now, this one left out. */
  list(): FoundPeer[] {
    return [...this.found.values()].sort((a, b) => a.terminalId.localeCompare(b.terminalId));
  }

  private announcement(service: Service): FoundPeer | undefined {
    const parsed = announcementSchema.safeParse(service.txt);
    if (!parsed.success) return undefined;
    const { merchant, terminal, url } = parsed.data;
    if (merchant !== this.own.merchantId || terminal === this.own.terminalId) return undefined;
    return { terminalId: terminal, url };
  }

  private noteUp(service: Service): void {
    const peer = this.announcement(service);
    if (peer) this.found.set(peer.terminalId, peer);
  }

  private noteDown(service: Service): void {
    const peer = this.announcement(service);
    if (peer) this.found.delete(peer.terminalId);
  }
}
