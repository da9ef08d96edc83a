import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { SchemaRegistryConfig } from '../../../shared/config';

/**
 * Values written in Confluent's Avro wire format (kitchen events with `kitchenEventFormat:
 * "avro"`): the schema registered under `subject` once (the registry answers the same id for a
 * schema it holds), then each value encoded by the registry's own client. A registry that cannot
 * be reached fails the send, and the outbox keeps the rows until it answers.
 */
export class AvroWriter {
  private readonly registry: SchemaRegistry;
  private id: Promise<number> | undefined;

  constructor(
    config: SchemaRegistryConfig,
    private readonly subject: string,
    private readonly schema: object,
    /** Makes the schema's record from a value's JSON (every field present, absent ones null). */
    private readonly toRecord: (value: Record<string, unknown>) => Record<string, unknown>,
  ) {
    this.registry = new SchemaRegistry({
      host: config.url,
      clientId: 'kds',
      retry: { retries: 0 },
      ...(config.auth ? { auth: config.auth } : {}),
    });
  }

  private schemaId(): Promise<number> {
    this.id ??= (async () => {
      const response = await this.registry['api'].Subject.register({
        subject: this.subject,
        body: { schemaType: 'AVRO', schema: JSON.stringify(this.schema) },
      });
      return (response.data() as { id: number }).id;
    })().catch((error: unknown) => {
      this.id = undefined;
      throw new Error(`schema registry: cannot register ${this.subject} (${(error as Error).message})`);
    });
    return this.id;
  }

  async encode(json: string): Promise<Buffer> {
    const id = await this.schemaId();
    return this.registry.encode(id, this.toRecord(JSON.parse(json) as Record<string, unknown>));
  }
}
