import {
  FLEET_STATUSES,
  type FleetSample,
  type FleetStatus,
  type FleetTerminal,
  type FleetTerminalDetail,
  type FleetView,
} from '../shared/fleet';
import { healthKey, type TerminalHealth } from '../shared/terminal-health';
import { judge, remember, SILENT_ALERT_AFTER_MS, type Judgement, type TerminalMemory } from './terminal-status';
import { UnseenOrders } from './unseen-orders';

const HISTORY_MINUTES = 60;
/** Per sample: online (0/1), total lag (NaN: unknown), outbox, dead letters, unseen orders. */
const FIELDS = 5;
const MAX_MERCHANTS_LISTED = 1_000;
/** Where a kitchen known only from its orders is listed: no terminal id was ever reported. */
export const NO_TERMINAL = '(none reporting)';

interface Entry extends TerminalMemory {
  key: string;
  merchantId: string;
  terminalId: string;
  /** The last hour, one sample a minute, as a ring; null until the first sample. Float32: 50,000 terminals × 60 samples stay small. */
  history: Float32Array | null;
}

export interface JudgedTerminal {
  entry: Readonly<Entry>;
  judgement: Judgement;
  unseenOrders: number;
  secondsSinceHealth: number | null;
  silentForAlert: boolean;
}

/**
 * The fleet as the service knows it: every terminal's last health record (from the compacted
 * topic), kitchens known only from their orders, unseen orders per merchant, and the last hour.
 * Time is the service's own (`now` passed in): a terminal's clock only labels its record.
 */
export class FleetState {
  private readonly entries = new Map<string, Entry>();
  private readonly byMerchant = new Map<string, Set<string>>();
  /** Per merchant with no terminal online: orders placed since its last one went away. */
  private readonly ordersWhileOffline = new Map<string, number>();
  /** The history ring's minute stamps, shared by every terminal (sampled together). */
  private readonly minutes: number[] = [];
  private sampleIndex = -1;
  readonly unseen: UnseenOrders;
  healthRecords = 0;
  refusedRecords = 0;

  constructor(unseen = new UnseenOrders()) {
    this.unseen = unseen;
  }

  get size(): number {
    return this.entries.size;
  }

  applyHealth(health: TerminalHealth, receivedAt: number): void {
    this.healthRecords += 1;
    const key = healthKey(health.merchantId, health.terminalId);
    const previous = this.entries.get(key);
    const memory = remember(previous, health, receivedAt);
    this.entries.set(key, {
      ...memory,
      key,
      merchantId: health.merchantId,
      terminalId: health.terminalId,
      history: previous?.history ?? null,
    });
    this.index(health.merchantId, key);
    this.entries.delete(healthKey(health.merchantId, NO_TERMINAL));
    this.byMerchant.get(health.merchantId)?.delete(healthKey(health.merchantId, NO_TERMINAL));
    if (health.state === 'running' && health.connection.state === 'online') this.ordersWhileOffline.delete(health.merchantId);
  }

  /** A tombstone: the platform removed the terminal. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.byMerchant.get(entry.merchantId)?.delete(key);
  }

  orderPlaced(orderId: string, merchantId: string, placedAt: number, now: number): void {
    this.unseen.placed(orderId, merchantId, placedAt);
    if (!this.merchantOnline(merchantId, now)) this.ordersWhileOffline.set(merchantId, (this.ordersWhileOffline.get(merchantId) ?? 0) + 1);
    if (!this.byMerchant.get(merchantId)?.size) {
      const key = healthKey(merchantId, NO_TERMINAL);
      this.entries.set(key, {
        key,
        merchantId,
        terminalId: NO_TERMINAL,
        health: null,
        receivedAt: now,
        lagNotFallingSince: null,
        deadLettersRoseAt: null,
        history: null,
      });
      this.index(merchantId, key);
    }
  }

  orderSettled(orderId: string, at: number): void {
    this.unseen.settled(orderId, at);
  }

  /** Every terminal judged at `now`, worst first. */
  judgeAll(now: number): JudgedTerminal[] {
    const unseen = this.unseen.byMerchant(now);
    const judged: JudgedTerminal[] = [];
    for (const entry of this.entries.values()) {
      const unseenOrders = unseen.get(entry.merchantId) ?? 0;
      const judgement = judge(entry, unseenOrders, now);
      const quiet = now - entry.receivedAt;
      judged.push({
        entry,
        judgement,
        unseenOrders,
        secondsSinceHealth: entry.health ? quiet / 1000 : null,
        silentForAlert: entry.health !== null && entry.health.state !== 'stopped' && quiet > SILENT_ALERT_AFTER_MS,
      });
    }
    return judged.sort((a, b) => b.judgement.trouble - a.judgement.trouble);
  }

