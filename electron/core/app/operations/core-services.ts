import { API_REQUESTS, type AppApiHandlers, type RequestName, type Result } from '../../../../shared/app-api';
import type { KdsConfig } from '../../../../shared/config';
import type { OutboxPublisher } from '../../kafka/outbox-publisher';
import type { TopicConsumer } from '../../kafka/topic-consumer';
import type { KitchenActions } from '../../kitchen/kitchen-actions';
import type { Clock } from '../../lib/clock';
import type { Log } from '../../lib/log';
import type { RecentLog } from '../../lib/recent-log';
import type { Storage } from '../../store/storage';
import type { TicketStream } from '../../tickets/ticket-stream';
import type { TerminalStatus } from '../terminal-status';

/**
 * A feature module's part of the app API: the handlers of its rows of the table in
 * shared/app-api.ts, each given input the transport has validated (api-dispatch.ts).
 */
export type Operations<K extends RequestName> = Pick<AppApiHandlers, K>;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** What the core's feature modules work with, built by the composition root (terminal.ts). Each module picks what it needs. */
export interface CoreServices {
  readonly config: KdsConfig;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Log;
  /** The terminal's recent log lines, for the support export. */
  readonly recentLog: RecentLog;
  readonly stream: TicketStream;
  readonly status: TerminalStatus;
  readonly actions: KitchenActions;
  readonly publisher: Pick<OutboxPublisher, 'wake'>;
  readonly orderConsumer: Pick<TopicConsumer, 'replayFrom'>;
  /** A support action's PIN (support-pin.ts): undefined when it may go ahead, else the refusal. */
  pinRefusal(pin: string, action: string): Result<never> | undefined;
  /** Added to the ticket sequence, so a restarted core's sequence continues its predecessor's (terminal-runner.ts). */
  readonly seqBase: number;
}

/** Every operation of the table except `handledElsewhere`, in the table's order. */
export function requestsExcept<K extends RequestName>(handledElsewhere: readonly K[]): Exclude<RequestName, K>[] {
  return API_REQUESTS.filter((name): name is Exclude<RequestName, K> => !(handledElsewhere as readonly RequestName[]).includes(name));
}

/**
 * The same handler for every operation in `names`, told which one it serves: how the runner and
 * the worker's host pass operations on to the core behind them, with no code per operation.
 */
export function forwarded<K extends RequestName>(
  names: readonly K[],
  forward: (name: K, input: unknown) => Result<unknown> | Promise<Result<unknown>>,
): Operations<K> {
  return Object.fromEntries(names.map((name) => [name, (input: unknown) => forward(name, input)])) as unknown as Operations<K>;
}
