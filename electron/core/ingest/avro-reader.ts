import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import type { Storage, Tx } from '../store/storage';
import type { IncomingRecord } from './decode-record';

/** Confluent's wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro body. */
const MAGIC = 0;
const HEADER_BYTES = 5;
/**
 * How long one batch waits for the schemas it needs before its records with an unknown id wait in
 * the database instead: batches of every partition are applied one after another, so a slow
 * registry must not hold them longer than this.
 */
export const PREFETCH_WAIT_MS = 500;
/** A fetch still unanswered after this counts the registry unreachable (it may still answer later). */
const FETCH_TIMEOUT_MS = 5_000;

/** The schema id of a record in Confluent's wire format, or undefined for any other record (JSON). */
export function avroSchemaId(value: Buffer | null | undefined): number | undefined {
  if (!value || value.length < HEADER_BYTES || value[0] !== MAGIC) return undefined;
  return value.readUInt32BE(1);
}

/** An Avro null reads as an absent JSON field; records become plain objects. */
function toJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) if (field !== null) out[name] = toJson(field);
  return out;
}

export type AvroDecoded = { value: unknown } | { unknownSchema: number } | { poison: string };

/** Decodes a record's value synchronously, from schemas already at hand (the ingest transaction does not wait on a network). */
export interface AvroDecoding {
  decode(raw: Buffer): AvroDecoded;
}

export interface RegistryStatus {
  configured: true;
  reachable: boolean;
  /** Why the registry counts unreachable (the last failed fetch). */
  problem?: string;
  /** Records waiting for a schema the registry could not give yet. */
  waiting: number;
}

export interface AvroReaderOptions {
  /** The Confluent-compatible API's base URL (Apicurio: `<registry>/apis/ccompat/v7`). */
  url: string;
  auth?: { username: string; password: string };
  /** The terminal's storage: schemas and waiting records are read there and written in its transactions. */
  storage: Pick<Storage, 'schemas' | 'transact'>;
  now: () => number;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** The registry became reachable or unreachable (the status bar says so). */
  onReachability?: () => void;
  fetchTimeoutMs?: number;
}

type Fetched = { schema: string } | { notFound: string } | { failed: string };

/**
 * Avro records through a schema registry: writer schemas fetched by id (`@kafkajs/confluent-schema-registry`'s
 * API client), kept in SQLite (so a terminal restarted offline decodes every id it has seen), and
 * resolved against the terminal's own reader schema with avsc (fields added with defaults, enum
 * symbols read as the enum's default). Fetching is never done inside a transaction: `prepare`
 * fetches a batch's unknown ids before it is applied, and parks the records whose schema the
 * registry cannot give now; `retryWaiting` applies them once it can.
 */
export class AvroReader {
  private readonly api;
  /** Writer schemas by id, parsed. */
  private readonly writers = new Map<number, avro.Type>();
  /** Ids the registry answered "not found" for, with its answer. */
  private readonly missing = new Map<number, string>();
  private readonly inFlight = new Map<number, Promise<Fetched>>();
  private problem: string | undefined;
  private readonly fetchTimeoutMs: number;

  constructor(private readonly options: AvroReaderOptions) {
    const registry = new SchemaRegistry({
      host: options.url,
      clientId: 'kds',
      // Retries are ours (the waiting records), so a failing registry is seen at once.
      retry: { retries: 0 },
      ...(options.auth ? { auth: options.auth } : {}),
    });
    this.api = registry['api'];
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? FETCH_TIMEOUT_MS;
  }

  get registry(): string {
    return this.options.url;
  }

  status(): RegistryStatus {
    return {
      configured: true,
      reachable: this.problem === undefined,
      ...(this.problem ? { problem: this.problem } : {}),
      waiting: this.options.storage.schemas.waitingCount(),
    };
  }

  /** The writer schema of `id` from memory or the database, without a network call. */
  private writer(id: number): avro.Type | undefined {
    let type = this.writers.get(id);
    if (type) return type;
    const text = this.options.storage.schemas.get(this.registry, id);
    if (text === undefined) return undefined;
    type = avro.Type.forSchema(JSON.parse(text) as avro.Schema);
    this.writers.set(id, type);
    return type;
  }

  /** Decoding into `readerSchema` (the terminal's own version of a topic's contract). */
  decoding(readerSchema: object): AvroDecoding {
    const reader = avro.Type.forSchema(readerSchema as avro.Schema);
    const resolvers = new Map<number, ReturnType<avro.Type['createResolver']> | string>();
    return {
      decode: (raw) => {
        const id = raw.readUInt32BE(1);
        const missing = this.missing.get(id);
        if (missing !== undefined) return { poison: `schema id ${id}: ${missing}` };
        let resolver = resolvers.get(id);
        if (resolver === undefined) {
          const writer = this.writer(id);
          if (!writer) return { unknownSchema: id };
          try {
            resolver = reader.createResolver(writer);
          } catch (error) {
            resolver = `the writer schema cannot be read as this terminal's schema (${(error as Error).message.slice(0, 300)})`;
          }
          resolvers.set(id, resolver);
        }
        if (typeof resolver === 'string') return { poison: `schema id ${id}: ${resolver}` };
        try {
          return { value: toJson(reader.fromBuffer(raw.subarray(HEADER_BYTES), resolver, true)) };
        } catch (error) {
          return { poison: `schema id ${id}: the Avro body does not decode (${(error as Error).message.slice(0, 300)})` };
        }
      },
    };
  }

