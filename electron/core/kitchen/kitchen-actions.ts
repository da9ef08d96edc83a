import { randomUUID } from 'node:crypto';
import type { ActionOutcome, Command, Result } from '../../../shared/app-api';
import type { KitchenEvent, KitchenEventType } from '../../../shared/kitchen-events';
import { DEFAULT_KITCHEN_ANSWERS, type KitchenAnswers as AnswerSettings } from '../../../shared/kitchen-answers';
import { DEFAULT_KITCHEN_TIMING, type KitchenTiming } from '../../../shared/kitchen-timing';
import { pacedBump } from '../kitchen-model/course-timing';
import { ownProgress, WHOLE_TICKET, type KitchenState } from '../kitchen-model/kitchen-state';
import { scopeAfterBump } from '../kitchen-model/reopen-after-bump';
import { actionTime } from '../kitchen-model/stamps';
import type { OrderRecord } from '../store/order-repository';
import { AnswerActions, isAnswerCommand } from './answer-actions';
import { queueOwnEvent } from './own-event';
import { isStorageFull, type Storage, type Tx } from '../store/storage';

/** The screen that acts: whose kitchen, which terminal, which stations it shows. */
export interface ActingScreen {
  merchantId: string;
  terminalId: string;
  /** Empty: an expo screen acting on whole tickets. */
  stations: readonly string[];
  /** Item timing and course pacing: a bump while a later course is held strikes the fired lines instead. */
  timing?: KitchenTiming;
  /** How the kitchen answers the platform (the quote's parameters). */
  answers?: AnswerSettings;
}

/**
 * Cook commands (validated by the app API's schema) turned into kitchen events and — in one
 * SQLite transaction — applied to the local state and added to the outbox. The screen updates
 * at once; publishing happens later, whatever the network.
 */
export class KitchenActions {
  private readonly answers: AnswerActions;

  constructor(
    private readonly storage: Storage,
    private readonly terminal: ActingScreen,
    /** The terminal's clock (lib/clock.ts, injected by tests). */
    private readonly clock: () => number,
  ) {
    const { merchantId, terminalId } = terminal;
    this.answers = new AnswerActions(
      { merchantId, terminalId, timing: terminal.timing ?? DEFAULT_KITCHEN_TIMING, answers: terminal.answers ?? DEFAULT_KITCHEN_ANSWERS },
      clock,
    );
  }

  execute(command: Command): Result<ActionOutcome> {
    try {
      return this.storage.transact((tx) => this.apply(tx, command));
    } catch (error) {
      if (isStorageFull(error)) return { ok: false, error: 'storage full: the action was not saved — free disk space on this terminal' };
      return { ok: false, error: `could not save the action: ${(error as Error).message}` };
    }
  }

  /** The scopes this terminal acts on for an order: its stations that have lines on it, or the whole ticket. */
  private scopesFor(order: OrderRecord): string[] {
    if (this.terminal.stations.length === 0) return [WHOLE_TICKET];
    const onOrder = new Set(order.snapshot?.items.map((item) => item.station));
    return this.terminal.stations.filter((station) => onOrder.has(station));
  }

