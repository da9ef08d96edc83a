import type { AppApi, Command, TicketDelta } from '../../shared/app-api';
import type { Ticket } from '../../shared/ticket';
import { MENU } from './menu';
import { StationCooks } from './platform-kitchen-cooks';
import type { TimeScale } from './platform-profiles';
import { seededRandom } from './random';

export interface KitchenBotOptions {
  /** The expo terminal (every station): renders, answers, and bumps whole tickets. */
  expo: AppApi;
  /** A station terminal (its stations): bumps its part when its lines are cooked. Absent: expo alone. */
  line?: AppApi;
  scale: TimeScale;
  seed: number;
  /** As the kitchen's quote assumes it (answers.cooksPerStation). */
  cooksPerStation: number;
  /** Expo's check and bagging after the last station, as the quote assumes it (answers.expoSeconds). */
  expoSeconds: number;
  /** Share of orders expo is too busy to answer for a long while (4 to 14 minutes): some miss a deadline. */
  slowAnswerShare: number;
  log: (line: string) => void;
}

/** What the bot did, for the bench's summary. */
export interface KitchenBotTally {
  accepted: number;
  rejected: number;
  cooked: number;
  refused: string[];
}

/** Cook time when an item is not on the simulator's menu (as the terminal's default cook time). */
const DEFAULT_COOK_SECONDS = 300;

/** A cook's real time around the menu's: log-normal, most near it, a tail of slow ones. */
function noisy(random: () => number, seconds: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return seconds * Math.exp(0.25 * normal);
}

/**
 * A kitchen played through the terminals' app API, as cooks and screens would: every ticket in a
 * snapshot or delta is reported rendered (the renderer's part); expo answers an order after a
 * human reaction time, accepting with the kitchen's own quote (prepQuote) or rejecting one that
 * has an 86'd line; stations cook its lines course by course and bump, expo bumps after its check.
 */
export class KitchenBot {
  private readonly random: () => number;
  private readonly cooks: StationCooks;
  private readonly answered = new Set<string>();
  /** Expo's newest view of each order: an answer looks at the ticket as it is then (an item 86'd meanwhile). */
  private readonly latest = new Map<string, Ticket>();
  private readonly cancelled = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Armed by eightySixOnNextOrder: minutes of the 86 due on the next order waiting for an answer. */
  private eightySixMinutes: number | null = null;
  readonly tally: KitchenBotTally = { accepted: 0, rejected: 0, cooked: 0, refused: [] };

  constructor(private readonly options: KitchenBotOptions) {
    this.random = seededRandom(options.seed);
    this.cooks = new StationCooks(options.cooksPerStation);
  }

  async start(): Promise<void> {
    const screens = [this.options.expo, ...(this.options.line ? [this.options.line] : [])];
    for (const api of screens) {
      const told = new Set<string>();
      const render = (tickets: readonly Ticket[]): void => {
        const fresh = tickets.map((ticket) => ticket.orderId).filter((orderId) => !told.has(orderId));
        for (const orderId of fresh) told.add(orderId);
        if (fresh.length > 0) void Promise.resolve(api.ticketsShown({ orderIds: fresh })).then((result) => this.refusedIf(result));
        if (api === this.options.expo) for (const ticket of tickets) this.onExpoTicket(ticket);
      };
      this.unsubscribe.push(api.on('delta', (delta: TicketDelta) => render(delta.upserts)));
      const snapshot = await api.snapshot(undefined);
      if (snapshot.ok) render(snapshot.value.tickets);
    }
  }

