import type { AppApiEvents, EventName, EventPayload } from '../../../../shared/app-api';
import type { CoreStatus } from '../../../../shared/core-status';
import type { Clock } from '../../lib/clock';
import { SupervisedLoop, type LoopOptions } from '../../lib/supervised-loop';
import type { TicketStream } from '../../tickets/ticket-stream';
import type { TerminalStatus } from '../terminal-status';

/** Status pushes are coalesced like ticket deltas: a draining backlog changes lag constantly. */
const STATUS_COALESCE_MS = 250;

export interface PushedEventsOptions {
  stream: TicketStream;
  status: TerminalStatus;
  clock: Clock;
  /** Added to every delta's sequence number (see CoreServices.seqBase). */
  seqBase: number;
  onError: LoopOptions['onError'];
  onRecovered?: LoopOptions['onRecovered'];
}

/** The table's pushed events: ticket deltas from the stream, and the status, pushed (coalesced) after anything changed it. */
export class PushedEvents implements AppApiEvents {
  private readonly statusListeners = new Set<(status: CoreStatus) => void>();
  private readonly statusPush: SupervisedLoop;

  constructor(private readonly options: PushedEventsOptions) {
    this.statusPush = new SupervisedLoop({
      name: 'status push',
      tick: () => {
        if (this.statusListeners.size > 0) {
          const current = options.status.current();
          for (const listener of this.statusListeners) listener(current);
        }
        return 'idle';
      },
      clock: options.clock,
      onError: options.onError,
      onRecovered: options.onRecovered,
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (event === 'delta') {
      const base = this.options.seqBase;
      const deltaListener = listener as (payload: EventPayload<'delta'>) => void;
      return this.options.stream.subscribe((delta) => deltaListener(base === 0 ? delta : { ...delta, seq: delta.seq + base }));
    }
    const statusListener = listener as (payload: EventPayload<'status'>) => void;
    this.statusListeners.add(statusListener);
    return () => this.statusListeners.delete(statusListener);
  }

  /** Something the status shows may have changed: push it within the coalescing window. */
  statusChanged(): void {
    this.statusPush.wake(STATUS_COALESCE_MS);
  }

  start(): void {
    this.statusPush.start();
  }

  async stop(): Promise<void> {
    this.statusListeners.clear();
    await this.statusPush.stop();
  }
}
