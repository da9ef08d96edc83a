/**
 * The fleet service's Prometheus series: one list shared by the exporter, the alert rules and
 * their tests, so a renamed metric breaks a test instead of silencing an alert.
 *
 * Cardinality (issue: 50,000 terminals stay a sane series count): fleet-wide aggregates always;
 * per-terminal series (labels merchant, terminal) only for terminals not "ok" and not "stopped",
 * worst first, at most MAX_ITEMISED_TERMINALS; per-merchant series only for merchants with unseen
 * orders or with orders arriving while none of their terminals is online.
 */
export const MAX_ITEMISED_TERMINALS = 2_000;

export const FLEET_METRICS = {
  /** Terminals by fleet status (label `status`: one of FLEET_STATUSES). */
  terminals: 'kds_fleet_terminals',
  /** Terminals in trouble left out of the per-terminal series by the cap. */
  terminalsNotItemised: 'kds_fleet_terminals_not_itemised',
  /** Sum of every terminal's consumer lag (terminals whose lag is unknown count 0). */
  lagSum: 'kds_fleet_consumer_lag_sum',
  /** Sum of every terminal's dead letters. */
  deadLettersSum: 'kds_fleet_dead_letters_sum',
  /** Sum of every terminal's outbox depth. */
  outboxSum: 'kds_fleet_outbox_depth_sum',
  /** Orders placed and not shown on any screen of their kitchen within 60 s, fleet-wide. */
  unseenOrders: 'kds_fleet_unseen_orders',
  /** 1 while the service reads the health topic; 0 when Kafka is away (every other figure is then stale). */
  readerUp: 'kds_fleet_reader_up',
  /** Health records consumed since the service started (counter). */
  healthRecords: 'kds_fleet_health_records_total',
  /** Health records refused by the schema (counter). */
  healthRecordsRefused: 'kds_fleet_health_records_refused_total',

  /** Per terminal in trouble (labels merchant, terminal): 1 connected to Kafka, 0 not (offline, refused, silent). */
  terminalUp: 'kds_terminal_up',
  /** 1 while the terminal has sent no health for 75 s and its last record was not a clean stop (the alert waits 45 s more: 2 minutes). */
  terminalSilent: 'kds_terminal_silent',
  terminalLag: 'kds_terminal_consumer_lag',
  terminalOldestUnapplied: 'kds_terminal_oldest_unapplied_seconds',
  terminalOutbox: 'kds_terminal_outbox_depth',
  /** The terminal's dead-letter count as it reports it (only grows while the terminal keeps its database). */
  terminalDeadLetters: 'kds_terminal_dead_letters',
  terminalSecondsSinceHealth: 'kds_terminal_seconds_since_health',

  /** Per merchant (label merchant) with any: orders placed and not shown on any screen within 60 s. */
  merchantUnseenOrders: 'kds_merchant_unseen_orders',
  /** Per merchant (label merchant) with none of its terminals online: orders placed since the last one went away. */
  merchantOrdersWhileOffline: 'kds_merchant_orders_while_offline',
} as const;