  private fetch(id: number): Promise<Fetched> {
    let pending = this.inFlight.get(id);
    if (pending) return pending;
    const request = (async (): Promise<Fetched> => {
      try {
        const response = await this.api.Schema.find({ id });
        const body = response.data() as { schema?: string; schemaType?: string };
        if (typeof body.schema !== 'string') return { failed: `schema id ${id}: the registry's answer holds no schema` };
        if (body.schemaType !== undefined && body.schemaType !== 'AVRO') return { notFound: `is a ${body.schemaType} schema, not Avro` };
        return { schema: body.schema };
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 404) return { notFound: `not found in the schema registry (${this.registry})` };
        return { failed: `schema registry unreachable: ${(error as Error).message}` };
      }
    })().then((fetched) => this.settle(id, fetched));
    pending = request.finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, pending);
    return pending;
  }

  private settle(id: number, fetched: Fetched): Fetched {
    if ('schema' in fetched) {
      try {
        this.writers.set(id, avro.Type.forSchema(JSON.parse(fetched.schema) as avro.Schema));
      } catch (error) {
        this.missing.set(id, `the registry's schema is not valid Avro (${(error as Error).message.slice(0, 200)})`);
        return fetched;
      }
      const now = this.options.now();
      this.options.storage.transact((tx) => tx.schemas.put(this.registry, id, fetched.schema, now));
      this.setProblem(undefined);
    } else if ('notFound' in fetched) {
      this.missing.set(id, fetched.notFound);
      this.setProblem(undefined);
    } else this.setProblem(fetched.failed);
    return fetched;
  }

  /** Why the registry counts unreachable now, or undefined: logged and announced when that changes. */
  private setProblem(problem: string | undefined): void {
    const was = this.problem;
    this.problem = problem;
    if ((was === undefined) === (problem === undefined)) return;
    if (problem) this.options.log?.('warn', problem);
    else this.options.log?.('info', 'schema registry reachable again');
    this.options.onReachability?.();
  }

  /** Fetches `id` within `waitMs`; a slower answer still lands in the cache when it comes. */
  private async fetchWithin(id: number, waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    const fetching = this.fetch(id);
    const timeout = setTimeout(() => {
      if (this.inFlight.get(id) === fetching && !this.problem) {
        this.setProblem(`schema registry unreachable: no answer for schema id ${id} in ${this.fetchTimeoutMs} ms`);
      }
    }, this.fetchTimeoutMs);
    timeout.unref();
    await Promise.race([fetching.then(() => undefined), late]);
    clearTimeout(timer);
  }

  /**
   * Before a batch is applied: fetches the schemas of its Avro records this terminal has not seen,
   * waiting at most PREFETCH_WAIT_MS (not at all while the registry is unreachable), and parks the
   * records whose schema is still unknown. Returns the records to apply now.
   */
  async prepare(records: readonly IncomingRecord[]): Promise<IncomingRecord[]> {
    // A new array every time: the caller may empty its own before filling it with the answer.
    const unknown = new Set<number>();
    for (const record of records) {
      const id = avroSchemaId(record.value);
      if (id !== undefined && !this.missing.has(id) && !this.writer(id)) unknown.add(id);
    }
    if (unknown.size === 0) return [...records];
    const waitMs = this.problem ? 0 : PREFETCH_WAIT_MS;
    await Promise.all([...unknown].map((id) => this.fetchWithin(id, waitMs)));
    const now = this.options.now();
    const ready: IncomingRecord[] = [];
    const waiting: { record: IncomingRecord; id: number }[] = [];
    for (const record of records) {
      const id = avroSchemaId(record.value);
      if (id === undefined || this.missing.has(id) || this.writers.has(id)) ready.push(record);
      else waiting.push({ record, id });
    }
    if (waiting.length > 0) {
      this.options.storage.transact((tx) => {
        for (const { record, id } of waiting) tx.schemas.wait(record, this.registry, id, now);
        // The status bar counts the records waiting for a schema.
        tx.changes.status = true;
      });
    }
    return ready;
  }

  /**
   * Fetches the schemas records wait for; for each id the registry now gives (or answers "not
   * found" for: those records then become dead letters), the topic's waiting records are handed
   * to `apply`, each in the transaction that takes it out of the waiting list. Returns how many
   * records were handed over.
   */
  async retryWaiting(apply: (tx: Tx, record: IncomingRecord) => void, topic: string): Promise<number> {
    let handed = 0;
    for (const id of this.options.storage.schemas.waitingIds(this.registry)) {
      if (!this.missing.has(id) && !this.writer(id)) await this.fetch(id);
      if (!this.missing.has(id) && !this.writers.has(id)) continue;
      for (;;) {
        const waiting = this.options.storage.schemas.waitingFor(this.registry, id, topic, 500);
        if (waiting.length === 0) break;
        this.options.storage.transact((tx) => {
          for (const record of waiting) {
            apply(tx, { ...record, waited: true });
            tx.schemas.release(record);
          }
          tx.changes.status = true;
        });
        handed += waiting.length;
      }
    }
    return handed;
  }
}
