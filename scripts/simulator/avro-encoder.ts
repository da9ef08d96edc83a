import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { orderEventAvro, valueSubject } from '../../shared/avro/order-event';
import type { OrderEvent } from '../../shared/order-events';
import { registerSchema } from '../kafka/schema-check';

/**
 * Order events as a platform on Avro sends them: the contract registered under the topic's
 * subject (rule BACKWARD), each event in Confluent's wire format (magic byte, schema id, Avro
 * body) by the registry's own client. `url` is the Confluent-compatible API (Apicurio:
 * `<registry>/apis/ccompat/v7`).
 */
export async function avroEncoder(url: string, topic: string): Promise<(event: OrderEvent) => Promise<Buffer>> {
  const id = await registerSchema(url, valueSubject(topic), orderEventAvro);
  const registry = new SchemaRegistry({ host: url });
  return (event) => registry.encode(id, event);
}
