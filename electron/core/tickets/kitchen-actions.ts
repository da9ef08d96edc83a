import { commandSchema, type Command, type Result } from '../../../shared/app-api';
import { describeZodError } from '../../../shared/order-events';
import type { IngestStore } from '../store/ingest-store';
import type { KitchenStore } from './kitchen-store';
import type { TicketStream } from './ticket-stream';

/**
 * Cook commands from any screen: validated with the contract's schema, written to SQLite in
 * one transaction, and reflected on the screen at once (the stream is flushed immediately).
 */
export class KitchenActions {
  constructor(
    private readonly orders: IngestStore,
    private readonly kitchen: KitchenStore,
    private readonly stream: TicketStream,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  execute(input: unknown): Result<{ orderId: string | null }> {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: `invalid command: ${describeZodError(parsed.error)}` };
    const command = parsed.data;
    let result: Result<{ orderId: string | null }>;
    try {
      result = this.kitchen.db.transaction(() => this.apply(command))();
    } catch (error) {
      return { ok: false, error: `could not save the action: ${(error as Error).message}` };
    }
    if (result.ok && result.value.orderId) {
      this.stream.invalidate([result.value.orderId]);
      this.stream.flush();
    }
    return result;
  }

  private apply(command: Command): Result<{ orderId: string | null }> {
    const now = this.clock().toISOString();
    if (command.type === 'RECALL_LAST') {
      const orderId = this.kitchen.lastBumped();
      if (!orderId) return { ok: false, error: 'no bumped ticket to recall' };
      this.kitchen.save(orderId, { ...this.kitchen.state(orderId), bumpedAt: null }, now);
      return { ok: true, value: { orderId } };
    }
    const order = this.orders.getOrder(command.orderId);
    if (!order) return { ok: false, error: `unknown order ${command.orderId}` };
    const state = this.kitchen.state(command.orderId);
    switch (command.type) {
      case 'START':
        this.kitchen.save(command.orderId, { ...state, startedAt: state.startedAt ?? now }, now);
        break;
      case 'BUMP':
        this.kitchen.save(command.orderId, { ...state, startedAt: state.startedAt ?? now, bumpedAt: now }, now);
        break;
      case 'ACK_VOID':
        if (order.status !== 'CANCELLED') return { ok: false, error: `order ${command.orderId} is not void` };
        this.kitchen.save(command.orderId, { ...state, voidAcknowledged: true }, now);
        break;
      case 'ITEM_DONE':
      case 'ITEM_UNDONE':
        if (!order.snapshot?.items.some((item) => item.lineId === command.lineId))
          return { ok: false, error: `order ${command.orderId} has no line ${command.lineId}` };
        this.kitchen.setItemDone(command.orderId, command.lineId, command.type === 'ITEM_DONE', now);
        break;
    }
    return { ok: true, value: { orderId: command.orderId } };
  }
}
