/**
 * Writes docs/asyncapi.yaml: the AsyncAPI 3 description of every topic kds reads and writes. The
 * payload schemas are generated from the zod contracts in shared/ and the Avro forms taken from
 * shared/avro/, so the document cannot drift from the code; test/unit/asyncapi.test.ts fails when
 * the committed document differs from what this script writes. After changing a contract, run:
 *
 *   node_modules/.bin/tsx scripts/kafka/asyncapi.ts
 *
 * It has no npm script on purpose: every `npm run` command README documents is run by a test, and
 * this one only needs running when the unit test says the document is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig as resolvePrettierConfig } from 'prettier';
import { stringify } from 'yaml';
import { z } from 'zod';
import { kitchenEventAvro } from '../../shared/avro/kitchen-event';
import { orderEventAvro } from '../../shared/avro/order-event';
import { KITCHEN_EVENT_TYPES, kitchenEventSchema, type KitchenEventType } from '../../shared/kitchen-events';
import { MERCHANT_HEADER, ORDER_EVENT_TYPES, orderEventSchema, type OrderEventType } from '../../shared/order-events';
import { KDS_VERSION } from '../../shared/product';
import { MAX_SHARDS, routingEntrySchema } from '../../shared/routing-table';
import { HEALTH_INTERVAL_MS, terminalHealthSchema } from '../../shared/terminal-health';

type JsonObject = { [key: string]: unknown };

export const ASYNCAPI_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'asyncapi.yaml');

/** What each order event type means to a terminal; a `Record` so a type added to the contract fails type-checking until described. */
const ORDER_EVENT_MEANINGS: Record<OrderEventType, string> = {
  ORDER_PLACED: 'a new order; `order` carries the full snapshot, or is absent (a thin event, enriched from the order-detail API)',
  ORDER_UPDATED: "the order changed; `order` carries the new snapshot (thin as for PLACED), which replaces the ticket's lines",
  ORDER_PAID: 'the order was paid',
  ORDER_CANCELLED: 'stop cooking: applied at once, even across a version gap; `reason` says why',
  ORDER_COMPLETED: 'the order was handed over; its ticket leaves the screens',
};

/** Who writes each kitchen event type and what it says; typed as above, so every type of the contract is described. */
const KITCHEN_EVENT_MEANINGS: Record<KitchenEventType, string> = {
  TICKET_STARTED: 'cook action: a station (`station`) or expo started the ticket',
  TICKET_BUMPED: "cook action: bumped; `orderVersion` is the order's version on screen (a later change brings the ticket back)",
  TICKET_RECALLED: 'cook action: a bumped ticket brought back',
  ITEM_DONE: 'cook action: a line (`lineId`) struck as done',
  ITEM_UNDONE: 'cook action: a struck line (`lineId`) restored',
  VOID_ACKNOWLEDGED: 'cook action: a cancelled order or removed line acknowledged',
  COURSE_FIRED: 'cook action: a course (`course`) fired before its time',
  ORDER_ANSWERED:
    "claim: a terminal's answer to an order with a deadline (`answer`; accepted: `prepMinutes`, `quote`; rejected: `reason`, `outOfStock`); the first in the topic's order decides",
  TICKET_RENDERED: "claim: a screen rendered the ticket (`station`); the first per order and station in the topic's order decides",
  TICKET_SHOWN: 'signal, decided once per order and station: the ticket is on a screen; `signalOf` names the winning TICKET_RENDERED',
  ORDER_ACCEPTED:
    'signal, decided once per order: accepted, ready in `prepMinutes`, with the `quote` it came from; `signalOf` names the winning ORDER_ANSWERED',
  ORDER_REJECTED: 'signal, decided once per order: rejected, with `reason` and `outOfStock`; `signalOf` names the winning ORDER_ANSWERED',
  PREP_TIME_UPDATED:
    'signal: an accepted order will be ready in `prepMinutes` from now (the kitchen runs behind its promise), with its `quote`',
  ORDER_READY:
    "signal, decided once per order: ready, from a cook's bump (expo's, or the order's last station's), never from a timer; `signalOf` names the bump",
  ITEM_AVAILABILITY:
    "signal, kitchen-wide: an item (`item`, as the platform names it) 86'd (`available: false`, until `until` or said otherwise) or back",
  KITCHEN_PAUSED: 'signal, kitchen-wide: send no new orders, until `until` or KITCHEN_RESUMED',
  KITCHEN_RESUMED: 'signal, kitchen-wide: the kitchen takes orders again',
};

