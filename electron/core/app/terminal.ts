import type { AppApi } from '../../../shared/app-api';
import type { KdsConfig } from '../../../shared/config';
import type { CoreStatus } from '../../../shared/core-status';
import { OrderDetailClient } from '../enrich/order-detail-client';
import { processRecord, type ProcessorContext } from '../ingest/record-processor';
import { BrokerProbe } from '../kafka/broker-probe';
import { checkTopics } from '../kafka/environment-guard';
import { HealthPublisher, KafkaHealthTransport } from '../kafka/health-publisher';
import { KafkaPublishTransport, OutboxPublisher } from '../kafka/outbox-publisher';
import { merchantPartitions } from '../kafka/merchant-partitions';
import { MerchantRouting } from '../kafka/merchant-routing';
import { consumerGroupId, TopicConsumer } from '../kafka/topic-consumer';
import { KitchenActions } from '../kitchen/kitchen-actions';
import { AnswersLoop } from '../kitchen/answers-loop';
import { KitchenSignals } from '../kitchen/kitchen-signals';
import { PeerLink, peerLinkRefusal } from '../peers/peer-link';
import { processKitchenRecord, type KitchenRecordContext } from '../kitchen/kitchen-record';
import { systemClock, type Clock } from '../lib/clock';
import { consoleLog, type Log } from '../lib/log';
import { RecentLog } from '../lib/recent-log';
import { RetryWorker } from '../retry/retry-worker';
import { ChangeFeed } from '../store/change-feed';
import { Housekeeping } from '../store/housekeeping';
import { Storage } from '../store/storage';
import { TicketStream } from '../tickets/ticket-stream';
import { FaultBoard } from './fault-board';
import { healthRecord, healthStateChanged } from './health-record';
import { accessOperations } from './operations/access';
import type { CoreServices } from './operations/core-services';
import { diagnosticsOperations } from './operations/diagnostics';
import { kitchenOperations } from './operations/kitchen';
import { orderOperations } from './operations/orders';
import { peerOperations } from './operations/peers';
import { PushedEvents } from './operations/pushed-events';
import { reportOperations } from './operations/reports';
import { bareTerminalSettings } from './operations/settings';
import { supportPinRefusal } from './operations/support-pin';
import { PinAttempts } from './pin-attempts';
import { schemaRegistryParts } from './schema-registry-parts';
import { ScreenAccess } from './screen-access';
import { TerminalStatus } from './terminal-status';

// The console logger, for the shell (which reaches the core only through app/ and config/).
export { consoleLog };

export interface TerminalOptions {
  log?: Log;
  /** Longest wait before a ticket change is pushed (bursts are coalesced into one delta). */
  coalesceMs?: number;
  clock?: Clock;
  /** Screen access kept across restarts of the core (the web host holds it); else opened from the data folder. */
  access?: ScreenAccess;
  /** The support PIN's attempt limit, kept across restarts of the core (its runner holds it); else a new one. */
  pinAttempts?: PinAttempts;
  /** Where its ticket sequence starts: a restarted core continues above its predecessor's (terminal-runner.ts). */
  seqFrom?: number;
  /** How often health goes to the fleet without a change (default 30 s); tests shorten it. */
  healthIntervalMs?: number;
}

/** A running kitchen terminal: its app API for any transport, and an ordered, awaited stop. */
export interface Terminal {
  readonly config: KdsConfig;
  readonly api: AppApi;
  /** Who may use this terminal's web host (its screens' token and pairing codes). */
  readonly access: ScreenAccess;
  /** The status now, synchronously (for command-line tools and tests; screens use the API). */
  status(): CoreStatus;
  /** The ticket sequence number the screens have seen last (deltas and snapshots). */
  ticketSeq(): number;
  stop(): Promise<void>;
}

/**
 * The one composition root: builds a terminal from its configuration — storage, the change
 * feed, both consumers, the outbox publisher, the retry worker, the broker probe, the ticket
 * stream — hands them to the app API's feature modules (operations/), and starts it. The
 * Electron main process, `serve` and the tests all start terminals here. Throws (before
 * anything runs) on a configuration the environment guard refuses.
 */