  /** The day is over: no more answers, cooking or bumps. */
  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.cooks.stop();
  }

  /**
   * The next order that comes in waiting for an answer finds an item of it out: expo 86s it for a
   * while (real minutes) before answering, so that order is rejected for it, every screen strikes
   * the item and the platform stops offering it until it is back.
   */
  eightySixOnNextOrder(realMinutes: number): void {
    this.eightySixMinutes = realMinutes;
  }

  private async eightySix(ticket: Ticket, realMinutes: number): Promise<void> {
    const item = ticket.items[0]?.name;
    if (item === undefined) return;
    this.options.log(`expo 86s ${item} for ${realMinutes} minutes, on order ${ticket.displayNumber} waiting for its answer`);
    await this.execute(this.options.expo, { type: 'SET_ITEM_AVAILABILITY', item, available: false });
    await this.cooks.delay(this.options.scale.wallMs(realMinutes));
    await this.execute(this.options.expo, { type: 'SET_ITEM_AVAILABILITY', item, available: true });
  }

  /** Pause the kitchen for a while (real minutes), then resume it by hand (a pause's own minutes run on the wall clock). */
  async pause(realMinutes: number): Promise<void> {
    this.options.log(`expo pauses the kitchen for ${realMinutes} minutes`);
    await this.execute(this.options.expo, { type: 'PAUSE_KITCHEN', minutes: 60 });
    await this.cooks.delay(this.options.scale.wallMs(realMinutes));
    await this.execute(this.options.expo, { type: 'RESUME_KITCHEN' });
  }

  private onExpoTicket(ticket: Ticket): void {
    this.latest.set(ticket.orderId, ticket);
    if (ticket.status === 'VOID') this.cancelled.add(ticket.orderId);
    if (this.answered.has(ticket.orderId) || ticket.status !== 'NEW') return;
    this.answered.add(ticket.orderId);
    const slow = this.random() < this.options.slowAnswerShare;
    const reactionMinutes = slow ? 4 + this.random() * 10 : 0.2 + this.random() * 0.8;
    void this.cooks.delay(this.options.scale.wallMs(reactionMinutes)).then(() => this.answer(ticket.orderId));
    if (this.eightySixMinutes !== null && ticket.acceptance !== null) {
      void this.eightySix(ticket, this.eightySixMinutes);
      this.eightySixMinutes = null;
    }
  }

  private async answer(orderId: string): Promise<void> {
    const ticket = this.latest.get(orderId);
    if (!ticket || this.cancelled.has(orderId)) return;
    if (ticket.acceptance !== null && ticket.unavailableLines.length > 0) {
      const rejected = await this.execute(this.options.expo, {
        type: 'REJECT_ORDER',
        orderId: ticket.orderId,
        reason: 'out of stock',
        outOfStockLineIds: ticket.unavailableLines,
      });
      if (rejected) this.tally.rejected += 1;
      return;
    }
    if (ticket.acceptance !== null) {
      const quote = await this.options.expo.prepQuote({ orderId: ticket.orderId });
      if (!this.refusedIf(quote) || !quote.ok) return;
      const accepted = await this.execute(this.options.expo, {
        type: 'ACCEPT_ORDER',
        orderId: ticket.orderId,
        prepMinutes: quote.value.minutes,
      });
      if (!accepted) return;
      this.tally.accepted += 1;
    }
    await this.cook(ticket);
  }

  /** Course by course, each line at its station and struck when done; the station's bump, then expo's after its check. */
  private async cook(ticket: Ticket): Promise<void> {
    const stations = this.options.line ?? this.options.expo;
    await this.execute(stations, { type: 'START', orderId: ticket.orderId });
    const courses = [...new Set(ticket.items.map((item) => item.course))].sort((a, b) => a - b);
    for (const course of courses) {
      const lines = ticket.items.filter((item) => item.course === course);
      await Promise.all(
        lines.map(async (item) => {
          const seconds = MENU.find((dish) => dish.name === item.name)?.prepSeconds ?? DEFAULT_COOK_SECONDS;
          await this.cooks.cook(item.station, this.options.scale.wallMs(noisy(this.random, seconds) / 60));
          // Struck as it is done, as a cook taps a line: the kitchen's load (and so its quotes) no longer counts it.
          if (!this.cancelled.has(ticket.orderId))
            await this.execute(stations, { type: 'ITEM_DONE', orderId: ticket.orderId, lineId: item.lineId });
        }),
      );
    }
    if (this.cancelled.has(ticket.orderId)) return;
    if (this.options.line) await this.execute(this.options.line, { type: 'BUMP', orderId: ticket.orderId });
    await this.cooks.delay(this.options.scale.wallMs(noisy(this.random, this.options.expoSeconds) / 60));
    if (await this.execute(this.options.expo, { type: 'BUMP', orderId: ticket.orderId })) this.tally.cooked += 1;
  }

  private async execute(api: AppApi, command: Command): Promise<boolean> {
    return this.refusedIf(await api.execute(command));
  }

  /** False (and noted) when the terminal refused: a cook's action that should have worked. */
  private refusedIf(result: { ok: true } | { ok: false; error: string }): boolean {
    if (result.ok) return true;
    this.tally.refused.push(result.error);
    if (this.tally.refused.length <= 5) this.options.log(`  the terminal refused an action: ${result.error}`);
    return false;
  }
}