  private apply(tx: Tx, command: Command): Result<ActionOutcome> {
    if (isAnswerCommand(command)) return this.answers.apply(tx, command);
    if (command.type === 'RECALL_LAST') {
      const scopes = this.terminal.stations.length === 0 ? [WHOLE_TICKET] : [...this.terminal.stations];
      const last = tx.kitchen.lastBumped(scopes);
      if (!last) return { ok: false, error: 'no bumped ticket to recall' };
      return this.emit(
        tx,
        last.orderId,
        last.scopes.map((scope) => ({ type: 'TICKET_RECALLED', scope })),
      );
    }
    const order = tx.orders.get(command.orderId);
    if (!order) return { ok: false, error: `unknown order ${command.orderId}` };
    const scopes = this.scopesFor(order);
    if (scopes.length === 0)
      return { ok: false, error: `order ${command.orderId} has nothing for station ${this.terminal.stations.join(', ')}` };
    const kitchen = tx.kitchen.state(command.orderId);
    const of = (scope: string) => ownProgress(kitchen, scope);
    switch (command.type) {
      case 'START':
        return this.emit(
          tx,
          order.orderId,
          scopes.filter((scope) => of(scope).startedAt === null).map((scope) => ({ type: 'TICKET_STARTED', scope })),
        );
      case 'BUMP':
        return this.bump(tx, order, kitchen, scopes);
      case 'ACK_VOID':
        if (order.status !== 'CANCELLED') return { ok: false, error: `order ${command.orderId} is not void` };
        return this.emit(
          tx,
          order.orderId,
          scopes.filter((scope) => !of(scope).voidAcknowledged).map((scope) => ({ type: 'VOID_ACKNOWLEDGED', scope })),
        );
      case 'FIRE_COURSE': {
        if (!order.snapshot?.items.some((item) => item.course === command.course))
          return { ok: false, error: `order ${command.orderId} has no course ${command.course}` };
        if (kitchen.courseFiredAt?.has(command.course)) return { ok: true, value: { orderId: order.orderId, eventIds: [] } };
        return this.emit(tx, order.orderId, [{ type: 'COURSE_FIRED', scope: WHOLE_TICKET, course: command.course }]);
      }
      case 'ITEM_DONE':
      case 'ITEM_UNDONE': {
        const line = order.snapshot?.items.find((item) => item.lineId === command.lineId);
        if (!line) return { ok: false, error: `order ${command.orderId} has no line ${command.lineId}` };
        if (this.terminal.stations.length > 0 && !this.terminal.stations.includes(line.station))
          return { ok: false, error: `line ${command.lineId} belongs to station ${line.station}` };
        return this.emit(tx, order.orderId, [{ type: command.type, scope: line.station, lineId: line.lineId }]);
      }
    }
  }

  /**
   * A bump covers the version on screen: it acts on the scopes still open (a scope bumped before
   * a later change is bumped again), unless course pacing holds a later course.
   */
  private bump(tx: Tx, order: OrderRecord, kitchen: KitchenState, scopes: readonly string[]): Result<ActionOutcome> {
    const paced = pacedBump(order, kitchen, scopes, this.terminal.timing, this.clock());
    if (paced.kind === 'held')
      return {
        ok: false,
        error: `the next course of ${order.snapshot?.displayNumber ?? order.orderId} is not fired yet: fire it, or wait`,
      };
    if (paced.kind === 'strike')
      return this.emit(
        tx,
        order.orderId,
        paced.lines.map((item) => ({ type: 'ITEM_DONE', scope: item.station, lineId: item.lineId })),
      );
    const snapshotAt = (version: number) => tx.orders.snapshotAt(order.orderId, version);
    const open = scopes.filter((scope) => scopeAfterBump(order, kitchen, scope, snapshotAt).open);
    return this.emit(
      tx,
      order.orderId,
      open.map((scope) => ({ type: 'TICKET_BUMPED', scope, orderVersion: order.appliedVersion })),
    );
  }

  private emit(
    tx: Tx,
    orderId: string,
    actions: { type: KitchenEventType; scope: string; lineId?: string; orderVersion?: number; course?: number }[],
  ): Result<ActionOutcome> {
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
        ...(action.orderVersion === undefined ? {} : { orderVersion: action.orderVersion }),
        ...(action.course === undefined ? {} : { course: action.course }),
        occurredAt: this.occurredAt(tx, orderId),
      };
      if (tx.kitchen.apply(event)) tx.changes.kitchenOf(orderId);
      queueOwnEvent(tx, event, this.clock());
      eventIds.push(event.eventId);
    }
    return { ok: true, value: { orderId, eventIds } };
  }

  /** Stamped after the newest kitchen event known for the order (kitchen-model/stamps.ts: actionTime). */
  private occurredAt(tx: Tx, orderId: string): string {
    return new Date(actionTime(this.clock(), tx.kitchen.latestStamp(orderId))).toISOString();
  }
}