export function startTerminal(config: KdsConfig, options: TerminalOptions = {}): Terminal {
  checkTopics(config);
  const peerRefusal = config.peers && peerLinkRefusal(config.peers);
  if (peerRefusal) throw new Error(peerRefusal);
  const clock = options.clock ?? systemClock;
  const recentLog = new RecentLog();
  const log = recentLog.around(options.log ?? consoleLog, () => clock.now());
  const feed = new ChangeFeed();
  const storage = Storage.open(config.dataDir, feed);
  const faults = new FaultBoard(feed, log, clock);
  const access = options.access ?? ScreenAccess.open(config.dataDir, clock, log);
  const pinAttempts = options.pinAttempts ?? new PinAttempts(() => clock.now(), log);
  const loopHooks = { onError: faults.report, onRecovered: faults.recovered };
  const seqBase = options.seqFrom ?? 0;

  // Avro records (README "Avro and the schema registry") are decoded only with a registry configured.
  const avro = schemaRegistryParts(config, { storage, feed, clock, log, loopHooks });

  // The one cycle of the graph: the status shows the order consumer's figures and routed mode's
  // table makes it rejoin, while the consumer reports into both. So it is built after them, into
  // this holder, which they read only once running (nothing runs before start()).
  const built: { orderConsumer?: TopicConsumer; peerLink?: PeerLink } = {};
  const status = new TerminalStatus({
    config,
    repositories: storage,
    feed,
    faults,
    orderConsumer: () => built.orderConsumer,
    storageFull: () => storage.storageFullSince,
    schemaRegistry: avro.status,
    peers: config.peers && (() => built.peerLink?.summary() ?? { paired: 0, reachable: 0 }),
    clock,
  });
  const groupId = consumerGroupId(config);
  // Routed mode (README "Routed mode"): only the merchant's partitions, its shard count from the routing table.
  const routing =
    config.routing === 'routed'
      ? new MerchantRouting(config, `${groupId}.routing`, {
          log,
          clock,
          onChange: () => built.orderConsumer?.rejoin(),
          onState: (state) => status.setRouting(state),
        })
      : undefined;
  const client = config.orderDetailUrl ? new OrderDetailClient(config.orderDetailUrl, config.orderDetailTimeoutMs) : undefined;
  const plainContext: ProcessorContext = {
    merchantId: config.merchantId,
    maxRecordBytes: config.maxRecordBytes,
    canEnrich: client !== undefined,
    retryBaseDelayMs: config.retry.baseDelayMs,
    noteClockSkew: (skewMs) => status.noteClockSkew(skewMs),
  };
  // Each topic's Avro records are read into its own contract.
  const context = avro.orderContext(plainContext);
  const { merchantId, terminalId, stations } = config;
  const kitchenContext: KitchenRecordContext = {
    ...avro.kitchenContext(plainContext),
    signals: new KitchenSignals({ merchantId, terminalId, answers: config.answers }),
  };
  const waitingForSchemas = avro.retryLoop(context, kitchenContext);
  const orderConsumer = (built.orderConsumer = new TopicConsumer(
    config,
    storage,
    {
      topic: config.topics.orders,
      groupId,
      label: 'orders',
      counterPrefix: 'records',
      handle: (tx, record, now) => processRecord(tx, record, context, now),
      prepare: avro.prepare,
      merchantId: config.merchantId,
      select: routing && (async (count) => merchantPartitions(config.merchantId, await routing.shardCount(), count)),
    },
    { log, clock, onState: (state, detail) => status.setConsumerState(state, detail) },
  ));
  // Its own group and consumer: trouble with the kitchen-events topic never holds up orders.
  const kitchenConsumer = new TopicConsumer(
    config,
    storage,
    {
      topic: config.topics.kitchenEvents,
      groupId: `${groupId}.kitchen`,
      label: 'kitchen events',
      counterPrefix: 'kitchen',
      handle: (tx, record, now) => processKitchenRecord(tx, record, kitchenContext, now),
      prepare: avro.prepare,
      merchantId: config.merchantId,
      // Kitchen events are few: one partition per merchant, keyed by its id.
      select: routing && ((count) => merchantPartitions(config.merchantId, 1, count)),
    },
    // The order consumer's state is the one shown; a refusal is the same cluster check for both.
    { log, clock, onState: (state, detail) => state === 'refused' && status.setConsumerState(state, detail) },
  );

  const publisher = new OutboxPublisher(
    storage,
    config.topics.kitchenEvents,
    new KafkaPublishTransport(config, log, avro.encodeKitchenEvent),
    { log, clock },
  );
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
        orderConsumer.retryNow();
        kitchenConsumer.retryNow();
        publisher.retryNow();
        health.retryNow();
      }
    },
    { clock, ...loopHooks },
  );
  let lastTicketShownAt: number | null = null;
  // The fleet's view of this terminal (docs/DESIGN.md §3, "Terminal health"): figures, never secrets.
  const health = new HealthPublisher({
    build: (state) =>
      healthRecord(config, {
        status: status.current(),
        lastDeadLetterReason: storage.deadLetters.recent(1)[0]?.reason ?? null,
        oldestUnappliedAt: storage.queue.oldestCreatedAt(),
        lastTicketShownAt,
        screensPaired: access.pairedScreens().length,
        state,
        now: clock.now(),
      }),
    changed: healthStateChanged,
    transport: new KafkaHealthTransport(config, log),
    intervalMs: options.healthIntervalMs,
    clock,
    log,
    ...loopHooks,
  });
  const stream = new TicketStream(storage, {
    stations: config.stations,
    timing: config.kitchen,
    coalesceMs: options.coalesceMs,
    clock,
    // Not a cook's action: a power cut may lose it, and the screen shows the order again at the next start.
    onFirstShown: (orderIds, at) => {
      lastTicketShownAt = at;
      storage.transact((tx) => tx.audit.shown(orderIds, at), 'replayable');
    },
    ...loopHooks,
  });
  const events = new PushedEvents({ stream, status, clock, seqBase, ...loopHooks });
  const offFeed = feed.subscribe((change) => {
    if (change.orders.length > 0 || change.kitchen.length > 0) stream.invalidate([...change.orders, ...change.kitchen]);
    // Only a queued or parked event gives the retry worker work (a wake per chunk was 4 % of a catch-up).
    if (change.retry) worker.wake();
    // Only an own event queued gives the publisher and the peers something to send (a wake per chunk was 2 % of a catch-up).
    if (change.outbox) {
      publisher.wake();
      peerLink?.wake();
    }
    if (change.status) health.wake();
    events.statusChanged();
  });

  // The kitchen's other terminals on the LAN (README "One kitchen without the internet").
  const peers = config.peers;
  const peerLink = (built.peerLink =
    peers &&
    new PeerLink(
      { ...config, peers },
      {
        storage,
        clock,
        log,
        onChange: () => feed.emit({ status: true }),
        kafkaOffline: () => !status.online,
      },
    ));

  const actions = new KitchenActions(storage, { merchantId, terminalId, stations, timing: config.kitchen, answers: config.answers }, () =>
    clock.now(),
  );
  const core: CoreServices = {
    config,
    storage,
    clock,
    log,
    recentLog,
    stream,
    status,
    actions,
    publisher,
    orderConsumer,
    pinRefusal: (pin, action) => supportPinRefusal(config, pin, action, pinAttempts),
    seqBase,
  };
  // Every row of the app API table has its handler in one feature module (operations/); `satisfies` fails the build on one missing.
  const api = {
    ...orderOperations(core),
    ...kitchenOperations(core),
    ...reportOperations(core),
    ...diagnosticsOperations(core),
    ...bareTerminalSettings(),
    ...peerOperations(core, peerLink),
    ...accessOperations({
      access: () => access,
      checkPin: (pin, action) => core.pinRefusal(pin, action) ?? { ok: true, value: pinAttempts.suspendedScreens() },
      unavailable: () => 'this terminal has no screen access',
      log,
    }),
    on: events.on.bind(events),
  } satisfies AppApi;

  const answers = new AnswersLoop(storage, {
    merchantId,
    stations,
    timing: config.kitchen,
    answers: config.answers,
    execute: (command) => {
      const result = actions.execute(command);
      if (result.ok) publisher.wake();
      return result;
    },
    clock,
    ...loopHooks,
  });

  events.start();
  worker.start();
  answers.start();
  housekeeping.start();
  probe.start();
  routing?.start();
  orderConsumer.start();
  kitchenConsumer.start();
  publisher.start();
  waitingForSchemas?.start();
  health.start();
  peerLink?.start().catch((error: unknown) => faults.report('kitchen peer link', error as Error));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // Screens first, then what writes: consumers, publisher, worker; the database last.
      offFeed();
      await Promise.all([stream.close(), events.stop(), health.stop(), peerLink?.stop()]);
      await Promise.all([
        routing?.stop(),
        orderConsumer.stop(),
        kitchenConsumer.stop(),
        publisher.stop(),
        worker.stop(),
        housekeeping.stop(),
        answers.stop(),
        probe.stop(),
        waitingForSchemas?.stop(),
      ]);
      storage.close();
    })());
  return { config, api, access, status: () => status.current(), ticketSeq: () => stream.snapshot().seq + seqBase, stop };
}
