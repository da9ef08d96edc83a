import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ASYNCAPI_PATH, payloadSchemas, renderAsyncApiYaml } from '../../scripts/kafka/asyncapi';
import { kitchenEventAvro } from '../../shared/avro/kitchen-event';
import { orderEventAvro } from '../../shared/avro/order-event';
import { kdsConfigSchema, resolveConfig } from '../../shared/config';
import { KITCHEN_EVENT_TYPES } from '../../shared/kitchen-events';
import { ORDER_EVENT_TYPES } from '../../shared/order-events';

/**
 * docs/asyncapi.yaml is the contract platforms build against: it must be valid AsyncAPI, name
 * every topic the code uses, and say what the zod and Avro contracts say today.
 */
const committed = readFileSync(ASYNCAPI_PATH, 'utf8');

/** The parts of the document these tests read, checked as they are read. */
const documentShape = z.object({
  channels: z.record(z.string(), z.object({ address: z.string() })),
  operations: z.record(z.string(), z.object({ action: z.string(), channel: z.object({ $ref: z.string() }) })),
  components: z.object({
    schemas: z.record(z.string(), z.unknown()),
    messages: z.record(z.string(), z.object({ description: z.string(), payload: z.unknown() })),
  }),
});
const document = documentShape.parse(parseYaml(committed));
const addresses = Object.values(document.channels).map((channel) => channel.address);

/** The topics a terminal of environment `env` uses in `routing` mode, by shared/config.ts's own defaults. */
function terminalTopics(env: string, routing: 'filter' | 'routed'): string[] {
  const config = kdsConfigSchema.parse({
    env,
    merchantId: 'm-1',
    terminalId: 't-1',
    routing,
    kafka: { brokers: ['127.0.0.1:9092'] },
    dataDir: 'data',
  });
  const { topics } = resolveConfig(config, undefined);
  return routing === 'routed'
    ? [topics.orders, topics.kitchenEvents, topics.routingTable, topics.health]
    : [topics.orders, topics.kitchenEvents, topics.health];
}

/** The topics the order router's topology names (`env + ".orders"`), read from its Java source. */
function routerTopics(env: string): string[] {
  const source = readFileSync('router/src/main/java/kds/router/OrderRouter.java', 'utf8');
  return [...source.matchAll(/\benv \+ "(\.[A-Za-z0-9._-]+)"/g)].map(([, suffix]) => `${env}${suffix}`);
}

describe('docs/asyncapi.yaml', () => {
  it('is valid AsyncAPI 3.0.0: the parser reports no error', { timeout: 60_000 }, async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics
      .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
      .map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`);
    expect(errors).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
  });

  it('has a channel for every topic a terminal reads or writes, in filter and routed mode', () => {
    const used = [...terminalTopics('prod', 'filter'), ...terminalTopics('prod', 'routed')].map((topic) =>
      topic.replace(/^prod\./, '{env}.'),
    );
    expect(new Set(used).size).toBe(6);
    for (const topic of used) expect(addresses).toContain(topic);
  });

  it('has a channel for every topic the order router reads or writes', () => {
    const topics = routerTopics('{env}');
    expect(topics).toEqual(expect.arrayContaining(['{env}.orders', '{env}.kds-orders', '{env}.kds-routing']));
    for (const topic of topics) expect(addresses).toContain(topic);
  });

  it('says what a terminal does: receives orders, sends and receives kitchen events, in both modes', () => {
    const channelOf = (address: string) => Object.keys(document.channels).find((name) => document.channels[name]?.address === address);
    const actions = Object.values(document.operations).map((operation) => `${operation.action} ${operation.channel.$ref}`);
    for (const [orders, kitchenEvents] of [
      ['{env}.orders', '{env}.kitchen-events'],
      ['{env}.kds-orders', '{env}.kds-kitchen-events'],
    ] as const) {
      expect(actions).toContain(`receive #/channels/${channelOf(orders)}`);
      expect(actions).toContain(`send #/channels/${channelOf(kitchenEvents)}`);
      expect(actions).toContain(`receive #/channels/${channelOf(kitchenEvents)}`);
    }
  });

  it('describes every order event type and every kitchen event type', () => {
    const orderDescription = document.components.messages.orderEvent?.description ?? '';
    const kitchenDescription = document.components.messages.kitchenEvent?.description ?? '';
    for (const type of ORDER_EVENT_TYPES) expect(orderDescription).toContain(`\`${type}\``);
    for (const type of KITCHEN_EVENT_TYPES) expect(kitchenDescription).toContain(`\`${type}\``);
  });

  it('has the payload schemas generated from the zod contracts now', () => {
    for (const [name, schema] of Object.entries(payloadSchemas())) expect(document.components.schemas[name], name).toEqual(schema);
  });

  it('carries the Avro schemas of shared/avro, each a valid Avro schema and the payload of the Avro messages', () => {
    const avroForms = { OrderEventAvro: orderEventAvro, KitchenEventAvro: kitchenEventAvro };
    for (const [name, avroSchema] of Object.entries(avroForms)) {
      const carried = z.object({ schemaFormat: z.string(), schema: z.unknown() }).parse(document.components.schemas[name]);
      expect(carried.schemaFormat, name).toMatch(/^application\/vnd\.apache\.avro;version=/);
      expect(carried.schema, name).toEqual(JSON.parse(JSON.stringify(avroSchema)));
      expect(() => avro.Type.forSchema(carried.schema as avro.Schema)).not.toThrow();
    }
    const avroPayloads = Object.entries(document.components.messages)
      .filter(([id]) => id.endsWith('Avro'))
      .map(([id, message]) => [id, message.payload]);
    expect(avroPayloads).toEqual([
      ['orderEventAvro', { $ref: '#/components/schemas/OrderEventAvro' }],
      ['routedOrderEventAvro', { $ref: '#/components/schemas/OrderEventAvro' }],
      ['kitchenEventAvro', { $ref: '#/components/schemas/KitchenEventAvro' }],
      ['routedKitchenEventAvro', { $ref: '#/components/schemas/KitchenEventAvro' }],
    ]);
  });

  it('is what scripts/kafka/asyncapi.ts writes (after changing a contract, run it: node_modules/.bin/tsx scripts/kafka/asyncapi.ts)', async () => {
    expect(committed).toBe(await renderAsyncApiYaml());
  });
});