/** A bulleted Markdown list of types and their meanings, in the contract's own order. */
function typeList<Type extends string>(types: readonly Type[], meanings: Record<Type, string>): string {
  return types.map((type) => `- \`${type}\`: ${meanings[type]}`).join('\n');
}

/**
 * A zod contract as JSON Schema draft-07 (the base of AsyncAPI's own schema format), as a
 * producer must write it (`io: 'input'`: defaults optional, transforms not applied; unknown fields
 * stay allowed, as terminals ignore them). Two edits, both for readers rather than validators:
 * `$schema` goes (the document's format says it), and zod's long ISO regex beside
 * `format: date-time` goes, RFC 3339's date-time (offset required) saying the same.
 */
function jsonSchemaOf(schema: z.ZodType): JsonObject {
  const generated: JsonObject = {
    ...z.toJSONSchema(schema, {
      io: 'input',
      target: 'draft-7',
      override: ({ jsonSchema }) => {
        if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
      },
    }),
  };
  delete generated.$schema;
  return generated;
}

/** The payload schemas of the document's JSON messages, by component name: what the drift test compares. */
export function payloadSchemas(): Record<string, JsonObject> {
  return {
    OrderEvent: jsonSchemaOf(orderEventSchema),
    KitchenEvent: jsonSchemaOf(kitchenEventSchema),
    RoutingEntry: jsonSchemaOf(routingEntrySchema),
    TerminalHealth: jsonSchemaOf(terminalHealthSchema),
  };
}

const ref = (path: string) => ({ $ref: `#/components/${path}` });

/** Kafka bindings' version this document is written against. */
const KAFKA_BINDING = '0.5.0';

/** Confluent's wire format as the Kafka binding says it: the schema id inside the value, the subject `<topic>-value`. */
const CONFLUENT_WIRE_FORMAT = {
  schemaIdLocation: 'payload',
  schemaIdPayloadEncoding: 'confluent',
  schemaLookupStrategy: 'TopicNameStrategy',
};

/** The value is Avro binary behind Confluent's 5-byte prefix: no media type names that, so bytes it is, the binding saying the rest. */
const AVRO_CONTENT_TYPE = 'application/octet-stream';
const AVRO_SCHEMA_FORMAT = 'application/vnd.apache.avro;version=1.9.0';

const AVRO_ENCODING_NOTE = [
  "Confluent's wire format: byte 0, the writer schema's id (4 bytes, big-endian) in the schema registry, then the Avro binary body.",
  'The schema is registered under the subject `<topic>-value`; readers resolve the writer schema against their own, so fields a newer writer added are ignored and missing ones take their defaults.',
  'A record whose first byte is 0 is Avro, anything else JSON: one topic may carry both during a migration. An Avro null reads as an absent JSON field; keys stay UTF-8 text.',
].join(' ');

interface MessageSpec {
  name: string;
  title: string;
  summary: string;
  description: string;
  key: JsonObject;
  payload: JsonObject;
  /** The payload is Avro in Confluent's wire format, rather than JSON. */
  avro?: boolean;
  headers?: JsonObject;
}

function message(spec: MessageSpec): JsonObject {
  return {
    name: spec.name,
    title: spec.title,
    summary: spec.summary,
    description: spec.description,
    contentType: spec.avro ? AVRO_CONTENT_TYPE : 'application/json',
    ...(spec.headers ? { headers: spec.headers } : {}),
    payload: spec.payload,
    bindings: { kafka: { key: spec.key, ...(spec.avro ? CONFLUENT_WIRE_FORMAT : {}), bindingVersion: KAFKA_BINDING } },
  };
}

