import type { AppApi, EventName, EventPayload, Result, TicketSnapshot } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import type { CoreStatus } from '../../../shared/core-status';
import { OrderDetailClient } from '../enrich/order-detail-client';
import { processRecord, type ProcessorContext } from '../ingest/record-processor';
import { BrokerProbe } from '../kafka/broker-probe';
import { testKafkaConnection } from '../kafka/connection-test';
import { checkTopics } from '../kafka/environment-guard';
import type { Log } from '../kafka/kafka-client';
import { KafkaPublishTransport, OutboxPublisher } from '../kafka/outbox-publisher';
import { merchantPartitions } from '../kafka/merchant-partitions';
import { MerchantRouting } from '../kafka/merchant-routing';
import { consumerGroupId, TopicConsumer } from '../kafka/topic-consumer';
import { KitchenActions } from '../kitchen/kitchen-actions';
import { auditTimeline } from './audit-timeline';
import { localDay, speedOfService, speedOfServiceCsv } from './speed-of-service';
import { processKitchenRecord } from '../kitchen/kitchen-record';
import { systemClock, type Clock } from '../lib/clock';
import { SupervisedLoop } from '../lib/supervised-loop';
import { RetryWorker } from '../retry/retry-worker';
import { Housekeeping } from '../store/housekeeping';
import { ChangeFeed } from '../store/change-feed';
import { Storage } from '../store/storage';
import { TicketStream } from '../tickets/ticket-stream';
import { RecentLog } from '../lib/recent-log';
import { redactedConfig, withoutDataFolder } from './diagnostics-export';
import { FaultBoard } from './fault-board';
import { KDS_VERSION } from '../../../shared/product';
import { PinAttempts } from './pin-attempts';
import { ScreenAccess } from './screen-access';
import { TerminalStatus } from './terminal-status';

export interface TerminalOptions {
  log?: Log;
  /** Longest wait before a ticket change is pushed (bursts are coalesced into one delta). */
  coalesceMs?: number;
  clock?: Clock;
  /** Screen access kept across restarts of the core (the web host holds it); else opened from the data folder. */
  access?: ScreenAccess;
  /** The support PIN's attempt limit, kept across restarts of the core (its runner holds it); else a new one. */
  pinAttempts?: PinAttempts;
}

/** A running kitchen terminal: its app API for any transport, and an ordered, awaited stop. */
export interface Terminal {
  readonly config: KdsConfig;
  readonly api: AppApi;
  /** Who may use this terminal's web host (its screens' token and pairing codes). */
  readonly access: ScreenAccess;
  /** The status now, synchronously (for command-line tools and tests; screens use the API). */
  status(): CoreStatus;
  stop(): Promise<void>;
}

/** Support actions need the diagnostics PIN, checked within the terminal's attempt limit; without one configured they are off. */
export function supportPinRefusal(config: KdsConfig, pin: string, action: string, attempts: PinAttempts): Result<never> | undefined {
  if (!config.diagnosticsPin) return { ok: false, error: 'support actions are off: set diagnosticsPin in the configuration' };
  const checked = attempts.check(pin, config.diagnosticsPin, action);
  return checked.ok ? undefined : checked;
}

/** A bare terminal has no configuration file to write: its runner (terminal-runner.ts) answers these. */
const settingsElsewhere = (): Result<never> => ({ ok: false, error: 'settings are kept by the app that runs this terminal' });

const defaultLog: Log = (level, message) => console[level === 'info' ? 'log' : level](`[kds] ${message}`);

/** Status pushes are coalesced like ticket deltas: a draining backlog changes lag constantly. */
const STATUS_COALESCE_MS = 250;

/**
 * The one composition root: builds a terminal from its configuration — storage, the change
 * feed, both consumers, the outbox publisher, the retry worker, the broker probe, the ticket
 * stream — and starts it. The Electron main process, `serve` and the tests all start terminals
 * here. Throws (before anything runs) on a configuration the environment guard refuses.
 */
