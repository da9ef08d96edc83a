import { randomUUID } from 'node:crypto';
import { commandSchema, type Command, type Result } from '../../../shared/app-api';
import type { KitchenEvent, KitchenEventType } from '../../../shared/kitchen-events';
import { describeZodError } from '../../../shared/order-events';
import type { IngestStore, OrderRecord } from '../store/ingest-store';
import { NO_PROGRESS, stampTime, WHOLE_TICKET } from './kitchen-state';
import type { KitchenStore } from './kitchen-store';
import type { OutboxStore } from './outbox-store';

export interface Terminal {
  merchantId: string;
  terminalId: string;
  /** Empty: an expo screen acting on whole tickets. */
  stations: readonly string[];
}

export interface ActionOutcome {
  orderId: string | null;
  /** The kitchen events this action produced, in publishing order (none when nothing changed). */
  eventIds: string[];
}

/**
 * Cook commands from any screen of this terminal: validated with the contract's schema, turned
 * into kitchen events, and — in one SQLite transaction — applied to the local state and added
 * to the outbox. The screen updates at once; publishing happens later, whatever the network.
 */
export class KitchenActions {
  constructor(
    private readonly orders: IngestStore,
    private readonly kitchen: KitchenStore,
    private readonly outbox: OutboxStore,
    private readonly terminal: Terminal,
    private readonly onSaved: (outcome: ActionOutcome) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  execute(input: unknown): Result<ActionOutcome> {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: `invalid command: ${describeZodError(parsed.error)}` };
    let result: Result<ActionOutcome>;
    try {
      result = this.kitchen.db.transaction(() => this.apply(parsed.data))();
    } catch (error) {
      return { ok: false, error: `could not save the action: ${(error as Error).message}` };
    }
    if (result.ok) this.onSaved(result.value);
    return result;
  }

  /** The scopes this terminal acts on for an order: its stations that have lines on it, or the whole ticket. */
  private scopesFor(order: OrderRecord): string[] {
    if (this.terminal.stations.length === 0) return [WHOLE_TICKET];
    const onOrder = new Set(order.snapshot?.items.map((item) => item.station));
    return this.terminal.stations.filter((station) => onOrder.has(station));
  }

  private apply(command: Command): Result<ActionOutcome> {
    if (command.type === 'RECALL_LAST') {
      const scopes = this.terminal.stations.length === 0 ? [WHOLE_TICKET] : [...this.terminal.stations];
      const last = this.kitchen.lastBumped(scopes);
      if (!last) return { ok: false, error: 'no bumped ticket to recall' };
      return this.emit(
        last.orderId,
        last.scopes.map((scope) => ({ type: 'TICKET_RECALLED', scope })),
      );
    }
    const order = this.orders.getOrder(command.orderId);
    if (!order) return { ok: false, error: `unknown order ${command.orderId}` };
    const scopes = this.scopesFor(order);
    if (scopes.length === 0)
      return { ok: false, error: `order ${command.orderId} has nothing for station ${this.terminal.stations.join(', ')}` };
    const progress = this.kitchen.state(command.orderId).scopes;
    const of = (scope: string) => progress.get(scope) ?? NO_PROGRESS;
    switch (command.type) {
      case 'START':
        return this.emit(
          order.orderId,
          scopes.filter((scope) => of(scope).startedAt === null).map((scope) => ({ type: 'TICKET_STARTED', scope })),
        );
      case 'BUMP':
        return this.emit(
          order.orderId,
          scopes.filter((scope) => !of(scope).bumped).map((scope) => ({ type: 'TICKET_BUMPED', scope })),
        );
      case 'ACK_VOID':
        if (order.status !== 'CANCELLED') return { ok: false, error: `order ${command.orderId} is not void` };
        return this.emit(
          order.orderId,
          scopes.filter((scope) => !of(scope).voidAcknowledged).map((scope) => ({ type: 'VOID_ACKNOWLEDGED', scope })),
        );
      case 'ITEM_DONE':
      case 'ITEM_UNDONE': {
        const line = order.snapshot?.items.find((item) => item.lineId === command.lineId);
        if (!line) return { ok: false, error: `order ${command.orderId} has no line ${command.lineId}` };
        if (this.terminal.stations.length > 0 && !this.terminal.stations.includes(line.station))
          return { ok: false, error: `line ${command.lineId} belongs to station ${line.station}` };
        return this.emit(order.orderId, [{ type: command.type, scope: line.station, lineId: line.lineId }]);
      }
    }
  }

  private emit(orderId: string, actions: { type: KitchenEventType; scope: string; lineId?: string }[]): Result<ActionOutcome> {
    const eventIds: string[] = [];
    for (const action of actions) {
      const event: KitchenEvent = {
        eventId: randomUUID(),
        type: action.type,
        orderId,
        merchantId: this.terminal.merchantId,
        terminalId: this.terminal.terminalId,
        ...(action.scope === WHOLE_TICKET ? {} : { station: action.scope }),
        ...(action.lineId === undefined ? {} : { lineId: action.lineId }),
        occurredAt: this.occurredAt(orderId),
      };
      this.kitchen.apply(event);
      this.outbox.add(event, Date.now());
      eventIds.push(event.eventId);
    }
    return { ok: true, value: { orderId, eventIds } };
  }

  /**
   * Never before the newest kitchen event known for the order: an action taken after seeing
   * another screen's action must win over it, even when this terminal's clock runs behind.
   */
  private occurredAt(orderId: string): string {
    const latest = this.kitchen.latestStamp(orderId);
    const after = latest === null ? 0 : stampTime(latest) + 1;
    return new Date(Math.max(this.clock().getTime(), after)).toISOString();
  }
}