/** One event contract (orders, kitchen events): its JSON and Avro schemas are components named `<name>` and `<name>Avro`. */
interface EventContract {
  /** The message id of its JSON form in filter mode; the other forms' ids derive from it. */
  id: string;
  name: string;
  title: string;
  summary: string;
  /** The contract and its types, said once, on the JSON message of filter mode. */
  description: string;
  avroSource: string;
  key: JsonObject;
  routedKey: JsonObject;
}

/**
 * A contract's four messages: JSON and Avro, keyed as in filter mode and as in routed mode. The
 * key differs between modes and the Kafka binding carries the key on the message, hence one
 * message per mode; the others point at the first one's description rather than repeat it.
 */
function eventMessages(contract: EventContract): Record<string, JsonObject> {
  const common = { summary: contract.summary, headers: ref('schemas/MerchantIdHeader') };
  const json = ref(`schemas/${contract.name}`);
  const avro = ref(`schemas/${contract.name}Avro`);
  const seeContract = `The ${contract.name} message says the contract and its types.`;
  const avroDescription = `${contract.name} in Avro (\`${contract.avroSource}\`). ${AVRO_ENCODING_NOTE} ${seeContract}`;
  const routedDescription = `${contract.name} in routed mode: the same value and header, keyed by merchant. ${seeContract}`;
  const routedAvroDescription = `${contract.name} in routed mode (the same value and header, keyed by merchant), in Avro (\`${contract.avroSource}\`). ${AVRO_ENCODING_NOTE} ${seeContract}`;
  return {
    [contract.id]: message({
      ...common,
      name: contract.name,
      title: contract.title,
      description: contract.description,
      key: contract.key,
      payload: json,
    }),
    [`${contract.id}Avro`]: message({
      ...common,
      name: `${contract.name}Avro`,
      title: `${contract.title} (Avro)`,
      description: avroDescription,
      key: contract.key,
      payload: avro,
      avro: true,
    }),
    [`routed${contract.name}`]: message({
      ...common,
      name: `Routed${contract.name}`,
      title: `${contract.title}, routed`,
      description: routedDescription,
      key: contract.routedKey,
      payload: json,
    }),
    [`routed${contract.name}Avro`]: message({
      ...common,
      name: `Routed${contract.name}Avro`,
      title: `${contract.title}, routed (Avro)`,
      description: routedAvroDescription,
      key: contract.routedKey,
      payload: avro,
      avro: true,
    }),
  };
}

/** The Avro forms of the contracts (shared/avro/), each once, as AsyncAPI's multi-format schemas. */
function avroSchemas(): Record<string, JsonObject> {
  return {
    OrderEventAvro: { schemaFormat: AVRO_SCHEMA_FORMAT, schema: orderEventAvro },
    KitchenEventAvro: { schemaFormat: AVRO_SCHEMA_FORMAT, schema: kitchenEventAvro },
  };
}

const orderKey = {
  type: 'string',
  description: "The order id (`orderId`): the platform's default partitioner keeps one order's events in order on one partition.",
};
const routedOrderKey = {
  type: 'string',
  description: `The merchant id, or \`<merchantId>#<shard>\` for a merchant the routing table spreads over shards (shard = toPositive(murmur2(utf8(orderId))) % shards, at most ${MAX_SHARDS}). Partitioned as Kafka's Java producer does: toPositive(murmur2(utf8(key))) % partitions (librdkafka producers must set \`partitioner=murmur2_random\`).`,
};
const kitchenEventKey = {
  type: 'string',
  description:
    'The order id; kitchen-wide signals (ITEM_AVAILABILITY, KITCHEN_PAUSED, KITCHEN_RESUMED) use `kitchen:<merchantId>`, their `orderId` too, so one partition keeps them in order.',
};
const routedKitchenEventKey = {
  type: 'string',
  description: "The merchant id, for every kitchen event (kitchen-wide signals included): one partition carries a merchant's kitchen.",
};

