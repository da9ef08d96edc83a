import type { Result, TicketDelta, TicketSnapshot } from '../../shared/app-api';
import type { CoreStatus } from '../../shared/core-status';
import type { KdsCore } from './kds-core';
import { KitchenActions, type ActionOutcome } from './kitchen/kitchen-actions';
import { TicketStream } from './tickets/ticket-stream';

/**
 * The one app API a screen uses, whatever carries it (Electron IPC or the web host):
 * a snapshot, ordered ticket deltas, status updates, and validated cook commands.
 */
export class AppService {
  readonly stream: TicketStream;
  private readonly actions: KitchenActions;
  private readonly statusListeners = new Set<(status: CoreStatus) => void>();
  private readonly detach: () => void;
  private readonly statusTimer: NodeJS.Timeout;
  private lastStatus = '';

  constructor(
    readonly core: KdsCore,
    coalesceMs?: number,
  ) {
    const { merchantId, terminalId, stations } = core.config;
    this.stream = new TicketStream(core.store, core.kitchen, stations, coalesceMs);
    this.actions = new KitchenActions(core.store, core.kitchen, core.outbox, { merchantId, terminalId, stations }, () => {
      // The core reports the changed orders to this stream; flushing now shows the tapping cook
      // the result at once, before the next coalesced delta.
      core.actionsSaved();
      this.stream.flush();
    });
    this.detach = core.onChange((orderIds) => {
      if (orderIds.length > 0) this.stream.invalidate(orderIds);
      else this.publishStatus();
    });
    // Lag and queue depths change without events of their own: look once a second, send on change.
    this.statusTimer = setInterval(() => this.publishStatus(), 1_000);
    this.statusTimer.unref();
  }

  private publishStatus(): void {
    if (this.statusListeners.size === 0) return;
    const status = this.core.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatus) return;
    this.lastStatus = json;
    for (const listener of this.statusListeners) listener(status);
  }

  snapshot(): TicketSnapshot {
    this.stream.flush();
    const { screen, terminalId, stations } = this.core.config;
    return { ...this.stream.snapshot(), status: this.core.status(), screen: { ...screen, terminalId, stations } };
  }

  execute(command: unknown): Result<ActionOutcome> {
    return this.actions.execute(command);
  }

  onDelta(listener: (delta: TicketDelta) => void): () => void {
    return this.stream.subscribe(listener);
  }

  onStatus(listener: (status: CoreStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    clearInterval(this.statusTimer);
    this.detach();
    this.stream.close();
    this.statusListeners.clear();
  }
}
