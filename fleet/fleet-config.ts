import { readFileSync } from 'node:fs';
import { isLoopback } from '../shared/loopback';
import { z } from 'zod';
import { healthTopic } from '../shared/terminal-health';

const topicName = z.string().min(1).max(249);

/** The fleet service's settings file (`KDS_FLEET_CONFIG`), each field overridable by an environment variable. */
export const fleetConfigSchema = z
  .object({
    brokers: z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port')).min(1),
    /** The deployment whose terminals this service watches (topics `<env>.…`). */
    env: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _'),
    /** filter: `<env>.orders` / `<env>.kitchen-events`; routed: `<env>.kds-orders` / `<env>.kds-kitchen-events`. */
    routing: z.enum(['filter', 'routed']).default('filter'),
    topics: z
      .object({ health: topicName.optional(), orders: topicName.optional(), kitchenEvents: topicName.optional() })
      .strict()
      .default({}),
    groupId: z.string().min(1).max(200).default('kds-fleet'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(7070),
    /** The bearer token of the page and /metrics; without one, generated into dataDir on first start. */
    token: z.string().min(24, 'at least 24 characters').optional(),
    dataDir: z.string().min(1).default('.kds-data/fleet'),
    /** Required when `host` is not a loopback address: the page and /metrics carry a bearer token. */
    tls: z
      .object({ certFile: z.string().min(1), keyFile: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type FleetConfig = Omit<z.output<typeof fleetConfigSchema>, 'topics'> & {
  topics: { health: string; orders: string; kitchenEvents: string };
};

/** Reads the settings: the file named by KDS_FLEET_CONFIG (if any), then KDS_FLEET_* variables. Throws one clear message on bad input. */
export function loadFleetConfig(environment: NodeJS.ProcessEnv): FleetConfig {
  let file: Record<string, unknown> = {};
  const path = environment.KDS_FLEET_CONFIG;
  if (path) {
    try {
      file = z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new Error(`KDS_FLEET_CONFIG: ${path} is not a readable JSON object (${(error as Error).message})`, { cause: error });
    }
  }
  const fromEnv: Record<string, unknown> = {
    ...(environment.KDS_FLEET_BROKERS ? { brokers: environment.KDS_FLEET_BROKERS.split(',').map((b) => b.trim()) } : {}),
    ...(environment.KDS_FLEET_ENV ? { env: environment.KDS_FLEET_ENV } : {}),
    ...(environment.KDS_FLEET_PORT ? { port: Number(environment.KDS_FLEET_PORT) } : {}),
    ...(environment.KDS_FLEET_HOST ? { host: environment.KDS_FLEET_HOST } : {}),
    ...(environment.KDS_FLEET_TOKEN ? { token: environment.KDS_FLEET_TOKEN } : {}),
    ...(environment.KDS_FLEET_DATA ? { dataDir: environment.KDS_FLEET_DATA } : {}),
  };
  const parsed = fleetConfigSchema.safeParse({ brokers: ['127.0.0.1:9092'], env: 'dev', ...file, ...fromEnv });
  if (!parsed.success) {
    throw new Error(`fleet settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return resolveFleetConfig(parsed.data);
}

export function resolveFleetConfig(config: z.output<typeof fleetConfigSchema>): FleetConfig {
  if (!isLoopback(config.host) && !config.tls) {
    throw new Error(
      `fleet settings: host ${config.host} is beyond loopback, so tls.certFile and tls.keyFile are required (the page and /metrics carry a token)`,
    );
  }
  const routed = config.routing === 'routed';
  return {
    ...config,
    topics: {
      health: config.topics.health ?? healthTopic(config.env),
      orders: config.topics.orders ?? (routed ? `${config.env}.kds-orders` : `${config.env}.orders`),
      kitchenEvents: config.topics.kitchenEvents ?? (routed ? `${config.env}.kds-kitchen-events` : `${config.env}.kitchen-events`),
    },
  };
}