const ORDER_SUMMARY = "An event of an order's life, produced by the platform.";
const orderDescription = [
  "The platform's order event contract (`shared/order-events.ts`). `version` is n for an order's n-th event: terminals apply versions in order, park later ones until the gap fills (or ask the order-detail HTTP API after a timeout), drop stale ones and dedupe by `eventId`.",
  'Producers evolve first: terminals ignore unknown fields, show unknown channels, priorities and stations as they come, and count an unknown `type` and apply it as a no-op that keeps versions contiguous. Only what cannot be understood (not JSON, no `orderId` or `version`, a wrong type) is dead-lettered.',
  `Types:\n\n${typeList(ORDER_EVENT_TYPES, ORDER_EVENT_MEANINGS)}`,
].join('\n\n');

const KITCHEN_SUMMARY = "What a kitchen did, and the kitchen's answers to the platform, produced by a terminal.";
const kitchenDescription = [
  "The kitchen event contract (`shared/kitchen-events.ts`). Terminals apply these idempotently by `eventId` as last-writer-wins registers (not in topic order), so the screens of one kitchen agree; a type a terminal does not know is counted and skipped. The platform's consumers filter by `type`, may ignore the cook actions and the claims, must skip types they do not know (newer terminals add some) and must dedupe by `eventId`.",
  `Types:\n\n${typeList(KITCHEN_EVENT_TYPES, KITCHEN_EVENT_MEANINGS)}`,
].join('\n\n');

const routingDescription = `How many partitions of \`{env}.kds-orders\` a merchant's records are spread over (\`shared/routing-table.ts\`): \`{"shards": k}\`, 1 to ${MAX_SHARDS}. No record or a tombstone (null value) means one shard, keyed by the merchant id alone; an entry that cannot be read counts as one too. Fields added later are ignored.`;

const merchantHeader = {
  type: 'object',
  properties: {
    [MERCHANT_HEADER]: {
      type: 'string',
      description:
        "The merchant id, UTF-8, on every record (terminals always set it): consumers skip other merchants' records without parsing the value. On an order record that lacks it, terminals read the value's `merchantId`; the order router can do so only for a JSON value (an Avro order without the header reaches no kitchen).",
    },
  },
  required: [MERCHANT_HEADER],
};

const orderContract: EventContract = {
  id: 'orderEvent',
  name: 'OrderEvent',
  title: 'Order event',
  summary: ORDER_SUMMARY,
  description: orderDescription,
  avroSource: 'shared/avro/order-event.ts',
  key: orderKey,
  routedKey: routedOrderKey,
};

const kitchenContract: EventContract = {
  id: 'kitchenEvent',
  name: 'KitchenEvent',
  title: 'Kitchen event',
  summary: KITCHEN_SUMMARY,
  description: kitchenDescription,
  avroSource: 'shared/avro/kitchen-event.ts',
  key: kitchenEventKey,
  routedKey: routedKitchenEventKey,
};

const routingEntryMessage = message({
  name: 'RoutingEntry',
  title: 'Routing table entry',
  summary: "A merchant's shard count in routed mode, written by the platform.",
  description: routingDescription,
  key: { type: 'string', description: 'The merchant id (the topic is compacted: the last entry per merchant counts).' },
  payload: { oneOf: [ref('schemas/RoutingEntry'), { type: 'null', description: 'A tombstone: the merchant is back to one shard.' }] },
});

const terminalHealthMessage = message({
  name: 'TerminalHealth',
  title: 'Terminal health',
  summary: "A terminal's health for the platform's fleet service: figures only, never an address, credential, error text or order content.",
  description: `Published by every terminal every ${HEALTH_INTERVAL_MS / 1000} s, within a second of a change of state (connection, consumer, faults, a dead letter, lag or outbox appearing), and at once when the broker answers again after an outage (latest state wins: no queue of stale records). A clean stop sends a last record with \`state: "stopped"\`, so a terminal that goes quiet without one is silent, not stopped.`,
  key: { type: 'string', description: '`<merchantId>/<terminalId>` (the topic is compacted: the last record per terminal counts).' },
  payload: {
    oneOf: [ref('schemas/TerminalHealth'), { type: 'null', description: 'A tombstone: the platform removed the terminal from its fleet.' }],
  },
  headers: {
    type: 'object',
    properties: { [MERCHANT_HEADER]: { type: 'string', description: 'The merchant id, UTF-8.' } },
    required: [MERCHANT_HEADER],
  },
});