export function startTerminal(config: KdsConfig, options: TerminalOptions = {}): Terminal {
  checkTopics(config);
  const clock = options.clock ?? systemClock;
  const recentLog = new RecentLog();
  const log = recentLog.around(options.log ?? defaultLog, () => clock.now());
  const feed = new ChangeFeed();
  const storage = Storage.open(config.dataDir, feed);
  const faults = new FaultBoard(feed, log);
  const access = options.access ?? ScreenAccess.open(config.dataDir, clock, log);
  const pinAttempts = options.pinAttempts ?? new PinAttempts(() => clock.now(), log);
  const loopHooks = { onError: faults.report, onRecovered: faults.recovered };

  const client = config.orderDetailUrl ? new OrderDetailClient(config.orderDetailUrl, config.orderDetailTimeoutMs) : undefined;
  const context: ProcessorContext = {
    merchantId: config.merchantId,
    maxRecordBytes: config.maxRecordBytes,
    canEnrich: client !== undefined,
    retryBaseDelayMs: config.retry.baseDelayMs,
    noteClockSkew: (skewMs) => status.noteClockSkew(skewMs),
  };
  const groupId = consumerGroupId(config);
  const status = new TerminalStatus(
    config,
    storage,
    feed,
    faults,
    () => orders.highWatermarks,
    () => orders.logStarts,
    () => orders.partitionsRead(),
    () => storage.storageFullSince,
  );
  // Routed mode (README "Routed mode"): only the merchant's partitions, its shard count from the routing table.
  const routing =
    config.routing === 'routed'
      ? new MerchantRouting(config, `${groupId}.routing`, {
          log,
          clock,
          onChange: () => orders.rejoin(),
          onState: (state) => status.setRouting(state),
        })
      : undefined;
  const orders = new TopicConsumer(
    config,
    storage,
    {
      topic: config.topics.orders,
      groupId,
      label: 'orders',
      counterPrefix: 'records',
      handle: (tx, record, now) => processRecord(tx, record, context, now),
      select: routing && (async (count) => merchantPartitions(config.merchantId, await routing.shardCount(), count)),
    },
    { log, clock, onState: (state, detail) => status.setConsumerState(state, detail) },
  );
  // Its own group and consumer: trouble with the kitchen-events topic never holds up orders.
  const kitchen = new TopicConsumer(
    config,
    storage,
    {
      topic: config.topics.kitchenEvents,
      groupId: `${groupId}.kitchen`,
      label: 'kitchen events',
      counterPrefix: 'kitchen',
      handle: (tx, record, now) => processKitchenRecord(tx, record, context, now),
      // Kitchen events are few: one partition per merchant, keyed by its id.
      select: routing && ((count) => merchantPartitions(config.merchantId, 1, count)),
    },
    // The order consumer's state is the one shown; a refusal is the same cluster check for both.
    { log, clock, onState: (state, detail) => state === 'refused' && status.setConsumerState(state, detail) },
  );

  const publisher = new OutboxPublisher(storage, config.topics.kitchenEvents, new KafkaPublishTransport(config, log), { log, clock });
  const worker = new RetryWorker(storage, {
    client,
    maxAttempts: config.retry.maxAttempts,
    baseDelayMs: config.retry.baseDelayMs,
    maxDelayMs: config.retry.maxDelayMs,
    gapTimeoutMs: config.gapTimeoutMs,
    log: (message) => log('warn', message),
    clock,
    ...loopHooks,
  });
  const housekeeping = new Housekeeping(storage, { retention: config.retention, backups: true, clock, onError: faults.report });
  const probe = new BrokerProbe(
    config,
    (result) => {
      const changed = status.setOnline(result.online, result.error, result.highWatermarks, result.reason);
      if (changed !== 'unchanged') log('info', `broker ${changed}${result.error ? `: ${result.error}` : ''}`);
      if (changed === 'online') {
        orders.retryNow();
        kitchen.retryNow();
        publisher.retryNow();
      }
    },
    { clock, ...loopHooks },
  );
  const stream = new TicketStream(storage, {
    stations: config.stations,
    timing: config.kitchen,
    coalesceMs: options.coalesceMs,
    clock,
    // Not a cook's action: a power cut may lose it, and the screen shows the order again at the next start.
    onFirstShown: (orderIds, at) => storage.transact((tx) => tx.audit.shown(orderIds, at), 'replayable'),
    ...loopHooks,
  });

  const statusListeners = new Set<(status: CoreStatus) => void>();
  const statusPush = new SupervisedLoop({
    name: 'status push',
    tick: () => {
      if (statusListeners.size > 0) {
        const current = status.current();
        for (const listener of statusListeners) listener(current);
      }
      return 'idle';
    },
    clock,
    ...loopHooks,
  });
  const offFeed = feed.subscribe((change) => {
    if (change.orders.length > 0 || change.kitchen.length > 0) stream.invalidate([...change.orders, ...change.kitchen]);
    // Whatever was written may have queued a retry or parked an event.
    if (change.orders.length > 0 || change.status) worker.wake();
    statusPush.wake(STATUS_COALESCE_MS);
  });

  const { screen, terminalId, stations, merchantId } = config;
  const actions = new KitchenActions(storage, { merchantId, terminalId, stations, timing: config.kitchen }, () => clock.now());
  const ok = <T>(value: T): Result<T> => ({ ok: true, value });
  const pinRefusal = (pin: string, action: string) => supportPinRefusal(config, pin, action, pinAttempts);
  const pairing = () => ok(access.newPairing());
  const deadLetterViews = () =>
    storage.deadLetters.recent(50).map((letter) => ({
      id: letter.id,
      reason: letter.reason,
      detail: letter.detail,
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
      orderId: letter.order_id,
      eventId: letter.event_id,
      rawSize: letter.raw_size,
      createdAt: new Date(letter.created_at).toISOString(),
    }));
  const api: AppApi = {
    snapshot: () => {
      stream.flush();
      const snapshot: TicketSnapshot = { ...stream.snapshot(), status: status.current(), screen: { ...screen, terminalId, stations } };
      return ok(snapshot);
    },
    status: () => ok(status.current()),
    execute: (command) => {
      const result = actions.execute(command);
      if (result.ok) {
        publisher.wake();
        // The tapping cook sees the result at once, before the next coalesced delta.
        stream.flush();
      }
      return result;
    },
    acknowledgeNotices: ({ uptoId }) =>
      ok(
        storage.transact((tx) => {
          tx.changes.status = true;
          return { acknowledged: tx.logs.acknowledge(uptoId, clock.now()) };
        }),
      ),
    replayOrders: ({ since, pin }) => {
      const refused = pinRefusal(pin, 'a replay');
      if (refused) return refused;
      const at = Date.parse(since);
      if (at > clock.now()) return { ok: false, error: 'the replay must start in the past' };
      orders.replayFrom(at);
      log('warn', `support replay: the orders topic is read again from ${new Date(at).toISOString()}`);
      return ok({ since: new Date(at).toISOString() });
    },
    pairScreen: () => pairing(),
    testConnection: () => testKafkaConnection(config),
    rotateScreenAccess: ({ pin }) => {
      const refused = pinRefusal(pin, 'a rotation of screen access');
      if (refused) return refused;
      access.rotate();
      log('warn', 'screen access rotated: every paired screen must pair again');
      return pairing();
    },
    pairedScreens: ({ pin }) => pinRefusal(pin, 'the list of paired screens') ?? ok(access.pairedScreens()),
    revokeScreen: ({ id, pin }) => {
      const refused = pinRefusal(pin, 'unpairing a screen');
      if (refused) return refused;
      if (!access.revoke(id)) return { ok: false, error: 'no such paired screen (unpaired already?)' };
      log('warn', 'a screen was unpaired from diagnostics');
      return ok(access.pairedScreens());
    },
    diagnosticsExport: () =>
      ok(
        withoutDataFolder(
          {
            exportedAt: new Date(clock.now()).toISOString(),
            version: KDS_VERSION,
            config: redactedConfig(config),
            status: status.current(),
            deadLetters: deadLetterViews(),
            log: recentLog.all(),
          },
          config.dataDir,
        ),
      ),
    deadLetters: () => ok(deadLetterViews()),
    speedOfService: async ({ day }) => {
      const started = performance.now();
      const figures = await speedOfService(storage, {
        day: day ?? localDay(clock.now()),
        warnMinutes: screen.warnMinutes,
        lateMinutes: screen.lateMinutes,
        retentionDays: config.retention.closedOrderDays,
      });
      return ok({ ...figures, computedInMs: Math.round((performance.now() - started) * 10) / 10 });
    },
    speedOfServiceCsv: async ({ day }) => {
      const chosen = day ?? localDay(clock.now());
      return ok({ fileName: `kds-speed-of-service-${chosen}.csv`, ...(await speedOfServiceCsv(storage, chosen, screen.lateMinutes)) });
    },
    auditSearch: ({ query }) => ok(storage.audit.find(query)),
    auditTimeline: ({ orderId }) => {
      const timeline = auditTimeline(storage, orderId, terminalId);
      return timeline
        ? ok(timeline)
        : { ok: false, error: `no order ${orderId} on this terminal (never received, or older than its history)` };
    },
    settings: settingsElsewhere,
    testSettings: settingsElsewhere,
    saveSettings: settingsElsewhere,
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
      if (event === 'delta') return stream.subscribe(listener as (payload: EventPayload<'delta'>) => void);
      const statusListener = listener as (payload: EventPayload<'status'>) => void;
      statusListeners.add(statusListener);
      return () => statusListeners.delete(statusListener);
    },
  };

  statusPush.start();
  worker.start();
  housekeeping.start();
  probe.start();
  routing?.start();
  orders.start();
  kitchen.start();
  publisher.start();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // Screens first, then what writes: consumers, publisher, worker; the database last.
      offFeed();
      statusListeners.clear();
      await Promise.all([stream.close(), statusPush.stop()]);
      await Promise.all([
        routing?.stop(),
        orders.stop(),
        kitchen.stop(),
        publisher.stop(),
        worker.stop(),
        housekeeping.stop(),
        probe.stop(),
      ]);
      storage.close();
    })());
  return { config, api, access, status: () => status.current(), stop };
}