  unseenByMerchant(now: number): Map<string, number> {
    return this.unseen.byMerchant(now);
  }

  /** Merchants that received orders while none of their terminals was online (cleared when one reports online). */
  offlineOrders(now: number): Map<string, number> {
    for (const merchantId of this.ordersWhileOffline.keys())
      if (this.merchantOnline(merchantId, now)) this.ordersWhileOffline.delete(merchantId);
    return new Map(this.ordersWhileOffline);
  }

  view(now: number, merchant: string | null, limit: number): FleetView {
    const judged = this.judgeAll(now);
    const byStatus = Object.fromEntries(FLEET_STATUSES.map((s) => [s, 0])) as Record<FleetStatus, number>;
    const merchants: string[] = [];
    const listed = new Set<string>();
    let unseenOrders = 0;
    for (const terminal of judged) {
      byStatus[terminal.judgement.status] += 1;
      if (!listed.has(terminal.entry.merchantId)) {
        listed.add(terminal.entry.merchantId);
        unseenOrders += terminal.unseenOrders;
        if (merchants.length < MAX_MERCHANTS_LISTED) merchants.push(terminal.entry.merchantId);
      }
    }
    const shown = judged.filter((t) => merchant === null || t.entry.merchantId === merchant).slice(0, limit);
    return {
      at: new Date(now).toISOString(),
      totals: { terminals: judged.length, byStatus, unseenOrders },
      merchants,
      terminals: shown.map((t) => this.describe(t)),
    };
  }

  detail(key: string, now: number): FleetTerminalDetail | undefined {
    const terminal = this.judgeAll(now).find((t) => t.entry.key === key);
    if (!terminal) return undefined;
    return { terminal: this.describe(terminal), history: this.historyOf(terminal.entry) };
  }

  /** Takes this minute's sample of every terminal (called once a minute). */
  sample(now: number): void {
    const judged = this.judgeAll(now);
    this.sampleIndex = (this.sampleIndex + 1) % HISTORY_MINUTES;
    this.minutes[this.sampleIndex] = now;
    for (const { entry, judgement, unseenOrders } of judged) {
      const health = entry.health;
      const online = judgement.status !== 'offline' && judgement.status !== 'silent' && judgement.status !== 'stopped';
      const values = [
        online ? 1 : 0,
        health?.lag.total ?? Number.NaN,
        health?.outbox.pending ?? 0,
        health?.deadLetters.count ?? 0,
        unseenOrders,
      ];
      const mutable = entry as Entry;
      if (!mutable.history) {
        // Minutes before a terminal was first sampled stay NaN (unknown), not zero.
        mutable.history = new Float32Array(HISTORY_MINUTES * FIELDS).fill(Number.NaN);
      }
      mutable.history.set(values, this.sampleIndex * FIELDS);
    }
  }

  private historyOf(entry: Readonly<Entry>): FleetSample[] {
    const samples: FleetSample[] = [];
    if (!entry.history || this.sampleIndex < 0) return samples;
    for (let i = 1; i <= HISTORY_MINUTES; i++) {
      const slot = (this.sampleIndex + i) % HISTORY_MINUTES;
      const at = this.minutes[slot];
      const base = slot * FIELDS;
      const online = entry.history[base];
      if (at === undefined || online === undefined || Number.isNaN(online)) continue;
      const value = (offset: number) => entry.history?.[base + offset] ?? 0;
      samples.push({
        at: new Date(at).toISOString(),
        online: online === 1,
        totalLag: Number.isNaN(value(1)) ? null : value(1),
        outboxPending: value(2),
        deadLetters: value(3),
        unseenOrders: value(4),
      });
    }
    return samples;
  }

  private describe(terminal: JudgedTerminal): FleetTerminal {
    const { entry, judgement } = terminal;
    return {
      key: entry.key,
      merchantId: entry.merchantId,
      terminalId: entry.terminalId,
      status: judgement.status,
      problems: judgement.problems,
      trouble: Math.round(judgement.trouble),
      lastHealthAt: entry.health?.at ?? null,
      secondsSinceHealth: terminal.secondsSinceHealth === null ? null : Math.round(terminal.secondsSinceHealth),
      unseenOrders: terminal.unseenOrders,
      health: entry.health,
    };
  }

  private merchantOnline(merchantId: string, now: number): boolean {
    for (const key of this.byMerchant.get(merchantId) ?? []) {
      const entry = this.entries.get(key);
      if (!entry?.health) continue;
      const status = judge(entry, 0, now).status;
      if (status !== 'offline' && status !== 'silent' && status !== 'stopped') return true;
    }
    return false;
  }

  private index(merchantId: string, key: string): void {
    let keys = this.byMerchant.get(merchantId);
    if (!keys) this.byMerchant.set(merchantId, (keys = new Set()));
    keys.add(key);
  }
}