const envParameter = { env: ref('parameters/env') };

/** A channel's messages, each a reference to its component. */
function messagesOf(names: readonly string[]): JsonObject {
  return Object.fromEntries(names.map((name) => [name, ref(`messages/${name}`)]));
}

const channels = {
  orders: {
    address: '{env}.orders',
    title: 'Orders',
    description:
      'Order events as the platform produces them, keyed by order. Filter mode: every terminal reads every partition and skips other merchants by the `merchant-id` header. Routed mode: the order router reads it and re-keys it into `{env}.kds-orders`.',
    parameters: envParameter,
    messages: messagesOf(['orderEvent', 'orderEventAvro']),
  },
  kitchenEvents: {
    address: '{env}.kitchen-events',
    title: 'Kitchen events',
    description:
      "Filter mode: what every terminal's cooks did and the kitchen's answers to the platform, keyed by order. Every terminal of the merchant reads it back, its own events included, so the screens agree; the platform reads the signals.",
    parameters: envParameter,
    messages: messagesOf(['kitchenEvent', 'kitchenEventAvro']),
  },
  routedOrders: {
    address: '{env}.kds-orders',
    title: 'Orders, routed',
    description:
      "Routed mode: the same order event values (and `merchant-id` header) keyed by merchant, so a terminal reads only its merchant's partitions. Written by the order router (`router/`, Kafka Streams, exactly-once: terminals read committed records only) or by a platform that keys by merchant itself.",
    parameters: envParameter,
    messages: messagesOf(['routedOrderEvent', 'routedOrderEventAvro']),
  },
  routedKitchenEvents: {
    address: '{env}.kds-kitchen-events',
    title: 'Kitchen events, routed',
    description:
      "Routed mode: the kitchen events, keyed by merchant id, written and read back by the merchant's terminals, read by the platform.",
    parameters: envParameter,
    messages: messagesOf(['routedKitchenEvent', 'routedKitchenEventAvro']),
  },
  routingTable: {
    address: '{env}.kds-routing',
    title: 'Routing table',
    description:
      'Routed mode: a compacted topic, merchant id to shard count, written by the platform; terminals read it from its beginning at every start and follow it, and so does the order router (a global table).',
    parameters: envParameter,
    messages: messagesOf(['routingEntry']),
    bindings: { kafka: { topicConfiguration: { 'cleanup.policy': ['compact'] }, bindingVersion: KAFKA_BINDING } },
  },
  terminalHealth: {
    address: '{env}.kds-terminal-health',
    title: 'Terminal health',
    description:
      "A compacted topic of every terminal's health, keyed by merchant/terminal: terminals write it, the platform's fleet service (`npm run fleet`) reads it from its beginning at every start and serves its page, /metrics and alerts from it. Created by the platform (the fleet service does, compacted); terminals never create it.",
    parameters: envParameter,
    messages: messagesOf(['terminalHealth']),
    bindings: { kafka: { topicConfiguration: { 'cleanup.policy': ['compact'] }, bindingVersion: KAFKA_BINDING } },
  },
} as const satisfies Record<string, JsonObject>;

type ChannelName = keyof typeof channels;

/** A group id as the Kafka operation binding describes one: a string, with where its parts come from. */
const groupId = (description: string) => ({ kafka: { groupId: { type: 'string', description }, bindingVersion: KAFKA_BINDING } });
const terminalGroup = 'kds.<env>.<merchantId>.<terminalId>';

function operation(
  action: 'send' | 'receive',
  channel: ChannelName,
  summary: string,
  tag: 'terminal' | 'order router' | 'fleet service',
  bindings?: JsonObject,
): JsonObject {
  return {
    action,
    channel: { $ref: `#/channels/${channel}` },
    summary,
    tags: [{ name: tag }],
    messages: Object.keys(channels[channel].messages).map((name) => ({ $ref: `#/channels/${channel}/messages/${name}` })),
    ...(bindings ? { bindings } : {}),
  };
}

