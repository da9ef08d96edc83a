import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { orderEventAvro, valueSubject } from '../../shared/avro/order-event';

/**
 * `npm run schema:check`: before a platform deploys a new version of a schema, asks the registry
 * whether it passes the subject's compatibility rule (kds registers its contract with BACKWARD:
 * every terminal, reading with the version it knows, must read what the new writer sends).
 *
 *   npm run schema:check -- --registry <url>/apis/ccompat/v7 --topic prod.orders --schema new.avsc
 *   npm run schema:check -- --registry <url>/apis/ccompat/v7 --topic prod.orders --register
 *
 * `--register` registers kds' own order contract (shared/avro/order-event.ts) under the topic's
 * subject and sets the subject's rule to BACKWARD. Credentials: KDS_SCHEMA_REGISTRY_USERNAME and
 * KDS_SCHEMA_REGISTRY_PASSWORD.
 */
export interface CheckResult {
  compatible: boolean;
  messages: string[];
}

function client(url: string): SchemaRegistry['api'] {
  const username = process.env.KDS_SCHEMA_REGISTRY_USERNAME;
  const password = process.env.KDS_SCHEMA_REGISTRY_PASSWORD;
  const registry = new SchemaRegistry({
    host: url,
    clientId: 'kds-schema-check',
    retry: { retries: 0 },
    ...(username && password ? { auth: { username, password } } : {}),
  });
  return registry['api'];
}

/** Whether `schema` may be registered as the subject's next version, and the registry's reasons when not. */
export async function checkSchema(url: string, subject: string, schema: object): Promise<CheckResult> {
  const response = await client(url).Subject.compatible({
    subject,
    version: 'latest',
    body: { schemaType: 'AVRO', schema: JSON.stringify(schema) },
    verbose: true,
  });
  const body = response.data() as { is_compatible: boolean; messages?: string[] };
  return { compatible: body.is_compatible, messages: body.messages ?? [] };
}

/** Registers `schema` under `subject` with the BACKWARD rule; returns its id. */
export async function registerSchema(url: string, subject: string, schema: object): Promise<number> {
  const api = client(url);
  await api.Subject.updateConfig({ subject, body: { compatibility: 'BACKWARD' } });
  const response = await api.Subject.register({ subject, body: { schemaType: 'AVRO', schema: JSON.stringify(schema) } });
  return (response.data() as { id: number }).id;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      registry: { type: 'string' },
      topic: { type: 'string' },
      subject: { type: 'string' },
      schema: { type: 'string' },
      register: { type: 'boolean', default: false },
    },
  });
  const subject = values.subject ?? (values.topic ? valueSubject(values.topic) : undefined);
  if (!values.registry || !subject || (!values.schema && !values.register)) {
    console.error(
      'usage: npm run schema:check -- --registry <url>/apis/ccompat/v7 (--topic <topic> | --subject <subject>) (--schema <file.avsc> | --register)',
    );
    process.exit(2);
  }
  if (values.register) {
    const id = await registerSchema(values.registry, subject, orderEventAvro);
    console.log(`registered kds' order contract under ${subject} (schema id ${id}), compatibility BACKWARD`);
    return;
  }
  const schema = JSON.parse(readFileSync(values.schema as string, 'utf8')) as object;
  const result = await checkSchema(values.registry, subject, schema);
  if (result.compatible) {
    console.log(`${values.schema}: compatible with ${subject} under its rule; it may be deployed`);
    return;
  }
  console.error(`${values.schema}: REFUSED, not compatible with ${subject}:`);
  for (const message of result.messages) console.error(`  ${message}`);
  process.exit(1);
}

if (process.argv[1] && /schema-check\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(`schema check failed: ${(error as Error).message}`);
    process.exit(2);
  });
}
