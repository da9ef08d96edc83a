/**
 * What a committed change touched: orders (order events applied), kitchen state (cooks'
 * actions from any screen) and the terminal's status (offsets, queues, connection).
 */
export interface CoreChange {
  orders: readonly string[];
  kitchen: readonly string[];
  status: boolean;
  /** An event was queued for a retry or parked behind a gap: the retry worker has work to schedule. */
  retry: boolean;
  /** This terminal queued its own kitchen event: the outbox publisher and the kitchen's peers have it to send. */
  outbox: boolean;
}

export type ChangeListener = (change: CoreChange) => void;

/**
 * The core's one change feed. Changes are announced by the code that commits them, after the
 * commit, so a listener never sees state that a rollback could take back.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: Partial<CoreChange>): void {
    const full: CoreChange = {
      orders: change.orders ?? [],
      kitchen: change.kitchen ?? [],
      status: change.status ?? false,
      retry: change.retry ?? false,
      outbox: change.outbox ?? false,
    };
    if (full.orders.length === 0 && full.kitchen.length === 0 && !full.status) return;
    for (const listener of this.listeners) listener(full);
  }

  statusChanged(): void {
    this.emit({ status: true });
  }
}

/** Collects what one transaction touches; emitted only once it has committed. */
export class ChangeSet {
  readonly orders = new Set<string>();
  readonly kitchen = new Set<string>();
  status = false;
  retry = false;
  outbox = false;

  order(orderId: string): void {
    this.orders.add(orderId);
    this.status = true;
  }

  /** Queued or parked: the queue depth on the status bar changes, and the retry worker must look. */
  retryWork(): void {
    this.retry = true;
    this.status = true;
  }

  /** An own kitchen event to publish and to send to peers: the outbox on the status bar changes too. */
  ownEventQueued(): void {
    this.outbox = true;
    this.status = true;
  }

  kitchenOf(orderId: string): void {
    this.kitchen.add(orderId);
  }

  toChange(): Partial<CoreChange> {
    return { orders: [...this.orders], kitchen: [...this.kitchen], status: this.status, retry: this.retry, outbox: this.outbox };
  }
}