const operations = {
  receiveOrders: operation(
    'receive',
    'orders',
    "Filter mode: a terminal reads every partition and applies its own merchant's events, in version order, exactly once (offsets kept with the state in SQLite).",
    'terminal',
    groupId(`\`${terminalGroup}\`, one group per terminal: it must get every partition.`),
  ),
  sendKitchenEvents: operation(
    'send',
    'kitchenEvents',
    "Filter mode: a terminal publishes its cooks' actions and the kitchen's answers from its outbox (idempotent producer, acks from all in-sync replicas): never lost; after a failed send, possibly twice with the same `eventId`.",
    'terminal',
  ),
  receiveKitchenEvents: operation(
    'receive',
    'kitchenEvents',
    "Filter mode: every terminal reads every kitchen event of its merchant, its own included (that read-back also confirms its outbox's sends).",
    'terminal',
    groupId(`\`${terminalGroup}.kitchen\``),
  ),
  receiveRoutedOrders: operation(
    'receive',
    'routedOrders',
    "Routed mode: a terminal reads only its merchant's partitions (a partition assigner of its own), as in filter mode otherwise.",
    'terminal',
    groupId(`\`${terminalGroup}\``),
  ),
  sendRoutedKitchenEvents: operation('send', 'routedKitchenEvents', 'Routed mode: as in filter mode, keyed by merchant id.', 'terminal'),
  receiveRoutedKitchenEvents: operation(
    'receive',
    'routedKitchenEvents',
    "Routed mode: a terminal reads its merchant's partition of the kitchen events.",
    'terminal',
    groupId(`\`${terminalGroup}.kitchen\``),
  ),
  receiveRoutingTable: operation(
    'receive',
    'routingTable',
    "Routed mode: a terminal reads its merchant's shard count at start and follows changes (it then joins its group again with the new partitions).",
    'terminal',
    groupId(`\`${terminalGroup}.routing\``),
  ),
  routeOrders: operation(
    'receive',
    'orders',
    "The order router reads the platform's orders to re-key them by merchant.",
    'order router',
    groupId('`kds-router.<env>` (the Kafka Streams application id; instances sharing it share the partitions).'),
  ),
  sendTerminalHealth: operation(
    'send',
    'terminalHealth',
    'Every terminal, in either mode, reports its health: on start, every 30 s, on a change of state, and `stopped` on a clean stop.',
    'terminal',
  ),
  receiveTerminalHealth: operation(
    'receive',
    'terminalHealth',
    'The fleet service rebuilds the fleet from the compacted topic at every start and follows it.',
    'fleet service',
    groupId('`kds-fleet.health.<run>`: a fresh group at every start, so no committed offset skips a record.'),
  ),
  watchOrdersForFleet: operation(
    'receive',
    'orders',
    'The fleet service reads ORDER_PLACED (and ORDER_CANCELLED/COMPLETED) from its start on, to count orders no screen showed within 60 s.',
    'fleet service',
    groupId('`kds-fleet.orders.<run>`'),
  ),
  watchKitchenEventsForFleet: operation(
    'receive',
    'kitchenEvents',
    'The fleet service reads TICKET_SHOWN: an order shown on a screen of its kitchen is seen.',
    'fleet service',
    groupId('`kds-fleet.kitchen.<run>`'),
  ),
  readRoutingTableForRouting: operation(
    'receive',
    'routingTable',
    'The order router keeps the whole routing table in memory (a Kafka Streams global table).',
    'order router',
  ),
  sendRoutedOrders: operation(
    'send',
    'routedOrders',
    'The order router writes each order record keyed by merchant, value and headers unchanged, in Kafka transactions (exactly-once v2).',
    'order router',
  ),
};

const infoDescription = `Kafka topics of kds, the Kitchen Display System: a kitchen terminal (one merchant, its own station filter) reads the platform's order events, shows tickets to cooks and publishes what the kitchen does back.

## Who reads and writes what

| topic | written by | read by |
| --- | --- | --- |
| \`{env}.orders\` | the platform (key: order id) | terminals in filter mode; the order router |
| \`{env}.kitchen-events\` | terminals in filter mode | terminals of the same merchant; the platform |
| \`{env}.kds-orders\` | the order router, or a platform that keys by merchant | terminals in routed mode |
| \`{env}.kds-kitchen-events\` | terminals in routed mode | terminals of the same merchant; the platform |
| \`{env}.kds-routing\` (compacted) | the platform | terminals in routed mode; the order router |
| \`{env}.kds-terminal-health\` (compacted) | every terminal | the platform's fleet service |

\`env\` is the deployment (\`prod\`, \`staging\`, …). The addresses are the defaults; a terminal's configuration may rename its topics, but every topic must start with \`<env>.\`, and a terminal never creates topics. Every order and kitchen event record carries the \`${MERCHANT_HEADER}\` header. Values are UTF-8 JSON (\`application/json\`), or Avro in Confluent's wire format through a schema registry (each \`…Avro\` message); terminals read both on every topic and write kitchen events in the one their configuration names.

## The kitchen's signals

The platform reads the signals among the kitchen events, filtering by \`type\`; it may ignore the cook actions (TICKET_STARTED … COURSE_FIRED) and the claims (ORDER_ANSWERED, TICKET_RENDERED), which the terminals use among themselves.

- **Decided signals** (TICKET_SHOWN, ORDER_ACCEPTED or ORDER_REJECTED, ORDER_READY) are published exactly once per order — and per station for TICKET_SHOWN — by the terminal whose claim (TICKET_RENDERED, ORDER_ANSWERED) or finishing bump came first in the topic's order, once it has read that order back; \`signalOf\` names the claim or bump. Like every kitchen event, the record itself may reach the topic twice after a failed send: dedupe by \`eventId\`.
- **86 and pause** (ITEM_AVAILABILITY, KITCHEN_PAUSED, KITCHEN_RESUMED) are published by the terminal that made them, with \`kitchen:<merchantId>\` as their \`orderId\` and (filter mode) their key.
- PREP_TIME_UPDATED tells a new ready time for an accepted order.

## Not a topic

Terminals enrich thin order events and fill version gaps over HTTP: \`GET <orderDetailUrl>/orders/<orderId>\` answers \`{ "version": n, "order": { … } }\`, the order snapshot of OrderEvent. A 404 or an older version is replica lag, retried.

Generated by \`scripts/kafka/asyncapi.ts\` from the zod contracts in \`shared/\` and the Avro schemas in \`shared/avro/\`; do not edit by hand.`;

/** The whole document, as the object YAML is written from. */
export function asyncApiDocument(): JsonObject {
  return {
    asyncapi: '3.0.0',
    info: { title: 'kds', version: KDS_VERSION, description: infoDescription },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: "The demo's local broker (`npm run broker -- --port 9092`), plaintext on loopback.",
      },
    },
    channels,
    operations,
    components: {
      schemas: { ...payloadSchemas(), ...avroSchemas(), MerchantIdHeader: merchantHeader },
      messages: {
        ...eventMessages(orderContract),
        ...eventMessages(kitchenContract),
        routingEntry: routingEntryMessage,
        terminalHealth: terminalHealthMessage,
      },
      parameters: {
        env: {
          description: "The deployment name (a terminal's `env`): letters, digits, dot, underscore or dash.",
          examples: ['prod', 'staging'],
        },
      },
    },
  };
}

/** The document as committed: YAML, formatted by the repository's prettier settings so `prettier --write` leaves it as it is. */
export async function renderAsyncApiYaml(): Promise<string> {
  const header = '# Generated by scripts/kafka/asyncapi.ts from the contracts in shared/: edit those and run the script, not this file.\n';
  // lineWidth 0: long descriptions stay one line each, not YAML's folded style. No aliases: the objects
  // several places share (references, keys) are written out where they are used, as a reader expects.
  const yaml = header + stringify(asyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false });
  const prettierOptions = (await resolvePrettierConfig(ASYNCAPI_PATH)) ?? {};
  return format(yaml, { ...prettierOptions, filepath: ASYNCAPI_PATH });
}

if (process.argv[1] && /scripts\/kafka\/asyncapi\.ts$/.test(process.argv[1])) {
  writeFileSync(ASYNCAPI_PATH, await renderAsyncApiYaml());
  console.log(`wrote ${ASYNCAPI_PATH}`);
}
